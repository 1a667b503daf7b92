package dev.hotrel.tools.verify;

import dev.hotrel.release.Release;
import dev.hotrel.release.Relup;
import dev.hotrel.release.SysConfig;
import dev.hotrel.tools.archive.Checksums;
import dev.hotrel.tools.plan.ReleaseContent;
import dev.hotrel.tools.trust.ReleaseSignature;

import java.nio.file.Path;
import java.util.Optional;

/**
 * An archive that passed every check of {@link ArchiveVerifier}, unpacked in a folder laid out as
 * the archive is ({@code CHECKSUMS}, {@code releases/VERSION/}, {@code lib/APP-VSN/}).
 *
 * @param dir the folder it was unpacked into; its content is valid while the caller keeps it
 * @param archiveName the archive's file name, {@code NAME-VERSION.tar.gz}
 * @param content the release, its application folders (under {@code dir}) and its fingerprint
 * @param sys null when the release has no {@code sys.json}
 * @param signature null when the archive is not signed; else a signature that verifies, of this release
 */
public record VerifiedRelease(Path dir, String archiveName, ReleaseContent content, Relup relup, SysConfig sys,
                              Checksums checksums, ReleaseSignature signature) {

    public Optional<ReleaseSignature> signatureIfAny() {
        return Optional.ofNullable(signature);
    }

    public Release release() {
        return content.release();
    }

    public String fingerprint() {
        return content.fingerprint();
    }

    public Optional<SysConfig> sysIfAny() {
        return Optional.ofNullable(sys);
    }
}
