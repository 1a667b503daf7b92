package dev.hotrel.tools.pack;

import dev.hotrel.release.Instruction;
import dev.hotrel.release.Manifests;
import dev.hotrel.release.Release;
import dev.hotrel.release.Relup;
import dev.hotrel.release.RelupPlan;
import dev.hotrel.release.RelupStep;
import dev.hotrel.release.Version;
import dev.hotrel.runtime.purge.PurgeMode;
import dev.hotrel.tools.Fixtures;
import dev.hotrel.tools.InvalidReleaseException;
import dev.hotrel.tools.Problem;
import dev.hotrel.tools.Progress;
import dev.hotrel.tools.archive.ArchiveLimits;
import dev.hotrel.tools.verify.ArchiveVerifier;
import dev.hotrel.tools.verify.VerifiedRelease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackTest {

    @TempDir
    Path tmp;

    static PackResult pack(String version, Path out, List<Path> from) throws Exception {
        return Packer.pack(new PackRequest(Fixtures.descriptor(version), List.of(Fixtures.lib()), from, out, false,
                ArchiveLimits.DEFAULT), Progress.NONE);
    }

    @Test
    void packsAFirstReleaseWithoutPlans() throws Exception {
        PackResult result = pack("1.0.0", tmp, List.of());
        assertEquals(tmp.resolve("demo-1.0.0.tar.gz"), result.archive());
        assertEquals(Relup.empty(Version.parse("1.0.0")), result.relup());
        VerifiedRelease verified = ArchiveVerifier.verify(result.archive(), ArchiveLimits.DEFAULT, Progress.NONE);
        assertEquals(result.release(), verified.release());
        assertEquals(result.release().fingerprint(), verified.fingerprint());
        assertTrue(verified.fingerprint().startsWith("sha256:"));
    }

    @Test
    void packsAnUpgradeFromAnEarlierArchiveOrDescriptorAlike() throws Exception {
        Path first = pack("1.0.0", tmp.resolve("a"), List.of()).archive();
        PackResult fromArchive = pack("1.1.0", tmp.resolve("b"), List.of(first));
        PackResult fromDescriptor = pack("1.1.0", tmp.resolve("c"), List.of(Fixtures.descriptor("1.0.0")));
        String fp = pack("1.0.0", tmp.resolve("d"), List.of()).release().fingerprint();
        Relup expected = new Relup(Version.parse("1.1.0"),
                List.of(new RelupPlan(Version.parse("1.0.0"), fp, List.of(new RelupStep.ChangeApplication("counter",
                        Version.parse("1.0.0"), Version.parse("1.1.0"),
                        List.of(new Instruction.Update("counter", PurgeMode.SOFT, null, Map.of("step", 1))))))),
                List.of(new RelupPlan(Version.parse("1.0.0"), fp, List.of(new RelupStep.ChangeApplication("counter",
                        Version.parse("1.1.0"), Version.parse("1.0.0"), List.of(Instruction.Update.of("counter")))))));
        assertEquals(expected, fromArchive.relup());
        assertEquals(expected, fromDescriptor.relup());
        assertArrayEquals(Files.readAllBytes(fromArchive.archive()), Files.readAllBytes(fromDescriptor.archive()));
        VerifiedRelease verified = ArchiveVerifier.verify(fromArchive.archive(), ArchiveLimits.DEFAULT, Progress.NONE);
        assertEquals(expected, verified.relup());
    }

    @Test
    void theSameInputsGiveTheSameBytes() throws Exception {
        Path first = pack("1.0.0", tmp.resolve("a"), List.of()).archive();
        byte[] one = Files.readAllBytes(pack("1.1.0", tmp.resolve("x"), List.of(first)).archive());
        byte[] two = Files.readAllBytes(pack("1.1.0", tmp.resolve("y"), List.of(first)).archive());
        assertArrayEquals(one, two);
        // A relocated copy of the same inputs gives the same bytes too: nothing of the path leaks in.
        Path copy = tmp.resolve("copy");
        copyTree(Fixtures.standard(), copy);
        byte[] three = Files.readAllBytes(Packer.pack(new PackRequest(copy.resolve("demo-1.1.0.json"),
                List.of(copy.resolve("lib")), List.of(first), tmp.resolve("z"), false, ArchiveLimits.DEFAULT),
                Progress.NONE).archive());
        assertArrayEquals(one, three);
    }

    @Test
    void refusesAChangedApplicationWithoutAnAppupEntry() throws Exception {
        Path lib = tmp.resolve("lib");
        Fixtures.counter("1.2.0", "public long count; public long step;", "").appup("""
                {"version": "1.2.0", "upFrom": [{"version": "1.1.*", "instructions": [{"update": "counter"}]}]}
                """).writeTo(lib);
        Path descriptor = tmp.resolve("demo-1.2.0.json");
        Fixtures.descriptor(descriptor, "demo", "1.2.0", Map.of("counter", "1.2.0", "util", "1.0.0"));
        InvalidReleaseException e = assertThrows(InvalidReleaseException.class, () -> Packer.pack(new PackRequest(
                descriptor, List.of(lib, Fixtures.lib()), List.of(Fixtures.descriptor("1.0.0")), tmp, false,
                ArchiveLimits.DEFAULT), Progress.NONE));
        assertEquals(List.of(
                "application counter changes from 1.0.0 to 1.2.0, but counter-1.2.0's appup.json has no upFrom entry "
                        + "matching 1.0.0 (it has 1.1.*) (write that entry in lib/counter-1.2.0/appup.json)",
                "application counter changes from 1.2.0 to 1.0.0, but counter-1.2.0's appup.json has no downTo entry "
                        + "matching 1.0.0 (it has none) (write that entry in lib/counter-1.2.0/appup.json)"),
                e.problems().stream().map(Problem::message).toList());
        assertFalse(Files.exists(tmp.resolve("demo-1.2.0.tar.gz")));
    }

    @Test
    void refusesAChangedServerThatNoInstructionMigratesUnlessAllowed() throws Exception {
        Path lib = tmp.resolve("lib");
        Fixtures.counter("1.2.0", "public long count; public String label;", "").appup("""
                {"version": "1.2.0",
                 "upFrom": [{"version": "1.0.*", "instructions": [{"apply": {"class": "fx.counter.Counter", "method": "toString"}}]}],
                 "downTo": [{"version": "1.0.*", "instructions": [{"restart": "counter"}]}]}
                """).writeTo(lib);
        Path descriptor = tmp.resolve("demo-1.2.0.json");
        Fixtures.descriptor(descriptor, "demo", "1.2.0", Map.of("counter", "1.2.0", "util", "1.0.0"));
        PackRequest strict = new PackRequest(descriptor, List.of(lib, Fixtures.lib()),
                List.of(Fixtures.descriptor("1.0.0")), tmp, false, ArchiveLimits.DEFAULT);
        InvalidReleaseException e = assertThrows(InvalidReleaseException.class, () -> Packer.pack(strict, Progress.NONE));
        assertEquals(List.of(
                "upgrade from 1.0.0, application counter: apply calls fx.counter.Counter.toString(), which is not static",
                "upgrade from 1.0.0: server 'counter' of application counter changed between 1.0.0 and 1.2.0 "
                        + "(state class fx.counter.Counter$State changed), but no instruction migrates it; add "
                        + "{\"update\": \"counter\"} (or restart) to the appup entry, or pack with --allow-uncovered"),
                e.problems().stream().map(Problem::message).toList());
    }

    @Test
    void allowUncoveredTurnsTheRefusalIntoAWarning() throws Exception {
        Path lib = tmp.resolve("lib");
        Fixtures.counter("1.2.0", "public long count; public String label;", "").appup("""
                {"version": "1.2.0",
                 "upFrom": [{"version": "1.0.*", "instructions": []}],
                 "downTo": [{"version": "1.0.*", "instructions": [{"update": "counter"}]}]}
                """).writeTo(lib);
        Path descriptor = tmp.resolve("demo-1.2.0.json");
        Fixtures.descriptor(descriptor, "demo", "1.2.0", Map.of("counter", "1.2.0", "util", "1.0.0"));
        PackResult result = Packer.pack(new PackRequest(descriptor, List.of(lib, Fixtures.lib()),
                List.of(Fixtures.descriptor("1.0.0")), tmp, true, ArchiveLimits.DEFAULT), Progress.NONE);
        assertEquals(1, result.warnings().size());
        assertEquals(Problem.Code.UNCOVERED_CHANGE, result.warnings().get(0).code());
        assertTrue(Files.exists(result.archive()));
    }

    @Test
    void anUnchangedServerNeedsNoInstruction() throws Exception {
        Path lib = tmp.resolve("lib");
        // Same callback and state as 1.0.0, a new class elsewhere: nothing to migrate.
        Fixtures.counter("1.0.1", "public long count;", "").source("fx.counter.Extra", """
                package fx.counter;
                public final class Extra { }
                """).appup("""
                {"version": "1.0.1", "upFrom": [{"version": "1.0.0", "instructions": []}],
                 "downTo": [{"version": "1.0.0", "instructions": []}]}
                """).writeTo(lib);
        Path descriptor = tmp.resolve("demo-1.0.1.json");
        Fixtures.descriptor(descriptor, "demo", "1.0.1", Map.of("counter", "1.0.1", "util", "1.0.0"));
        PackResult result = Packer.pack(new PackRequest(descriptor, List.of(lib, Fixtures.lib()),
                List.of(Fixtures.descriptor("1.0.0")), tmp, false, ArchiveLimits.DEFAULT), Progress.NONE);
        assertEquals(List.of(), result.warnings());
    }

    @Test
    void refusesInstructionsAndManifestsNamingWhatIsNotThere() throws Exception {
        Path lib = tmp.resolve("lib");
        Fixtures.counter("1.2.0", "public long count;", "").server("ghost", "fx.counter.Ghost").appup("""
                {"version": "1.2.0",
                 "upFrom": [{"version": "1.0.*", "instructions": [{"update": "counter"}, {"update": "nobody"},
                     {"apply": {"class": "fx.counter.Missing", "method": "run"}}, {"addApplication": "metrics"}]}],
                 "downTo": [{"version": "1.0.*", "instructions": [{"update": "counter"}]}]}
                """).writeTo(lib);
        Path descriptor = tmp.resolve("demo-1.2.0.json");
        Fixtures.descriptor(descriptor, "demo", "1.2.0", Map.of("counter", "1.2.0", "util", "1.0.0"));
        InvalidReleaseException e = assertThrows(InvalidReleaseException.class, () -> Packer.pack(new PackRequest(
                descriptor, List.of(lib, Fixtures.lib()), List.of(Fixtures.descriptor("1.0.0")), tmp, false,
                ArchiveLimits.DEFAULT), Progress.NONE));
        assertEquals(List.of(
                "upgrade from 1.0.0, application counter: 'update' names server 'nobody', which counter@1.0.0 does "
                        + "not list in its app.json servers",
                "upgrade from 1.0.0, application counter: 'update' names server 'nobody', which counter@1.2.0 does "
                        + "not list in its app.json servers",
                "upgrade from 1.0.0, application counter: 'addApplication' names application 'metrics', which the "
                        + "release entered does not include"),
                e.problems().stream().map(Problem::message).toList());
    }

    @Test
    void refusesClassesThatAreNotInTheJarsOrAreNotWhatTheyMustBe() throws Exception {
        Path lib = tmp.resolve("lib");
        Fixtures.counter("1.2.0", "public long count;", "").server("ghost", "fx.counter.Ghost")
                .server("plain", "fx.counter.Plain").source("fx.counter.Plain", """
                        package fx.counter;
                        public final class Plain { }
                        """).appup("""
                {"version": "1.2.0",
                 "upFrom": [{"version": "1.0.*", "instructions": [{"update": "counter"}, {"add": "ghost"}, {"add": "plain"},
                     {"apply": {"class": "fx.counter.Missing", "method": "run"}},
                     {"apply": {"class": "fx.counter.Counter", "method": "init", "args": ["x", "y"]}}]}],
                 "downTo": [{"version": "1.0.*", "instructions": [{"update": "counter"}]}]}
                """).writeTo(lib);
        Path descriptor = tmp.resolve("demo-1.2.0.json");
        Fixtures.descriptor(descriptor, "demo", "1.2.0", Map.of("counter", "1.2.0", "util", "1.0.0"));
        InvalidReleaseException e = assertThrows(InvalidReleaseException.class, () -> Packer.pack(new PackRequest(
                descriptor, List.of(lib, Fixtures.lib()), List.of(Fixtures.descriptor("1.0.0")), tmp, false,
                ArchiveLimits.DEFAULT), Progress.NONE));
        assertEquals(List.of(
                "lib/counter-1.2.0/app.json: server 'ghost' names class fx.counter.Ghost, which is not in the jars of "
                        + "counter@1.2.0",
                "lib/counter-1.2.0/app.json: server 'plain' fx.counter.Plain does not implement dev.hotrel.api.Server",
                "upgrade from 1.0.0, application counter: apply names class fx.counter.Missing, which is not in the "
                        + "jars of counter@1.2.0",
                "upgrade from 1.0.0, application counter: apply calls fx.counter.Counter.init(String, String), but "
                        + "counter@1.2.0 has no public method of that name taking 2 String arguments"),
                e.problems().stream().map(Problem::message).toList());
    }

    @Test
    void refusesAMissingApplicationAndABadDescriptor() throws Exception {
        Path descriptor = tmp.resolve("demo-2.0.0.json");
        Fixtures.descriptor(descriptor, "demo", "2.0.0", Map.of("counter", "9.9.9"));
        InvalidReleaseException e = assertThrows(InvalidReleaseException.class, () -> Packer.pack(new PackRequest(
                descriptor, List.of(Fixtures.lib()), List.of(), tmp, false, ArchiveLimits.DEFAULT), Progress.NONE));
        assertEquals("application counter@9.9.9 not found: no counter-9.9.9/app.json in " + Fixtures.lib(),
                e.problems().get(0).message());
        Files.writeString(descriptor, "{\"name\": \"demo\", \"version\": \"2.0\"}");
        e = assertThrows(InvalidReleaseException.class, () -> Packer.pack(new PackRequest(
                descriptor, List.of(Fixtures.lib()), List.of(), tmp, false, ArchiveLimits.DEFAULT), Progress.NONE));
        assertEquals(descriptor + ": version: bad version '2.0' (expected " + Version.EXPECTED + ")",
                e.problems().get(0).message());
    }

    @Test
    void thePackedReleaseJsonCarriesTheFingerprint() throws Exception {
        PackResult result = pack("1.0.0", tmp, List.of());
        Release original = Manifests.read(Fixtures.descriptor("1.0.0"), Release.class);
        assertEquals(original.withFingerprint(result.release().fingerprint()), result.release());
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
