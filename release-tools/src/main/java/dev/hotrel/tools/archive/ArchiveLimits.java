package dev.hotrel.tools.archive;

/**
 * How much an archive may unpack to, so that a decompression bomb (a small {@code .tar.gz} that
 * inflates to gigabytes) is refused before it fills the disk. Checked against each entry's
 * declared size before a byte of it is written, and against the bytes actually written.
 *
 * @param maxEntrySize the largest file, in bytes
 * @param maxTotalSize all files together, in bytes
 * @param maxEntries files and folders together
 */
public record ArchiveLimits(long maxEntrySize, long maxTotalSize, int maxEntries) {

    /** 512 MiB per file, 2 GiB in all, 10,000 entries: far above any real release. */
    public static final ArchiveLimits DEFAULT = new ArchiveLimits(512L << 20, 2L << 30, 10_000);

    public ArchiveLimits {
        if (maxEntrySize <= 0) {
            throw new IllegalArgumentException("maxEntrySize must be positive: " + maxEntrySize);
        }
        if (maxTotalSize <= 0) {
            throw new IllegalArgumentException("maxTotalSize must be positive: " + maxTotalSize);
        }
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        }
    }

    public ArchiveLimits withMaxEntrySize(long bytes) {
        return new ArchiveLimits(bytes, maxTotalSize, maxEntries);
    }

    public ArchiveLimits withMaxTotalSize(long bytes) {
        return new ArchiveLimits(maxEntrySize, bytes, maxEntries);
    }
}
