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
 * <p>Immutable and thread-safe; the file system it points at is not: callers that change the root
 * hold its {@link #lock()}.
 */
public final class ReleaseRoot {

    private final Path dir;

    private ReleaseRoot(Path dir) {
        this.dir = dir;
    }

    /** The layout of a root in {@code dir}, whether or not one exists there. */
    public static ReleaseRoot at(Path dir) {
        return new ReleaseRoot(Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize());
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
     *
     * @throws IOException if {@code dir} exists and is not an empty folder
     */
    public void createLayout() throws IOException {
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
     * state. Call with the lock held.
     */
    public void writeReleases(Releases releases) throws IOException {
        Files.createDirectories(releasesDir());
        AtomicWrite.replace(releasesFile(), Manifests.toJson(releases.onDisk()));
    }

    /**
     * Marks release {@code version} to boot on the next start. Atomic and durable (the file and its
     * folder are synced): the node is about to exit, and the mark must outlive it. Call with the lock
     * held.
     */
    public void writeBootNext(Version version) throws IOException {
        AtomicWrite.replace(bootNextFile(), (version + "\n").getBytes(StandardCharsets.UTF_8));
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
            AtomicWrite.syncDirectory(releasesDir());
        }
    }

    /** Makes renames into {@code dir} durable (best effort; see the root's atomic write). */
    public static void sync(Path dir) {
        AtomicWrite.syncDirectory(dir);
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
