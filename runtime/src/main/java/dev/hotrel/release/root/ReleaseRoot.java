package dev.hotrel.release.root;

import dev.hotrel.release.AppRef;
import dev.hotrel.release.ManifestException;
import dev.hotrel.release.Manifests;
import dev.hotrel.release.ReleaseEntry;
import dev.hotrel.release.ReleaseStatus;
import dev.hotrel.release.Releases;
import dev.hotrel.release.Version;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A node's release root: the one place that knows its layout and the one way to read and write
 * its state file. The {@code hotrel} CLI and the node both go through it.
 *
 * <pre>
 * ROOT/
 *   releases/RELEASES.json     the releases and their status ({@link Releases}), replaced atomically
 *   releases/BOOT_NEXT         the version of a release marked to boot on the next start, once
 *                              (written by an install that asks for a node restart)
 *   releases/VERSION/          release.json, relup.json, sys.json, CHECKSUMS of one release
 *   lib/APP-VSN/               app.json, appup.json, jars of one application version, shared by
 *                              every release that names that version
 *   inbox/                     where uploaded archives land; unpackRelease reads only from here
 *   .staging/                  work folders of unpacks in progress; empty when nothing runs
 *   .lock                      held while an operation changes the root ({@link #lock()})
 * </pre>
 *
 * <h2>Nothing is named before it is on the disk</h2>
 * Every file and folder that {@code RELEASES.json} names ({@code releases/VERSION/} and the
 * {@code lib/APP-VSN/} of its applications, with everything in them) is forced to the disk before
 * the {@code RELEASES.json} that names it replaces the previous one: each file, then each folder
 * after what it holds ({@link #makeDurable}), then the folders they were renamed into
 * ({@link #syncFolder}), and only then {@code RELEASES.json}, itself replaced atomically (written,
 * forced, renamed over the old one, its folder forced). {@code BOOT_NEXT} is written the same way.
 * <p>Why: {@code RELEASES.json} is the commit point, and a file system may put a rename or a new
 * state file on the disk before the data of the files it refers to. Without this order a power loss
 * could leave a root whose state file names a release whose jars are torn or empty: a node would
 * boot or install code that is not what was verified, and nothing would tell it. In this order, a
 * power loss at any instant leaves the previous root (perhaps with folders no release names, which
 * the next unpack reports) or the next one, each of them whole.
 * <p>So a failed force is an error, never ignored, and it changes nothing already installed: before
 * {@code RELEASES.json} is replaced, the operation undoes what it did and the root is as it was; if
 * only forcing the folder after the replace fails, the new state is in place and the error says
 * that a power loss may turn it back into the previous one, which is whole too.
 *
 * <p>Immutable and thread-safe; the file system it points at is not: callers that change the root
 * hold its {@link #lock()}.
 */
public final class ReleaseRoot {

    private final Path dir;
    private final Fsync fsync;

    private ReleaseRoot(Path dir, Fsync fsync) {
        this.dir = dir;
        this.fsync = fsync;
    }

    /** The layout of a root in {@code dir}, whether or not one exists there. */
    public static ReleaseRoot at(Path dir) {
        return at(dir, Fsync.DISK);
    }

    /** A root whose forces to the disk go through {@code fsync}: for tests that watch or fail them. */
    static ReleaseRoot at(Path dir, Fsync fsync) {
        return new ReleaseRoot(Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize(),
                Objects.requireNonNull(fsync, "fsync"));
    }

    /**
     * An existing root.
     *
     * @throws NoSuchFileException if {@code dir} holds no {@code releases/RELEASES.json}, with a message
     *         saying how to create a root
     */
    public static ReleaseRoot open(Path dir) throws IOException {
        ReleaseRoot root = at(dir);
        if (!root.isInitialized()) {
            throw new NoSuchFileException(root.releasesFile().toString(), null,
                    "not a release root: " + root.dir + " has no releases/" + Manifests.RELEASES
                            + " (create one with 'hotrel init --root DIR ARCHIVE')");
        }
        return root;
    }

    public Path dir() {
        return dir;
    }

    public Path releasesDir() {
        return dir.resolve("releases");
    }

    public Path releasesFile() {
        return releasesDir().resolve(Manifests.RELEASES);
    }

    /** {@code releases/BOOT_NEXT}. */
    public Path bootNextFile() {
        return releasesDir().resolve("BOOT_NEXT");
    }

    /** {@code releases/VERSION/}. */
    public Path releaseDir(Version version) {
        return releasesDir().resolve(version.toString());
    }

    public Path libDir() {
        return dir.resolve("lib");
    }

    /** {@code lib/APP-VSN/}. */
    public Path appDir(AppRef app) {
        return libDir().resolve(app.dirName());
    }

    /** Where uploaded archives land. */
    public Path inbox() {
        return dir.resolve("inbox");
    }

    public Path stagingDir() {
        return dir.resolve(".staging");
    }

    private Path lockFile() {
        return dir.resolve(".lock");
    }

    public boolean isInitialized() {
        return Files.isRegularFile(releasesFile());
    }

    /**
     * Creates the folders and lock file of a new root, without any release: the first step of
     * {@code hotrel init}, which writes {@code RELEASES.json} last, once its release is in place.
     * What it creates is forced to the disk: the names in {@code dir}, and {@code dir} in every
     * folder it was created in.
     *
     * @throws IOException if {@code dir} exists and is not an empty folder, or a folder could not be
     *         forced to the disk
     */
    public void createLayout() throws IOException {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new IOException("cannot create a release root in " + dir + ": it is a file");
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                if (entries.iterator().hasNext()) {
                    throw new IOException("cannot create a release root in " + dir
                            + ": the folder is not empty (choose a new or empty folder)");
                }
            }
        }
        for (Path p : List.of(releasesDir(), libDir(), inbox(), stagingDir())) {
            Files.createDirectories(p);
        }
        Files.createFile(lockFile());
        syncFolder(dir);
        for (Path created = dir; !created.equals(existing) && created.getParent() != null; created = created.getParent()) {
            syncFolder(created.getParent());
        }
    }

    /**
     * Takes the exclusive right to change this root, without waiting.
     *
     * @throws IllegalStateException if another operation (in this or another process) holds it
     */
    public RootLock lock() throws IOException {
        return RootLock.acquire(lockFile());
    }

    /**
     * A new, empty work folder under {@code .staging/}, on the root's file system so that what is
     * built there can be moved into place by renaming. Call with the lock held.
     */
    public Path newStagingDir(String prefix) throws IOException {
        Files.createDirectories(stagingDir());
        return Files.createTempDirectory(stagingDir(), prefix);
    }

    /**
     * Deletes what crashed operations left under {@code .staging/}. Call with the lock held: then no
     * other operation can be using it.
     */
    public void clearStaging() throws IOException {
        if (!Files.isDirectory(stagingDir())) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(stagingDir())) {
            for (Path entry : entries) {
                deleteTree(entry);
            }
        }
    }

    /**
     * Deletes what operations killed in the middle left besides staging: release and application
     * folders that {@code RELEASES.json} does not name, temporary state files
     * ({@link CrashLeftovers}). Call with the lock held.
     *
     * @return what was deleted
     */
    public List<Path> clearCrashLeftovers() throws IOException {
        return CrashLeftovers.clear(this, readReleases());
    }

    /**
     * Reads {@code releases/RELEASES.json}.
     *
     * @throws ManifestException if it is not a valid state file, or says {@code current}, which is
     *         never written to disk (see {@link ReleaseStatus})
     * @throws NoSuchFileException if this is not a release root
     */
    public Releases readReleases() throws IOException {
        Path file = releasesFile();
        Releases releases = Manifests.read(Files.readAllBytes(file), Releases.class, file.toString());
        List<ReleaseEntry> entries = releases.releases();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).status() == ReleaseStatus.CURRENT) {
                throw new ManifestException(file.toString(), "releases[" + i + "].status",
                        "'current' is never written to disk (an installed release that is not permanent "
                                + "is recorded as unpacked)", null);
            }
        }
        return releases;
    }

    /**
     * Replaces {@code releases/RELEASES.json} atomically with {@link Releases#onDisk()} of
     * {@code releases}: after a crash at any instant the file holds either the previous or the new
     * state. Everything the new state names must be on the disk already (see the class comment).
     * Call with the lock held.
     *
     * @throws IOException if it could not be written or forced; the message says whether the file is
     *         unchanged or holds the new state, not yet durably
     */
    public void writeReleases(Releases releases) throws IOException {
        Files.createDirectories(releasesDir());
        AtomicWrite.replace(releasesFile(), Manifests.toJson(releases.onDisk()), fsync);
    }

    /**
     * Marks release {@code version} to boot on the next start. Atomic and durable (the file and its
     * folder are forced): the node is about to exit, and the mark must outlive it. If that fails,
     * no mark for {@code version} is left in place, as far as it can be taken back: the install that
     * asked for it fails. Call with the lock held.
     */
    public void writeBootNext(Version version) throws IOException {
        try {
            AtomicWrite.replace(bootNextFile(), (version + "\n").getBytes(StandardCharsets.UTF_8), fsync);
        } catch (IOException e) {
            try {
                if (readBootNext().filter(version.toString()::equals).isPresent()) {
                    Files.delete(bootNextFile());
                }
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** The text of {@code releases/BOOT_NEXT} (a version, unless someone else wrote it), if there is one. */
    public Optional<String> readBootNext() throws IOException {
        try {
            return Optional.of(Files.readString(bootNextFile(), StandardCharsets.UTF_8).trim());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Deletes {@code releases/BOOT_NEXT}, durably: a node that crashes while booting the marked
     * release must not boot it again. Idempotent.
     */
    public void clearBootNext() throws IOException {
        if (Files.deleteIfExists(bootNextFile())) {
            syncFolder(releasesDir());
        }
    }

    /**
     * Forces {@code tree} to the disk: every file under it, then every folder after what it holds,
     * {@code tree} last. Call it on what is about to be put into the root, before {@code RELEASES.json}
     * names it.
     *
     * @throws IOException naming the file or folder that could not be forced
     */
    public void makeDurable(Path tree) throws IOException {
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                force(file, false);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                force(d, true);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Forces the names in folder {@code dir} to the disk: what was renamed into it, created or
     * deleted there stays so after a power loss.
     *
     * @throws IOException naming the folder, if it could not be forced
     */
    public void syncFolder(Path dir) throws IOException {
        force(dir, true);
    }

    private void force(Path path, boolean folder) throws IOException {
        try {
            if (folder) {
                fsync.folder(path);
            } else {
                fsync.file(path);
            }
        } catch (IOException e) {
            throw new IOException("cannot force " + (folder ? "folder " : "") + path + " to the disk ("
                    + Fsync.reason(e) + ")", e);
        }
    }

    /** Deletes a file or a folder and everything in it, without following links. */
    public static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public String toString() {
        return "release root " + dir;
    }
}
