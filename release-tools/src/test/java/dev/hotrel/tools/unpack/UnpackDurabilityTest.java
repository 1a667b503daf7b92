package dev.hotrel.tools.unpack;

import dev.hotrel.release.AppRef;
import dev.hotrel.release.Version;
import dev.hotrel.release.root.RecordingFsync;
import dev.hotrel.release.root.RecordingFsync.Force;
import dev.hotrel.release.root.ReleaseRoot;
import dev.hotrel.tools.Fixtures;
import dev.hotrel.tools.Progress;
import dev.hotrel.tools.archive.ArchiveLimits;
import dev.hotrel.tools.pack.PackRequest;
import dev.hotrel.tools.pack.Packer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The root's durability rule as the unpacker keeps it: every file it puts into a root, and every
 * folder holding one, is forced to the disk before {@code RELEASES.json} names the release; a force
 * the disk fails fails the unpack and leaves the root as it was. The disk is a {@link RecordingFsync}.
 */
class UnpackDurabilityTest {

    private static final String NAMES_1_1_0 = "\"version\": \"1.1.0\"";

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

    @Test
    void everyUnpackedFileAndEachFolderHoldingItIsForcedBeforeReleasesJsonNamesTheRelease() throws Exception {
        RecordingFsync disk = new RecordingFsync(initRoot("root"));
        ReleaseRoot root = disk.root();

        ReleaseUnpacker.unpack(root, second, ArchiveLimits.DEFAULT, Progress.NONE);

        List<Force> forces = disk.forces();
        List<Path> added = List.of(root.appDir(AppRef.of("counter", "1.1.0")), root.releaseDir(Version.parse("1.1.0")));
        int lastOfTheRelease = -1;
        for (Path top : added) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(top)) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            assertFalse(files.isEmpty(), top.toString());
            for (Path file : files) {
                int at = index(forces, root, false, file);
                for (Path folder = file.getParent(); folder.startsWith(top); folder = folder.getParent()) {
                    int folderAt = index(forces, root, true, folder);
                    assertTrue(at < folderAt, "forced " + file + " after its folder " + folder + ": " + forces);
                    at = folderAt;
                }
                lastOfTheRelease = Math.max(lastOfTheRelease, at);
            }
        }
        int lib = index(forces, root, true, root.libDir());
        int releases = index(forces, root, true, root.releasesDir());
        int stateFile = index(forces, root, false, root.releasesDir().resolve("RELEASES.json.tmp"));
        assertTrue(lastOfTheRelease < lib && lib < stateFile && releases < stateFile,
                "the folders the release was renamed into are forced after it, before its state file: " + forces);
        for (Force f : forces.subList(0, stateFile + 1)) {
            assertFalse(f.releasesJson().contains(NAMES_1_1_0), "RELEASES.json named 1.1.0 before " + f + " was forced");
        }
        Force last = forces.get(forces.size() - 1);
        assertEquals(stateFile + 1, forces.size() - 1, "after the state file only its folder: " + forces);
        assertEquals(new Force(true, root.releasesDir(), last.releasesJson()), last);
        assertTrue(last.releasesJson().contains(NAMES_1_1_0), "the rename that names 1.1.0 is what that force keeps");
        assertTrue(forces.stream().noneMatch(f -> f.path().toString().contains("util-1.0.0")),
                "an application version the root already has is not rewritten, so not forced: " + forces);
    }

    @Test
    void aForceTheDiskFailsBeforeTheCommitFailsTheUnpackAndLeavesTheRootAsItWas() throws Exception {
        RecordingFsync rehearsal = new RecordingFsync(initRoot("rehearsal"));
        ReleaseUnpacker.unpack(rehearsal.root(), second, ArchiveLimits.DEFAULT, Progress.NONE);
        int beforeCommit = rehearsal.forces().size() - 1; // all but the force of RELEASES.json's folder after its rename
        List<String> failedAt = new ArrayList<>();

        for (int i = 0; i < beforeCommit; i++) {
            RecordingFsync disk = new RecordingFsync(initRoot("root-" + i)).failingAt(i);
            ReleaseRoot root = disk.root();
            Map<String, String> before = RootSnapshot.of(root.dir());

            IOException e = assertThrows(IOException.class,
                    () -> ReleaseUnpacker.unpack(root, second, ArchiveLimits.DEFAULT, Progress.NONE), "failing force " + i);

            Force failed = disk.forces().get(i);
            failedAt.add(failed.toString().replace(root.dir().toString(), "ROOT"));
            String message = e.getMessage();
            assertTrue(message.startsWith("cannot unpack demo-1.1.0.tar.gz into " + root.dir() + ": "), message);
            assertTrue(message.contains(failed.path().getFileName() + "") && message.contains(RecordingFsync.ERROR), message);
            assertTrue(message.endsWith("; nothing of it was installed, the root is as it was (check the disk, then "
                    + "unpack again)"), message);
            assertEquals(before, RootSnapshot.of(root.dir()), "after a failed " + failed);
            assertEquals(1, root.readReleases().releases().size());
        }
        assertTrue(failedAt.contains("file ROOT/releases/RELEASES.json.tmp") && failedAt.contains("folder ROOT/lib"),
                "failed every force before the commit, the state file's and the folders' the release moved into too: "
                        + failedAt);
    }

    @Test
    void aFolderForceThatFailsAfterTheCommitLeavesTheReleaseRecordedAndSaysSo() throws Exception {
        RecordingFsync disk = new RecordingFsync(initRoot("root"));
        ReleaseRoot root = disk.root();
        disk.failing(f -> f.folder() && f.path().equals(root.releasesDir()) && f.releasesJson().contains(NAMES_1_1_0));

        IOException e = assertThrows(IOException.class,
                () -> ReleaseUnpacker.unpack(root, second, ArchiveLimits.DEFAULT, Progress.NONE));

        assertEquals("demo-1.1.0 is unpacked into " + root.dir() + ", but not durably: replaced " + root.releasesFile()
                + ", but forcing its folder to the disk failed (" + RecordingFsync.ERROR + "): after a power loss it may "
                + "hold its previous content again", e.getMessage());
        assertTrue(root.readReleases().find(Version.parse("1.1.0")).isPresent());
        assertTrue(Files.isRegularFile(root.appDir(AppRef.of("counter", "1.1.0")).resolve("counter.jar")),
                "what RELEASES.json names stays: both states a power loss can leave are whole");
        try (Stream<Path> staging = Files.list(root.stagingDir())) {
            assertEquals(0, staging.count());
        }
    }

    @Test
    void initForcesTheNewRootAndWhereItWasCreatedBeforeItsStateFileAndLeavesNothingWhenAForceFails() throws Exception {
        Path dir = tmp.resolve("new/root");
        RecordingFsync disk = new RecordingFsync(dir);

        ReleaseUnpacker.init(disk.root(), first, ArchiveLimits.DEFAULT, Progress.NONE);

        List<Force> forces = disk.forces();
        int stateFile = index(forces, disk.root(), false, disk.root().releasesDir().resolve("RELEASES.json.tmp"));
        for (Path folder : List.of(dir, dir.getParent(), tmp)) {
            assertTrue(index(forces, disk.root(), true, folder) < stateFile, folder + " forced first: " + forces);
        }

        RecordingFsync failing = new RecordingFsync(tmp.resolve("other/root"))
                .failing(f -> f.path().getFileName().toString().equals("counter.jar"));
        IOException e = assertThrows(IOException.class,
                () -> ReleaseUnpacker.init(failing.root(), first, ArchiveLimits.DEFAULT, Progress.NONE));
        assertTrue(e.getMessage().contains("counter.jar to the disk (" + RecordingFsync.ERROR + ")"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("other/root")));
    }

    /** A root made by a plain {@code init} (the real disk), whose permanent release is demo-1.0.0. */
    private Path initRoot(String name) throws Exception {
        Path dir = tmp.resolve(name);
        ReleaseUnpacker.init(dir, first, ArchiveLimits.DEFAULT, Progress.NONE);
        return dir;
    }

    /**
     * Where the first force of {@code path} (a path in the root) is in {@code forces}: made on that path,
     * or on its copy in a staging folder before it was renamed into the root.
     */
    private static int index(List<Force> forces, ReleaseRoot root, boolean folder, Path path) {
        String inRoot = root.dir().relativize(path).toString();
        for (int i = 0; i < forces.size(); i++) {
            Force f = forces.get(i);
            if (f.folder() == folder && (f.path().equals(path) || staged(root, f.path()).equals(inRoot))) {
                return i;
            }
        }
        throw new AssertionError("never forced: " + (folder ? "folder " : "file ") + path + " in " + forces);
    }

    /** A path under {@code .staging/WORK/} as the root-relative path it is renamed to; "" for any other. */
    private static String staged(ReleaseRoot root, Path path) {
        if (!path.startsWith(root.stagingDir()) || root.stagingDir().relativize(path).getNameCount() < 2) {
            return "";
        }
        Path inWork = root.stagingDir().relativize(path);
        return inWork.subpath(1, inWork.getNameCount()).toString();
    }
}
