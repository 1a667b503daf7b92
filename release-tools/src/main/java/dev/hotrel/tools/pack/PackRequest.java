package dev.hotrel.tools.pack;

import dev.hotrel.tools.archive.ArchiveLimits;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code hotrel pack} is asked to do.
 *
 * @param descriptor the new release's {@code release.json}; a {@code sys.json} next to it is packed too
 * @param lib where the application versions are ({@link LibraryPath})
 * @param from earlier releases to make upgrade and downgrade plans for: archives
 *             ({@code NAME-VERSION.tar.gz}) or descriptors ({@code *.json}, their applications found on
 *             {@code lib})
 * @param outputDir where {@code NAME-VERSION.tar.gz} is written
 * @param allowUncovered whether a server whose code changed without an instruction migrating it is
 *                       only a warning instead of a refusal
 * @param limits for reading {@code from} archives
 * @param signingKey an Ed25519 private key file ({@code NAME.key}, with {@code NAME.pub} beside it) to
 *                   sign the archive with; null for an unsigned archive
 */
public record PackRequest(Path descriptor, List<Path> lib, List<Path> from, Path outputDir, boolean allowUncovered,
                          ArchiveLimits limits, Path signingKey) {

    public PackRequest {
        Objects.requireNonNull(descriptor, "descriptor");
        lib = List.copyOf(lib);
        from = List.copyOf(from);
        Objects.requireNonNull(outputDir, "outputDir");
        Objects.requireNonNull(limits, "limits");
    }

    /** An unsigned archive. */
    public PackRequest(Path descriptor, List<Path> lib, List<Path> from, Path outputDir, boolean allowUncovered,
                       ArchiveLimits limits) {
        this(descriptor, lib, from, outputDir, allowUncovered, limits, null);
    }
}
