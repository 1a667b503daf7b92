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
import dev.hotrel.tools.trust.KeyFiles;
import dev.hotrel.tools.trust.TrustedKeys;
import dev.hotrel.tools.verify.ArchiveVerifier;
import dev.hotrel.tools.verify.VerifiedRelease;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * the root before anything else of the root is touched, and a root with trusted keys
 * ({@link TrustedKeys}) refuses an archive they did not sign before any of its content is written; every file and folder of it is then forced
 * to the disk and moved into place by renames (application versions the root already has, with the
 * same content, are shared and not rewritten), and the release is recorded in {@code RELEASES.json}
 * last, by an atomic replace: the commit point (the root's durability rule, {@link ReleaseRoot}).
 * A failure before the commit, a failed force included, moves everything back, so the root is
 * exactly as it was; a crash before it can leave only unlisted folders, which a node removes when
 * it boots ({@link ReleaseRoot#clearCrashLeftovers}) and the next unpack of that release here reports.
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
     * On failure, nothing of the root is left ({@code dir} itself stays if it existed before), unless
     * {@code RELEASES.json} was written and only forcing its folder failed: then the root stays, and
     * the error says so.
     *
     * @throws IOException also if {@code dir} exists and is not empty
     */
    public static UnpackResult init(Path dir, Path archive, ArchiveLimits limits, Progress progress)
            throws InvalidReleaseException, IOException {
        return init(ReleaseRoot.at(dir), archive, List.of(), limits, progress);
    }

    /**
     * As {@link #init(Path, Path, ArchiveLimits, Progress)}, making a root that trusts only releases
     * signed by {@code trustedKeys} (public key files, copied into {@code ROOT/conf/trusted-keys/}),
     * this first one included.
     */
    public static UnpackResult init(Path dir, Path archive, List<Path> trustedKeys, ArchiveLimits limits,
                                    Progress progress) throws InvalidReleaseException, IOException {
        return init(ReleaseRoot.at(dir), archive, trustedKeys, limits, progress);
    }

    /** {@link #init(Path, Path, ArchiveLimits, Progress)} in the layout {@code root} describes. */
    static UnpackResult init(ReleaseRoot root, Path archive, ArchiveLimits limits, Progress progress)
            throws InvalidReleaseException, IOException {
        return init(root, archive, List.of(), limits, progress);
    }

    /** {@link #init(Path, Path, List, ArchiveLimits, Progress)} in the layout {@code root} describes. */
    @SuppressWarnings("try") // the lock is held by being open
    static UnpackResult init(ReleaseRoot root, Path archive, List<Path> trustedKeys, ArchiveLimits limits,
                             Progress progress) throws InvalidReleaseException, IOException {
        if (!Files.isRegularFile(archive)) {
            throw new java.nio.file.NoSuchFileException(archive.toString(), null, "no such archive");
        }
        for (Path key : trustedKeys) {
            KeyFiles.readPublic(key); // a bad key file is refused before anything is made
        }
        boolean existed = Files.exists(root.dir());
        root.createLayout();
        boolean done = false;
        try {
            if (!trustedKeys.isEmpty()) {
                Path keys = Files.createDirectories(root.dir().resolve(TrustedKeys.FOLDER));
                for (Path key : trustedKeys) {
                    Files.copy(key, keys.resolve(KeyFiles.name(key) + KeyFiles.PUBLIC_SUFFIX));
                }
            }
            UnpackResult result;
            try (RootLock lock = root.lock()) {
                result = install(root, archive, ReleaseStatus.PERMANENT, limits, progress);
            }
            done = true;
            return result;
        } finally {
            // Once RELEASES.json is written, the root exists: a failure after that says so and keeps it.
            if (!done && !root.isInitialized()) {
                removeCreated(root.dir(), existed);
            }
        }
    }

    private static UnpackResult install(ReleaseRoot root, Path archive, ReleaseStatus status, ArchiveLimits limits,
                                        Progress progress) throws InvalidReleaseException, IOException {
        root.clearStaging();
        Path staging = root.newStagingDir("unpack-");
        try {
            VerifiedRelease verified;
            try {
                verified = ArchiveVerifier.unpackVerified(archive, staging, limits, TrustedKeys.ofRoot(root.dir()), progress);
            } catch (java.nio.file.NoSuchFileException e) {
                throw e;
            } catch (IOException e) {
                // A full disk, say: the JDK's message alone ("No space left on device") names neither file nor root.
                throw new IOException("cannot unpack " + archive.getFileName() + " into " + root.dir() + ": writing it to "
                        + "the staging folder failed (" + (e.getMessage() == null ? e : e.getMessage()) + "); nothing "
                        + "of it was installed, the root is as it was (check that disk: free space, permissions; then unpack again)", e);
            }
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
            Map<Path, Path> moves = new LinkedHashMap<>();
            for (AppRef app : verified.release().applications()) {
                Path target = root.appDir(app);
                if (Files.exists(target)) {
                    requireSameContent(target, verified.checksums().under(ArchiveLayout.appDir(app)), app);
                    shared.add(app);
                } else {
                    added.add(app);
                    moves.put(staging.resolve(ArchiveLayout.appDir(app)), target);
                }
            }
            Path stagedRelease = staging.resolve(ArchiveLayout.RELEASES).resolve(entry.version().toString());
            // CHECKSUMS stays with the release, so the node can check its files again later.
            Files.move(staging.resolve(ArchiveLayout.CHECKSUMS), stagedRelease.resolve(ArchiveLayout.CHECKSUMS));
            if (verified.signature() != null) {
                Files.move(staging.resolve(ArchiveLayout.SIGNATURE), stagedRelease.resolve(ArchiveLayout.SIGNATURE));
            }
            moves.put(stagedRelease, releaseDir);
            commit(root, entry, releases.with(entry), moves, String.valueOf(archive.getFileName()));
            return new UnpackResult(entry, added, shared);
        } finally {
            ReleaseRoot.deleteTree(staging);
        }
    }

    /**
     * Puts the staged folders into the root and records the release, in the order the root's
     * durability rule asks ({@link ReleaseRoot}): every staged file and folder forced to the disk, the
     * folders renamed into place, the folders they went into forced, then {@code RELEASES.json}
     * replaced, the commit point. A failure before the commit takes the folders out again: the root is
     * as it was. A failure after it (forcing the folder of {@code RELEASES.json}) leaves the release
     * recorded, and says so.
     */
    private static void commit(ReleaseRoot root, ReleaseEntry entry, Releases next, Map<Path, Path> moves,
                               String archiveName) throws IOException {
        List<Path[]> moved = new ArrayList<>();
        boolean recording = false;
        try {
            for (Path staged : moves.keySet()) {
                root.makeDurable(staged);
            }
            if (!Files.isDirectory(root.libDir())) {
                Files.createDirectories(root.libDir());
                root.syncFolder(root.dir());
            }
            for (Map.Entry<Path, Path> m : moves.entrySet()) {
                move(m.getKey(), m.getValue(), moved);
            }
            root.syncFolder(root.libDir());
            root.syncFolder(root.releasesDir());
            recording = true;
            root.writeReleases(next);
        } catch (IOException failure) {
            if (recording && recorded(root, entry)) {
                throw new IOException(entry.id() + " is unpacked into " + root.dir() + ", but not durably: "
                        + failure.getMessage(), failure);
            }
            List<IOException> stuck = undo(moved);
            IOException failed = new IOException("cannot unpack " + archiveName + " into " + root.dir() + ": "
                    + failure.getMessage() + (stuck.isEmpty()
                    ? "; nothing of it was installed, the root is as it was (check the disk, then unpack again)"
                    : "; " + stuck.size() + " folder(s) it moved in could not be taken out again: remove them by hand"),
                    failure);
            stuck.forEach(failed::addSuppressed);
            throw failed;
        } catch (RuntimeException | Error failure) {
            undo(moved).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    /**
     * Whether {@code RELEASES.json} names the release now. When that cannot be told, it is taken to:
     * then nothing the file may name is taken out of the root.
     */
    private static boolean recorded(ReleaseRoot root, ReleaseEntry entry) {
        try {
            return root.readReleases().find(entry.version()).isPresent();
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** Moves back what was moved into the root, newest first; returns what could not be moved back. */
    private static List<IOException> undo(List<Path[]> moved) {
        List<IOException> stuck = new ArrayList<>();
        for (int i = moved.size() - 1; i >= 0; i--) {
            try {
                Files.move(moved.get(i)[1], moved.get(i)[0], StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                stuck.add(new IOException("could not take " + moved.get(i)[1]
                        + " out of the root again after the failure; remove it by hand", e));
            }
        }
        return stuck;
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
