package dev.hotrel.release.root;

import dev.hotrel.release.AppRef;
import dev.hotrel.release.ReleaseEntry;
import dev.hotrel.release.ReleaseStatus;
import dev.hotrel.release.Releases;
import dev.hotrel.release.Version;
import dev.hotrel.release.root.RecordingFsync.Force;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the root forces to the disk, in which order, and what a force the disk fails does to it. */
class RootDurabilityTest {

    @TempDir
    Path tmp;

    private static Releases releases(String... versions) {
        return new Releases(Stream.of(versions).map(v -> new ReleaseEntry("demo", Version.parse(v), Version.parse("0.1.0"),
                ReleaseStatus.PERMANENT, "sha256:" + "a".repeat(64), List.of(AppRef.of("counter", v)))).toList());
    }

    private RecordingFsync rootWith(String version) throws IOException {
        RecordingFsync disk = new RecordingFsync(tmp.resolve("root"));
        disk.root().createLayout();
        disk.root().writeReleases(releases(version));
        return disk;
    }

    @Test
    void theStateFileIsForcedBeforeItsRenameAndItsFolderAfter() throws IOException {
        RecordingFsync disk = rootWith("1.0.0");
        ReleaseRoot root = disk.root();
        String before = Files.readString(root.releasesFile());
        int from = disk.forces().size();

        root.writeReleases(releases("1.1.0"));

        String after = Files.readString(root.releasesFile());
        assertEquals(List.of(new Force(false, root.releasesDir().resolve("RELEASES.json.tmp"), before),
                new Force(true, root.releasesDir(), after)), disk.forces().subList(from, disk.forces().size()));
    }

    @Test
    void aStateFileTheDiskCannotForceIsNotWrittenAndLeavesNoTemporaryFile() throws IOException {
        RecordingFsync disk = rootWith("1.0.0");
        ReleaseRoot root = disk.root();
        String before = Files.readString(root.releasesFile());
        disk.failing(f -> !f.folder());

        IOException e = assertThrows(IOException.class, () -> root.writeReleases(releases("1.1.0")));

        assertEquals("cannot write " + root.releasesFile() + ": forcing RELEASES.json.tmp to the disk failed ("
                + RecordingFsync.ERROR + "); RELEASES.json is unchanged", e.getMessage());
        assertEquals(before, Files.readString(root.releasesFile()));
        assertEquals(List.of("RELEASES.json"), names(root.releasesDir()));
    }

    @Test
    void aFolderTheDiskCannotForceAfterTheRenameIsAnErrorThatSaysTheNewStateIsInPlace() throws IOException {
        RecordingFsync disk = rootWith("1.0.0");
        ReleaseRoot root = disk.root();
        disk.failing(Force::folder);

        IOException e = assertThrows(IOException.class, () -> root.writeReleases(releases("1.1.0")));

        assertEquals("replaced " + root.releasesFile() + ", but forcing its folder to the disk failed ("
                + RecordingFsync.ERROR + "): after a power loss it may hold its previous content again", e.getMessage());
        assertEquals(releases("1.1.0"), root.readReleases());
    }

    @Test
    void aBootMarkTheDiskCannotMakeDurableIsTakenBackAndItsDeletionIsForced() throws IOException {
        RecordingFsync disk = rootWith("1.0.0");
        ReleaseRoot root = disk.root();
        disk.failing(Force::folder);

        IOException write = assertThrows(IOException.class, () -> root.writeBootNext(Version.parse("1.1.0")));
        assertTrue(write.getMessage().startsWith("replaced " + root.bootNextFile() + ", but forcing its folder"),
                write.getMessage());
        assertFalse(Files.exists(root.bootNextFile()), "a mark the install failed to make durable is not honoured");

        disk.failing(f -> false);
        root.writeBootNext(Version.parse("1.1.0"));
        disk.failing(Force::folder);
        IOException clear = assertThrows(IOException.class, root::clearBootNext);
        assertEquals("cannot force folder " + root.releasesDir() + " to the disk (" + RecordingFsync.ERROR + ")",
                clear.getMessage());
    }

    @Test
    void aNewRootIsForcedWithEveryFolderItWasCreatedIn() throws IOException {
        Path dir = tmp.resolve("a/b/root");
        RecordingFsync disk = new RecordingFsync(dir);

        disk.root().createLayout();

        assertEquals(List.of(new Force(true, dir, null), new Force(true, dir.getParent(), null),
                new Force(true, tmp.resolve("a"), null), new Force(true, tmp, null)), disk.forces());
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
