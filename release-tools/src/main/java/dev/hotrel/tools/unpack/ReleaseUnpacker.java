package dev.hotrel.tools.unpack;

import dev.hotrel.release.AppRef;
import dev.hotrel.release.ReleaseEntry;
import dev.hotrel.release.ReleaseStatus;
import dev.hotrel.release.Releases;
import dev.hotrel.release.root.ReleaseRoot;
import dev.hotrel.release.root.RootLock;
import dev.hotrel.tools.InvalidReleaseException;
import dev.hotrel.tools.Progress;
import dev.hotrel.tools.archive.ArchiveLayout;
import dev.hotrel.tools.archive.ArchiveLimits;
import dev.hotrel.tools.archive.Checksums;
import dev.hotrel.tools.verify.ArchiveVerifier;
import dev.hotrel.tools.verify.VerifiedRelease;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Puts release archives into release roots: the one implementation behind {@code hotrel unpack},
 * {@code hotrel init} and the node's {@code unpackRelease} operation. The call chains:
 * <pre>
 * hotrel unpack --root DIR ARCHIVE  → UnpackCommand → unpack(root, archive, ...)
 * hotrel init --root DIR ARCHIVE    → InitCommand   → init(dir, archive, ...)
 * JMX ReleaseHandler.unpackRelease(name) (node)     → unpackFromInbox(root, name, ...)
 * </pre>
 *
 * <p>Guarantees: the archive is fully verified ({@link ArchiveVerifier}) in a staging folder inside
 * the root before anything else of the root is touched; it is then moved into place by renames
 * (application versions the root already has, with the same content, are shared and not
 * rewritten), and recorded in {@code RELEASES.json} last, by an atomic replace: the commit point.
 * A failure before the commit moves everything back, so the root is exactly as it was; a crash
 * before it can leave only unlisted folders, which the next unpack of that release reports.
 * The root is locked for the whole operation: a concurrent one fails at once as busy. Blocks
 * for as long as reading the archive takes.
 */
public final class ReleaseUnpacker {

    private ReleaseUnpacker() {
    }

    /**
     * Unpacks {@code archive} into an existing root and records the release as {@code unpacked}.
     *
     * @throws InvalidReleaseException if the archive is not a valid release (its sender's fault)
     * @throws IllegalStateException if the root already has this release, or another operation holds the root
     * @throws java.nio.file.NoSuchFileException if {@code root} is not a release root, or the archive is missing
     * @throws IOException if reading or writing failed on this machine
     */
    @SuppressWarnings("try") // the lock is held by being open
    public static UnpackResult unpack(ReleaseRoot root, Path archive, ArchiveLimits limits, Progress progress)
            throws InvalidReleaseException, IOException {
        ReleaseRoot.open(root.dir());
        try (RootLock lock = root.lock()) {
            return install(root, archive, ReleaseStatus.UNPACKED, limits, progress);
        }
    }

    /**
     * {@link #unpack} of an archive in the root's {@code inbox/}, where uploads land: the node's
     * {@code unpackRelease}. Only a plain file name is accepted, so a caller cannot make the node
     * read files elsewhere.
     *
     * @throws IllegalArgumentException if {@code fileName} is not a plain file name
     */
    public static UnpackResult unpackFromInbox(ReleaseRoot root, String fileName, ArchiveLimits limits,
                                               Progress progress) throws InvalidReleaseException, IOException {
        if (fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
            throw new IllegalArgumentException("'" + fileName + "' is not a file name in " + root.inbox()
                    + " (only archives in the inbox can be unpacked; upload it there first)");
        }
        return unpack(root, root.inbox().resolve(fileName), limits, progress);
    }

    /**
     * Creates a release root in {@code dir} (new, or an empty folder) whose permanent release is
     * {@code archive}, as OTP's {@code create_RELEASES}: a node started on it boots that release.
     * On failure, nothing of the root is left ({@code dir} itself stays if it existed before).
     *
     * @throws IOException also if {@code dir} exists and is not empty
     */
    @SuppressWarnings("try") // the lock is held by being open
    public static UnpackResult init(Path dir, Path archive, ArchiveLimits limits, Progress progress)
            throws InvalidReleaseException, IOException {
        ReleaseRoot root = ReleaseRoot.at(dir);
        if (!Files.isRegularFile(archive)) {
            throw new java.nio.file.NoSuchFileException(archive.toString(), null, "no such archive");
        }
        boolean existed = Files.exists(root.dir());
        root.createLayout();
        boolean done = false;
        try {
            UnpackResult result;
            try (RootLock lock = root.lock()) {
                result = install(root, archive, ReleaseStatus.PERMANENT, limits, progress);
            }
            done = true;
            return result;
        } finally {
            if (!done) {
                removeCreated(root.dir(), existed);
            }
        }
    }

    private static UnpackResult install(ReleaseRoot root, Path archive, ReleaseStatus status, ArchiveLimits limits,
                                        Progress progress) throws InvalidReleaseException, IOException {
        root.clearStaging();
        Path staging = root.newStagingDir("unpack-");
        List<Path[]> moved = new ArrayList<>();
        try {
            VerifiedRelease verified = ArchiveVerifier.unpackVerified(archive, staging, limits, progress);
            Releases releases = root.isInitialized() ? root.readReleases() : Releases.empty();
            ReleaseEntry entry = ReleaseEntry.of(verified.release(), status);
            releases.find(entry.version()).ifPresent(known -> {
                throw new AlreadyUnpackedException("release " + known.version() + " is already in " + root.dir()
                        + " (" + known.id() + ", " + known.status() + "); remove it first to unpack it again",
                        known, entry.fingerprint());
            });
            Path releaseDir = root.releaseDir(entry.version());
            if (Files.exists(releaseDir)) {
                throw new IllegalStateException(releaseDir + " exists but RELEASES.json does not list it (left by an "
                        + "interrupted unpack?); remove that folder and try again");
            }
            List<AppRef> added = new ArrayList<>();
            List<AppRef> shared = new ArrayList<>();
            for (AppRef app : verified.release().applications()) {
                Path target = root.appDir(app);
                if (Files.exists(target)) {
                    requireSameContent(target, verified.checksums().under(ArchiveLayout.appDir(app)), app);
                    shared.add(app);
                } else {
                    added.add(app);
                }
            }
            Files.createDirectories(root.libDir());
            for (AppRef app : added) {
                move(staging.resolve(ArchiveLayout.appDir(app)), root.appDir(app), moved);
            }
            Path stagedRelease = staging.resolve(ArchiveLayout.RELEASES).resolve(entry.version().toString());
            // CHECKSUMS stays with the release, so the node can check its files again later.
            Files.move(staging.resolve(ArchiveLayout.CHECKSUMS), stagedRelease.resolve(ArchiveLayout.CHECKSUMS));
            move(stagedRelease, releaseDir, moved);
            ReleaseRoot.sync(root.libDir());
            ReleaseRoot.sync(root.releasesDir());
            root.writeReleases(releases.with(entry));
            return new UnpackResult(entry, added, shared);
        } catch (Throwable failure) {
            undo(moved, failure);
            throw failure;
        } finally {
            ReleaseRoot.deleteTree(staging);
        }
    }

    /** Moves back what was moved into the root, newest first; what cannot be moved back is reported with the failure. */
    private static void undo(List<Path[]> moved, Throwable failure) {
        for (int i = moved.size() - 1; i >= 0; i--) {
            try {
                Files.move(moved.get(i)[1], moved.get(i)[0], StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(new IOException("could not take " + moved.get(i)[1]
                        + " out of the root again after the failure; remove it by hand", e));
            }
        }
    }

    private static void move(Path from, Path to, List<Path[]> moved) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        moved.add(new Path[]{from, to});
    }

    /** An application version never changes: the root's copy must have exactly the archive's files. */
    private static void requireSameContent(Path dir, Checksums expected, AppRef app) throws IOException {
        SortedMap<String, String> actual = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    actual.put(ArchiveLayout.appDir(app) + "/" + dir.relativize(file).toString().replace('\\', '/'),
                            Checksums.sha256(in));
                }
            }
        }
        if (!actual.equals(expected.files())) {
            throw new IllegalStateException(dir + " is already in the root with different content than "
                    + ArchiveLayout.appDir(app) + " in the archive; an application version never changes: "
                    + "give the changed " + app.name() + " a new version");
        }
    }

    private static void removeCreated(Path dir, boolean keepDir) throws IOException {
        if (!keepDir) {
            ReleaseRoot.deleteTree(dir);
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                ReleaseRoot.deleteTree(entry);
            }
        }
    }
}
