package dev.hotrel.tools.verify;

import dev.hotrel.release.root.ReleaseRoot;
import dev.hotrel.tools.InvalidReleaseException;
import dev.hotrel.tools.Progress;
import dev.hotrel.tools.archive.ArchiveLimits;
import dev.hotrel.tools.archive.ArchiveReader;
import dev.hotrel.tools.archive.ExtractedFiles;
import dev.hotrel.tools.trust.TrustedKeys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Verifies a release archive: the one check that {@code hotrel verify}, {@code hotrel unpack},
 * {@code hotrel init}, {@code hotrel pack --from ARCHIVE} and the node's {@code unpackRelease}
 * all go through.
 *
 * <p>It unpacks the archive into a folder, refusing hostile entries as it goes
 * ({@link ArchiveReader}) and admitting only what the root's {@link TrustedKeys} trust, then checks the
 * result ({@code CHECKSUMS}, a {@code SIGNATURE} if there is one, layout, manifests, names
 * against the file name and folders, fingerprint, plans). Nothing is written outside that folder.
 */
public final class ArchiveVerifier {

    private ArchiveVerifier() {
    }

    /**
     * Unpacks and verifies {@code archive} into {@code into}, an existing empty folder that the caller
     * owns (and deletes, whether this succeeds or not).
     *
     * @throws InvalidReleaseException listing what is wrong with the archive (its sender's fault)
     * @throws IOException if reading the archive file or writing the folder failed (this machine's)
     */
    public static VerifiedRelease unpackVerified(Path archive, Path into, ArchiveLimits limits, Progress progress)
            throws InvalidReleaseException, IOException {
        return unpackVerified(archive, into, limits, TrustedKeys.none(), progress);
    }

    /**
     * As {@link #unpackVerified(Path, Path, ArchiveLimits, Progress)}, refusing, before any of the
     * release's content is written, an archive that {@code trust} does not admit (unsigned, or signed by
     * a key it does not hold, when it holds any).
     */
    public static VerifiedRelease unpackVerified(Path archive, Path into, ArchiveLimits limits, TrustedKeys trust,
                                                 Progress progress) throws InvalidReleaseException, IOException {
        ExtractedFiles files = ArchiveReader.extract(archive, into, limits, trust, progress);
        return ReleaseCheck.check(files, archive.getFileName().toString());
    }

    /**
     * Verifies {@code archive} in a temporary folder that is deleted before this returns: the result's
     * manifests are valid, its paths are not.
     */
    public static VerifiedRelease verify(Path archive, ArchiveLimits limits, Progress progress)
            throws InvalidReleaseException, IOException {
        return verify(archive, limits, TrustedKeys.none(), progress);
    }

    /** {@link #verify(Path, ArchiveLimits, Progress)} as a root trusting {@code trust} would. */
    public static VerifiedRelease verify(Path archive, ArchiveLimits limits, TrustedKeys trust, Progress progress)
            throws InvalidReleaseException, IOException {
        Path temp = Files.createTempDirectory("hotrel-verify-");
        try {
            return unpackVerified(archive, temp, limits, trust, progress);
        } finally {
            ReleaseRoot.deleteTree(temp);
        }
    }
}
