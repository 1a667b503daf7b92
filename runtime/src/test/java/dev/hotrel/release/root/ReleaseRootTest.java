package dev.hotrel.release.root;

import dev.hotrel.release.AppRef;
import dev.hotrel.release.ManifestException;
import dev.hotrel.release.ReleaseEntry;
import dev.hotrel.release.ReleaseStatus;
import dev.hotrel.release.Releases;
import dev.hotrel.release.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReleaseRootTest {

    @TempDir
    Path tmp;

    private static ReleaseEntry entry(String version, ReleaseStatus status) {
        return new ReleaseEntry("demo", Version.parse(version), Version.parse("0.1.0"), status,
                "sha256:" + "a".repeat(64), List.of(AppRef.of("counter", version)));
    }

    @Test
    void layoutIsCreatedOnceInAnEmptyFolder() throws IOException {
        ReleaseRoot root = ReleaseRoot.at(tmp.resolve("root"));
        root.createLayout();
        for (Path p : List.of(root.releasesDir(), root.libDir(), root.inbox(), root.stagingDir())) {
            assertTrue(Files.isDirectory(p), p.toString());
        }
        assertEquals(root.dir().resolve("lib/counter-1.0.0"), root.appDir(AppRef.of("counter", "1.0.0")));
        assertEquals(root.dir().resolve("releases/1.0.0"), root.releaseDir(Version.parse("1.0.0")));
        IOException e = assertThrows(IOException.class, root::createLayout);
        assertTrue(e.getMessage().contains("the folder is not empty"), e.getMessage());
    }

    @Test
    void crashLeftoversAreTheFoldersRELEASESJsonDoesNotNameAndTemporaryFilesNothingElse() throws IOException {
        ReleaseRoot root = ReleaseRoot.at(tmp.resolve("root"));
        root.createLayout();
        root.writeReleases(new Releases(List.of(entry("1.0.0", ReleaseStatus.PERMANENT))));
        List<Path> kept = List.of(root.releaseDir(Version.parse("1.0.0")), root.appDir(AppRef.of("counter", "1.0.0")),
                root.releasesDir().resolve("notes"), root.libDir().resolve("README"), root.libDir().resolve("Not-An-App"));
        List<Path> left = List.of(root.releaseDir(Version.parse("1.1.0")), root.appDir(AppRef.of("counter", "1.1.0")),
                root.appDir(AppRef.of("metrics", "1.0.0")));
        for (Path p : kept.subList(0, 3)) {
            Files.createDirectories(p);
        }
        Files.writeString(kept.get(3), "mine");
        Files.createDirectories(kept.get(4));
        for (Path p : left) {
            Files.createDirectories(p.resolve("sub"));
            Files.writeString(p.resolve("sub/file"), "half");
        }
        Path tmpFile = root.releasesDir().resolve("RELEASES.json.tmp");
        Files.writeString(tmpFile, "{\"torn");

        List<Path> gone = root.clearCrashLeftovers();
        assertEquals(new java.util.HashSet<>(java.util.stream.Stream.concat(left.stream(), Stream.of(tmpFile)).toList()),
                new java.util.HashSet<>(gone));
        for (Path p : gone) {
            assertFalse(Files.exists(p), p + " is still there");
        }
        for (Path p : kept) {
            assertTrue(Files.exists(p), p + " was deleted");
        }
        assertTrue(root.isInitialized());
        assertEquals(List.of(), root.clearCrashLeftovers());
    }

    @Test
    void openRefusesAFolderThatIsNoRoot() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ReleaseRoot.open(tmp));
        assertTrue(e.getMessage().contains("not a release root: " + tmp.toAbsolutePath()), e.getMessage());
        assertTrue(e.getMessage().contains("hotrel init --root DIR ARCHIVE"), e.getMessage());
    }

    @Test
    void releasesAreWrittenAtomicallyAndReadBack() throws IOException {
        ReleaseRoot root = ReleaseRoot.at(tmp);
        root.createLayout();
        Releases releases = new Releases(List.of(entry("1.0.0", ReleaseStatus.PERMANENT),
                entry("1.1.0", ReleaseStatus.CURRENT)));
        root.writeReleases(releases);
        assertTrue(root.isInitialized());
        assertEquals(releases.onDisk(), ReleaseRoot.open(tmp).readReleases());
        String text = Files.readString(root.releasesFile(), StandardCharsets.UTF_8);
        assertFalse(text.contains("current"), text);
        assertTrue(text.startsWith("{\n  \"releases\": [\n    {\n      \"name\": \"demo\",\n      \"version\": \"1.1.0\""),
                text);
        try (Stream<Path> files = Files.list(root.releasesDir())) {
            assertEquals(List.of("RELEASES.json"), files.map(p -> p.getFileName().toString()).toList());
        }
        root.writeReleases(releases.without(Version.parse("1.1.0")));
        assertEquals(1, root.readReleases().releases().size());
    }

    @Test
    void aStateFileThatSaysCurrentIsRefused() throws IOException {
        ReleaseRoot root = ReleaseRoot.at(tmp);
        root.createLayout();
        root.writeReleases(new Releases(List.of(entry("1.0.0", ReleaseStatus.PERMANENT))));
        Files.writeString(root.releasesFile(), Files.readString(root.releasesFile()).replace("permanent", "current"));
        ManifestException e = assertThrows(ManifestException.class, root::readReleases);
        assertEquals(root.releasesFile() + ": releases[0].status: 'current' is never written to disk "
                + "(an installed release that is not permanent is recorded as unpacked)", e.getMessage());
    }

    @Test
    void aSecondLockIsRefusedAsBusyUntilTheFirstIsReleased() throws IOException {
        ReleaseRoot root = ReleaseRoot.at(tmp);
        root.createLayout();
        try (RootLock first = root.lock()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, root::lock);
            assertTrue(e.getMessage().contains("is busy"), e.getMessage());
        }
        root.lock().close();
    }

    @Test
    void staleStagingFoldersAreCleared() throws IOException {
        ReleaseRoot root = ReleaseRoot.at(tmp);
        root.createLayout();
        Path stale = root.newStagingDir("unpack-");
        Files.createDirectories(stale.resolve("lib/x-1.0.0"));
        Files.writeString(stale.resolve("lib/x-1.0.0/app.json"), "{}");
        root.clearStaging();
        try (Stream<Path> left = Files.list(root.stagingDir())) {
            assertEquals(0, left.count());
        }
    }
}
