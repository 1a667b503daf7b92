package dev.hotrel.tools.unpack;

import dev.hotrel.release.AppRef;
import dev.hotrel.release.ReleaseStatus;
import dev.hotrel.release.Releases;
import dev.hotrel.release.Version;
import dev.hotrel.release.root.ReleaseRoot;
import dev.hotrel.release.root.RootLock;
import dev.hotrel.tools.Fixtures;
import dev.hotrel.tools.InvalidReleaseException;
import dev.hotrel.tools.Progress;
import dev.hotrel.tools.archive.ArchiveLimits;
import dev.hotrel.tools.pack.PackRequest;
import dev.hotrel.tools.pack.Packer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReleaseUnpackerTest {

    @TempDir
    static Path shared;
    static Path first;
    static Path second;

    @TempDir
    Path tmp;

    @BeforeAll
    static void pack() throws Exception {
        first = Packer.pack(new PackRequest(Fixtures.descriptor("1.0.0"), List.of(Fixtures.lib()), List.of(),
                shared, false, ArchiveLimits.DEFAULT), Progress.NONE).archive();
        second = Packer.pack(new PackRequest(Fixtures.descriptor("1.1.0"), List.of(Fixtures.lib()), List.of(first),
                shared, false, ArchiveLimits.DEFAULT), Progress.NONE).archive();
    }

    private ReleaseRoot initRoot() throws Exception {
        ReleaseUnpacker.init(tmp.resolve("root"), first, ArchiveLimits.DEFAULT, Progress.NONE);
        return ReleaseRoot.at(tmp.resolve("root"));
    }

    @Test
    void initCreatesARootWhosePermanentReleaseIsTheArchive() throws Exception {
        UnpackResult result = ReleaseUnpacker.init(tmp.resolve("root"), first, ArchiveLimits.DEFAULT, Progress.NONE);
        ReleaseRoot root = ReleaseRoot.open(tmp.resolve("root"));
        assertEquals(ReleaseStatus.PERMANENT, result.release().status());
        assertEquals(new Releases(List.of(result.release())), root.readReleases());
        assertEquals(List.of(AppRef.of("counter", "1.0.0"), AppRef.of("util", "1.0.0")), result.added());
        assertEquals(Map.of(
                        "", "dir", ".lock", "file", ".staging", "dir", "inbox", "dir",
                        "lib", "dir", "lib/counter-1.0.0", "dir", "lib/util-1.0.0", "dir",
                        "releases", "dir", "releases/1.0.0", "dir", "releases/RELEASES.json", "file"),
                kinds(root.dir(), 2));
        try (Stream<Path> files = Files.list(root.releaseDir(Version.parse("1.0.0")))) {
            assertEquals(List.of("CHECKSUMS", "release.json", "relup.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (Stream<Path> files = Files.list(root.appDir(AppRef.of("counter", "1.0.0")))) {
            assertEquals(List.of("app.json", "counter.jar"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void unpackAddsAnUnpackedReleaseAndSharesApplicationVersionsTheRootHas() throws Exception {
        ReleaseRoot root = initRoot();
        Path util = root.appDir(AppRef.of("util", "1.0.0"));
        Object utilKey = Files.readAttributes(util.resolve("util.jar"), BasicFileAttributes.class).fileKey();

        UnpackResult result = ReleaseUnpacker.unpack(root, second, ArchiveLimits.DEFAULT, Progress.NONE);

        assertEquals(List.of(AppRef.of("counter", "1.1.0")), result.added());
        assertEquals(List.of(AppRef.of("util", "1.0.0")), result.shared());
        assertEquals(ReleaseStatus.UNPACKED, result.release().status());
        Releases releases = root.readReleases();
        assertEquals(List.of("1.1.0 unpacked", "1.0.0 permanent"), releases.releases().stream()
                .map(r -> r.version() + " " + r.status()).toList());
        assertTrue(Files.isDirectory(root.appDir(AppRef.of("counter", "1.1.0"))));
        assertEquals(utilKey, Files.readAttributes(util.resolve("util.jar"), BasicFileAttributes.class).fileKey(),
                "a shared application version is not rewritten");
        try (Stream<Path> staging = Files.list(root.stagingDir())) {
            assertEquals(0, staging.count());
        }
        String text = Files.readString(root.releasesFile());
        assertTrue(text.contains("\"status\": \"unpacked\""), text);
    }

    @Test
    void refusesAReleaseTheRootAlreadyHasAndChangesNothing() throws Exception {
        ReleaseRoot root = initRoot();
        ReleaseUnpacker.unpack(root, second, ArchiveLimits.DEFAULT, Progress.NONE);
        Map<String, String> before = RootSnapshot.of(root.dir());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ReleaseUnpacker.unpack(root, second, ArchiveLimits.DEFAULT, Progress.NONE));
        assertEquals("release 1.1.0 is already in " + root.dir() + " (demo-1.1.0, unpacked); remove it first to "
                + "unpack it again", e.getMessage());
        assertEquals(before, RootSnapshot.of(root.dir()));
    }

    @Test
    void refusesAnApplicationVersionWhoseContentDiffersFromTheRootsCopy() throws Exception {
        ReleaseRoot root = initRoot();
        Path lib = tmp.resolve("lib");
        Fixtures.app("util", "1.0.0").source("fx.util.Texts", """
                package fx.util;
                public final class Texts { public static String shout(String s) { return s + "!"; } }
                """).start("fx.util.UtilApp").writeTo(lib);
        Path descriptor = tmp.resolve("demo-1.2.0.json");
        Fixtures.descriptor(descriptor, "demo", "1.2.0", Map.of("counter", "1.1.0", "util", "1.0.0"));
        Path archive = Packer.pack(new PackRequest(descriptor, List.of(lib, Fixtures.lib()), List.of(), tmp, false,
                ArchiveLimits.DEFAULT), Progress.NONE).archive();
        Map<String, String> before = RootSnapshot.of(root.dir());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ReleaseUnpacker.unpack(root, archive, ArchiveLimits.DEFAULT, Progress.NONE));
        assertTrue(e.getMessage().contains("lib/util-1.0.0 is already in the root with different content"), e.getMessage());
        assertTrue(e.getMessage().endsWith("give the changed util a new version"), e.getMessage());
        assertEquals(before, RootSnapshot.of(root.dir()));
    }

    @Test
    void aBusyRootIsRefusedAtOnce() throws Exception {
        ReleaseRoot root = initRoot();
        Map<String, String> before = RootSnapshot.of(root.dir());
        try (RootLock held = root.lock()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> ReleaseUnpacker.unpack(root, second, ArchiveLimits.DEFAULT, Progress.NONE));
            assertTrue(e.getMessage().contains("is busy"), e.getMessage());
        }
        assertEquals(before, RootSnapshot.of(root.dir()));
    }

    @Test
    void refusesAFolderThatIsNoRoot() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> ReleaseUnpacker.unpack(ReleaseRoot.at(tmp), second, ArchiveLimits.DEFAULT, Progress.NONE));
        assertTrue(e.getReason().startsWith("not a release root: " + tmp.toAbsolutePath()), e.getReason());
    }

    @Test
    void refusesAReleaseFolderLeftByAnInterruptedUnpack() throws Exception {
        ReleaseRoot root = initRoot();
        Files.createDirectories(root.releaseDir(Version.parse("1.1.0")));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ReleaseUnpacker.unpack(root, second, ArchiveLimits.DEFAULT, Progress.NONE));
        assertTrue(e.getMessage().contains("exists but RELEASES.json does not list it"), e.getMessage());
        assertFalse(Files.exists(root.appDir(AppRef.of("counter", "1.1.0"))));
    }

    @Test
    void initRefusesAFolderThatIsNotEmptyAndLeavesNothingWhenTheArchiveIsBad() throws Exception {
        Path full = tmp.resolve("full");
        Files.createDirectories(full);
        Files.writeString(full.resolve("keep.txt"), "mine");
        IOException e = assertThrows(IOException.class,
                () -> ReleaseUnpacker.init(full, first, ArchiveLimits.DEFAULT, Progress.NONE));
        assertTrue(e.getMessage().contains("the folder is not empty"), e.getMessage());
        assertEquals(Map.of("", "dir", "keep.txt", "file"), kinds(full, 9));

        Path bad = tmp.resolve("demo-1.0.0.tar.gz");
        Files.write(bad, java.util.Arrays.copyOf(Files.readAllBytes(first), 100));
        assertThrows(InvalidReleaseException.class,
                () -> ReleaseUnpacker.init(tmp.resolve("new"), bad, ArchiveLimits.DEFAULT, Progress.NONE));
        assertFalse(Files.exists(tmp.resolve("new")));
        Path empty = tmp.resolve("empty");
        Files.createDirectories(empty);
        assertThrows(InvalidReleaseException.class,
                () -> ReleaseUnpacker.init(empty, bad, ArchiveLimits.DEFAULT, Progress.NONE));
        assertEquals(Map.of("", "dir"), kinds(empty, 9));
    }

    @Test
    void unpackFromInboxReadsOnlyPlainFileNamesInTheInbox() throws Exception {
        ReleaseRoot root = initRoot();
        for (String name : List.of("../demo-1.1.0.tar.gz", "/etc/passwd", "a/b.tar.gz", ".hidden", "")) {
            assertThrows(IllegalArgumentException.class,
                    () -> ReleaseUnpacker.unpackFromInbox(root, name, ArchiveLimits.DEFAULT, Progress.NONE), name);
        }
        Files.copy(second, root.inbox().resolve("demo-1.1.0.tar.gz"));
        UnpackResult result = ReleaseUnpacker.unpackFromInbox(root, "demo-1.1.0.tar.gz", ArchiveLimits.DEFAULT,
                Progress.NONE);
        assertEquals(Version.parse("1.1.0"), result.release().version());
    }

    /** Paths under {@code dir} up to {@code depth}, each "dir" or "file". */
    static Map<String, String> kinds(Path dir, int depth) throws IOException {
        Map<String, String> kinds = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir, depth)) {
            walk.forEach(p -> kinds.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "dir" : "file"));
        }
        return kinds;
    }
}
