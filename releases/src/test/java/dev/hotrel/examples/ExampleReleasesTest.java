package dev.hotrel.examples;

import dev.hotrel.release.Instruction;
import dev.hotrel.release.ReleaseStatus;
import dev.hotrel.release.RelupStep;
import dev.hotrel.release.Version;
import dev.hotrel.release.root.ReleaseRoot;
import dev.hotrel.runtime.purge.PurgeMode;
import dev.hotrel.tools.Progress;
import dev.hotrel.tools.archive.ArchiveLimits;
import dev.hotrel.tools.pack.PackRequest;
import dev.hotrel.tools.pack.Packer;
import dev.hotrel.tools.unpack.ReleaseUnpacker;
import dev.hotrel.tools.unpack.UnpackResult;
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
 * The archives the build packed with the hotrel CLI (target/demo-*.tar.gz): they verify, they
 * carry the expected plans, they unpack into a root, and packing the same inputs again gives the
 * very same bytes.
 */
class ExampleReleasesTest {

    static final Path TARGET = Path.of("target");
    static final List<Path> LIB = List.of(Path.of("apps/counter-1.0.0/target/lib"), Path.of("apps/counter-1.1.0/target/lib"));

    @TempDir
    Path tmp;

    @Test
    void demo110UpgradesAndDowngradesTheCounterWithItsStateMigrated() throws Exception {
        VerifiedRelease v = ArchiveVerifier.verify(TARGET.resolve("demo-1.1.0.tar.gz"), ArchiveLimits.DEFAULT,
                Progress.NONE);
        assertEquals("demo-1.1.0", v.release().id());
        assertEquals(Map.of("step", 1), v.sys().forApplication("counter"));
        assertEquals(List.of(new RelupStep.ChangeApplication("counter", Version.parse("1.0.0"), Version.parse("1.1.0"),
                        List.of(new Instruction.Update("counter", PurgeMode.SOFT, null, Map.of("step", 1))))),
                v.relup().upgradeFrom(Version.parse("1.0.0")).orElseThrow().steps());
        assertEquals(List.of(new RelupStep.ChangeApplication("counter", Version.parse("1.1.0"), Version.parse("1.0.0"),
                        List.of(Instruction.Update.of("counter")))),
                v.relup().downgradeTo(Version.parse("1.0.0")).orElseThrow().steps());
        VerifiedRelease first = ArchiveVerifier.verify(TARGET.resolve("demo-1.0.0.tar.gz"), ArchiveLimits.DEFAULT,
                Progress.NONE);
        assertEquals(first.fingerprint(), v.relup().upFrom().get(0).fingerprint());
    }

    @Test
    void theArchivesMakeARootThatCanBeUpgraded() throws Exception {
        Path root = tmp.resolve("root");
        ReleaseUnpacker.init(root, TARGET.resolve("demo-1.0.0.tar.gz"), ArchiveLimits.DEFAULT, Progress.NONE);
        UnpackResult second = ReleaseUnpacker.unpack(ReleaseRoot.at(root), TARGET.resolve("demo-1.1.0.tar.gz"),
                ArchiveLimits.DEFAULT, Progress.NONE);
        assertEquals(ReleaseStatus.UNPACKED, second.release().status());
        assertEquals(List.of("1.1.0 unpacked", "1.0.0 permanent"), ReleaseRoot.open(root).readReleases().releases()
                .stream().map(r -> r.version() + " " + r.status()).toList());
    }

    @Test
    void packingTheSameInputsAgainGivesTheSameBytes() throws Exception {
        Path first = Packer.pack(new PackRequest(Path.of("demo-1.0.0/release.json"), LIB, List.of(), tmp.resolve("a"),
                false, ArchiveLimits.DEFAULT), Progress.NONE).archive();
        Path second = Packer.pack(new PackRequest(Path.of("demo-1.1.0/release.json"), LIB, List.of(first),
                tmp.resolve("b"), false, ArchiveLimits.DEFAULT), Progress.NONE).archive();
        assertArrayEquals(Files.readAllBytes(TARGET.resolve("demo-1.0.0.tar.gz")), Files.readAllBytes(first));
        assertArrayEquals(Files.readAllBytes(TARGET.resolve("demo-1.1.0.tar.gz")), Files.readAllBytes(second));
    }
}
