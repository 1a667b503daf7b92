package dev.hotrel.handler;

import dev.hotrel.release.ReleaseEntry;
import dev.hotrel.release.Version;
import dev.hotrel.release.root.ReleaseRoot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The archive format, as the release handler needs it: implemented by the release tools (which
 * own the format), handed to the handler where the node is assembled, so that the node and the
 * {@code hotrel} CLI unpack and verify with the very same code.
 */
public interface ReleaseArchives {

    /**
     * Verifies {@code archive} and unpacks it into {@code root}, recording it as unpacked; a
     * failure leaves the root as it was. Idempotent for an archive already unpacked.
     *
     * @return the release as recorded in the root
     * @throws IllegalArgumentException if the archive is refused (the message says why)
     */
    ReleaseEntry unpack(Path archive, ReleaseRoot root) throws IOException;

    /**
     * Checks the files of an unpacked release against its checksums.
     *
     * @return one line per problem; empty if every file is intact
     */
    List<String> verify(ReleaseRoot root, Version version) throws IOException;
}
