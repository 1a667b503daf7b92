package dev.hotrel.examples;

import dev.hotrel.release.Instruction;
import dev.hotrel.release.ReleaseStatus;
import dev.hotrel.release.RelupStep;
import dev.hotrel.release.Version;
import dev.hotrel.release.root.ReleaseRoot;
import dev.hotrel.tools.Progress;
import dev.hotrel.tools.archive.ArchiveLimits;
import dev.hotrel.tools.pack.PackRequest;
import dev.hotrel.tools.pack.Packer;
import dev.hotrel.tools.unpack.ReleaseUnpacker;
import dev.hotrel.tools.verify.ArchiveVerifier;
import dev.hotrel.tools.verify.VerifiedRelease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The archives the build packed with hotrel-maven-plugin's hotrel:release (target/demo-*.tar.gz): they
 * verify, they carry the expected plans up and down, they unpack into one root, and packing again
 * with the CLI's packer, from the descriptors the plugin wrote and the folders hotrel:app laid out,
 * gives the very same bytes.
 */
class ExampleReleasesTest {

    static final Path TARGET = Path.of("target");
    static final List<Path> LIB = List.of("kv-1.0.0", "kv-1.1.0", "kv-1.2.0", "kv-2.0.0", "metrics-1.0.0").stream()
            .map(app -> Path.of("apps", app, "target", "lib")).toList();
    static final List<Instruction> MOVE_KV = List.of(Instruction.Update.of("kv.store"), Instruction.Update.of("kv.listener"));

    @TempDir
    Path tmp;

    @Test
    void demo110MovesKvUpAndDownWithBothServersMigrated() throws Exception {
        VerifiedRelease v = verify("1.1.0");
        assertEquals("demo-1.1.0", v.release().id());
        assertEquals(Map.of("host", "127.0.0.1", "port", 7070), v.sys().forApplication("kv"));
        assertEquals(List.of(change("1.0.0", "1.1.0")), v.relup().upgradeFrom(Version.parse("1.0.0")).orElseThrow().steps());
        assertEquals(List.of(change("1.1.0", "1.0.0")), v.relup().downgradeTo(Version.parse("1.0.0")).orElseThrow().steps());
        assertEquals(verify("1.0.0").fingerprint(), v.relup().upFrom().get(0).fingerprint());
    }

    @Test
    void demo200AddsMetricsOnTheWayUpAndRemovesItOnTheWayDownFromBothEarlierReleases() throws Exception {
        VerifiedRelease v = verify("2.0.0");
        for (String from : List.of("1.0.0", "1.1.0")) {
            assertEquals(List.of(new RelupStep.AddApplication("metrics", Version.parse("1.0.0")), change(from, "2.0.0")),
                    v.relup().upgradeFrom(Version.parse(from)).orElseThrow().steps(), "up from " + from);
            assertEquals(List.of(new RelupStep.RemoveApplication("metrics", Version.parse("1.0.0")), change("2.0.0", from)),
                    v.relup().downgradeTo(Version.parse(from)).orElseThrow().steps(), "down to " + from);
        }
    }

    @Test
    void theFailingDemo120HasPlansOnlyFromAndBackTo110() throws Exception {
        VerifiedRelease v = verify("1.2.0");
        assertEquals(List.of(Version.parse("1.1.0")), v.relup().upFrom().stream().map(p -> p.version()).toList());
        assertEquals(List.of(change("1.1.0", "1.2.0")), v.relup().upgradeFrom(Version.parse("1.1.0")).orElseThrow().steps());
        assertEquals(List.of(change("1.2.0", "1.1.0")), v.relup().downgradeTo(Version.parse("1.1.0")).orElseThrow().steps());
    }

    @Test
    void theArchivesMakeOneRootThatHoldsEveryRelease() throws Exception {
        Path root = tmp.resolve("root");
        ReleaseUnpacker.init(root, TARGET.resolve("demo-1.0.0.tar.gz"), ArchiveLimits.DEFAULT, Progress.NONE);
        for (String version : List.of("1.1.0", "1.2.0", "2.0.0")) {
            assertEquals(ReleaseStatus.UNPACKED, ReleaseUnpacker.unpack(ReleaseRoot.at(root),
                    TARGET.resolve("demo-" + version + ".tar.gz"), ArchiveLimits.DEFAULT, Progress.NONE).release().status());
        }
        assertEquals(List.of("2.0.0 unpacked", "1.2.0 unpacked", "1.1.0 unpacked", "1.0.0 permanent"),
                ReleaseRoot.open(root).readReleases().releases().stream().map(r -> r.version() + " " + r.status()).toList());
    }

    @Test
    void packingTheSameInputsAgainGivesTheSameBytes() throws Exception {
        Path first = pack("1.0.0", List.of(), "a");
        Path second = pack("1.1.0", List.of(first), "b");
        Path third = pack("2.0.0", List.of(first, second), "c");
        assertArrayEquals(Files.readAllBytes(TARGET.resolve("demo-1.0.0.tar.gz")), Files.readAllBytes(first));
        assertArrayEquals(Files.readAllBytes(TARGET.resolve("demo-1.1.0.tar.gz")), Files.readAllBytes(second));
        assertArrayEquals(Files.readAllBytes(TARGET.resolve("demo-2.0.0.tar.gz")), Files.readAllBytes(third));
    }

    private static RelupStep change(String from, String to) {
        return new RelupStep.ChangeApplication("kv", Version.parse(from), Version.parse(to), MOVE_KV);
    }

    private static VerifiedRelease verify(String version) throws Exception {
        return ArchiveVerifier.verify(TARGET.resolve("demo-" + version + ".tar.gz"), ArchiveLimits.DEFAULT, Progress.NONE);
    }

    private Path pack(String version, List<Path> from, String into) throws Exception {
        return Packer.pack(new PackRequest(TARGET.resolve("hotrel/demo-" + version + "/release.json"), LIB, from, tmp.resolve(into),
                false, ArchiveLimits.DEFAULT), Progress.NONE).archive();
    }
}
