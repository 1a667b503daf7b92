package dev.hotrel.tools.archive;

import dev.hotrel.tools.InvalidReleaseException;

import java.util.Map;

/**
 * Judges an archive by its leading files ({@code CHECKSUMS}, {@code SIGNATURE}) before the
 * {@link ArchiveReader} writes any of the release's content: how a root that trusts only signed
 * releases refuses the others before anything of them is unpacked.
 */
@FunctionalInterface
public interface ContentGate {

    /** Admits every archive. */
    ContentGate OPEN = (archiveName, leading) -> {
    };

    /**
     * Called once per archive, with the leading files read so far (by path; {@code CHECKSUMS} and
     * {@code SIGNATURE} when the archive starts with them, as every packed archive does).
     *
     * @throws InvalidReleaseException to refuse the archive; nothing after those files is written
     */
    void admit(String archiveName, Map<String, byte[]> leading) throws InvalidReleaseException;
}
