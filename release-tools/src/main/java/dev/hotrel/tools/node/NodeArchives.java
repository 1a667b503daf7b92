package dev.hotrel.tools.node;

import dev.hotrel.handler.ReleaseArchives;
import dev.hotrel.release.Manifests;
import dev.hotrel.release.Release;
import dev.hotrel.release.ReleaseEntry;
import dev.hotrel.release.Version;
import dev.hotrel.release.root.ReleaseRoot;
import dev.hotrel.tools.InvalidReleaseException;
import dev.hotrel.tools.Progress;
import dev.hotrel.tools.archive.ArchiveLayout;
import dev.hotrel.tools.archive.ArchiveLimits;
import dev.hotrel.tools.archive.Checksums;
import dev.hotrel.tools.trust.ReleaseSignature;
import dev.hotrel.tools.trust.TrustedKeys;
import dev.hotrel.tools.unpack.AlreadyUnpackedException;
import dev.hotrel.tools.unpack.ReleaseUnpacker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The archive format as the node's release handler uses it: the same unpacker and checksums as
 * the {@code hotrel} CLI, with the node's guarantees on top — unpacking an archive whose release
 * is already in the root, with the same content, is a no-op that returns it (idempotent). A root
 * with trusted keys ({@link TrustedKeys}, {@code ROOT/conf/trusted-keys/*.pub}) unpacks only releases
 * signed by one of them; the keys are read at each unpack, so adding one needs no restart.
 */
public final class NodeArchives implements ReleaseArchives {

    private final ArchiveLimits limits;

    public NodeArchives(ArchiveLimits limits) {
        this.limits = limits;
    }

    @Override
    public ReleaseEntry unpack(Path archive, ReleaseRoot root) throws IOException {
        try {
            return ReleaseUnpacker.unpack(root, archive, limits, Progress.NONE).release();
        } catch (InvalidReleaseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (AlreadyUnpackedException e) {
            if (e.sameContent()) {
                return e.known();
            }
            throw new IllegalArgumentException("release " + e.known().id() + " is already in the root with other content ("
                    + e.known().fingerprint() + "); remove it first or give the new one another version", e);
        }
    }

    @Override
    public List<String> verify(ReleaseRoot root, Version version) throws IOException {
        Path sums = root.releaseDir(version).resolve(ArchiveLayout.CHECKSUMS);
        List<String> problems = new ArrayList<>();
        if (!Files.isRegularFile(sums)) {
            problems.add("release " + version + " has no " + ArchiveLayout.CHECKSUMS + " in " + root.releaseDir(version));
            return problems;
        }
        Checksums checksums = Checksums.parse(Files.readAllBytes(sums), new ArrayList<>());
        checksums.files().forEach((path, expected) -> {
            Path file = root.dir().resolve(path).normalize();
            if (!file.startsWith(root.dir().normalize())) {
                problems.add("'" + path + "' in CHECKSUMS points outside the root");
                return;
            }
            try (InputStream in = Files.newInputStream(file)) {
                String actual = Checksums.sha256(in);
                if (!actual.equals(expected)) {
                    problems.add("'" + path + "' was changed on disk: expected SHA-256 " + expected + ", found " + actual);
                }
            } catch (NoSuchFileException e) {
                problems.add("'" + path + "' is missing from the root");
            } catch (IOException e) {
                problems.add("'" + path + "' cannot be read: " + e.getMessage());
            }
        });
        try {
            Manifests.read(root.releaseDir(version).resolve(Manifests.RELEASE), Release.class);
        } catch (RuntimeException e) {
            problems.add(Manifests.RELEASE + " of " + version + " is not valid: " + e.getMessage());
        }
        signature(root, version, Files.readAllBytes(sums), problems);
        return problems;
    }

    /**
     * The release's SIGNATURE, kept beside its CHECKSUMS, must still verify; and where the root trusts
     * keys now, be one of theirs (a key removed since the unpack shows here).
     */
    private static void signature(ReleaseRoot root, Version version, byte[] sums, List<String> problems)
            throws IOException {
        Path file = root.releaseDir(version).resolve(ArchiveLayout.SIGNATURE);
        TrustedKeys trust = TrustedKeys.ofRoot(root.dir());
        if (!Files.isRegularFile(file)) {
            if (trust.required()) {
                problems.add("release " + version + " is not signed, and the root now trusts only signed releases ("
                        + trust + ")");
            }
            return;
        }
        try {
            ReleaseSignature signature = ReleaseSignature.parse(Files.readAllBytes(file));
            if (!signature.verifies(sums)) {
                problems.add("the SIGNATURE of release " + version + " no longer matches its CHECKSUMS (changed on disk)");
            } else if (trust.required() && trust.nameOf(signature).isEmpty()) {
                problems.add("release " + version + " is signed by '" + signature.signer() + "' (" + signature.keyId()
                        + "), a key the root no longer trusts (" + trust + ")");
            }
        } catch (IllegalArgumentException e) {
            problems.add("release " + version + ": " + e.getMessage());
        }
    }
}
