package dev.hotrel.tools.cli;

import dev.hotrel.tools.archive.ArchiveLimits;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.Locale;

/** The decompression-bomb limits, for every command that reads archives. */
final class LimitOptions {

    @Option(names = "--max-entry-size", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Refuse an archive with a file larger than SIZE (bytes, or with K, M, G). Default: 512M.")
    Long maxEntrySize;

    @Option(names = "--max-total-size", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Refuse an archive whose files add up to more than SIZE. Default: 2G.")
    Long maxTotalSize;

    ArchiveLimits limits() {
        ArchiveLimits limits = ArchiveLimits.DEFAULT;
        if (maxEntrySize != null) {
            limits = limits.withMaxEntrySize(maxEntrySize);
        }
        if (maxTotalSize != null) {
            limits = limits.withMaxTotalSize(maxTotalSize);
        }
        return limits;
    }

    /** {@code 1024}, {@code 64K}, {@code 512M}, {@code 2G}. */
    static final class SizeConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String v = value.trim().toUpperCase(Locale.ROOT);
            long unit = 1;
            if (v.endsWith("K") || v.endsWith("M") || v.endsWith("G")) {
                unit = switch (v.charAt(v.length() - 1)) {
                    case 'K' -> 1L << 10;
                    case 'M' -> 1L << 20;
                    default -> 1L << 30;
                };
                v = v.substring(0, v.length() - 1);
            }
            try {
                long n = Long.parseLong(v);
                if (n <= 0) {
                    throw new NumberFormatException();
                }
                return Math.multiplyExact(n, unit);
            } catch (NumberFormatException | ArithmeticException e) {
                throw new CommandLine.TypeConversionException("'" + value
                        + "' is not a size (expected a positive number of bytes, optionally with K, M or G)");
            }
        }
    }
}
