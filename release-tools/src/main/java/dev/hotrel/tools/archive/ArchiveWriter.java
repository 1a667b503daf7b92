package dev.hotrel.tools.archive;

import dev.hotrel.tools.Progress;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.zip.Deflater;

/**
 * Writes a release archive reproducibly: the same files give a byte-identical {@code .tar.gz},
 * whoever packs them, wherever and whenever.
 * <ul>
 *   <li>{@code CHECKSUMS} first, {@code SIGNATURE} second if the archive is signed, then every folder and file sorted by path (a folder before what
 *       it holds);</li>
 *   <li>every entry with the same time ({@link #ENTRY_TIME}), owner 0:0 without names, mode
 *       {@code 0644} for files and {@code 0755} for folders: none of these mean anything in a
 *       release, and each would otherwise make two packs of the same files differ;</li>
 *   <li>POSIX (pax) headers only where ustar cannot hold a name or size;</li>
 *   <li>a gzip header without file name and with time 0 and operating system "unknown".</li>
 * </ul>
 * The compressed bytes depend on the JDK's zlib too; the same JDK build gives the same bytes.
 */
public final class ArchiveWriter {

    /** The time of every entry: fixed, so that archives do not differ by when they were packed. */
    public static final Instant ENTRY_TIME = Instant.parse("2000-01-01T00:00:00Z");

    private ArchiveWriter() {
    }

    /**
     * Writes {@code files} and their {@code CHECKSUMS} to {@code target}, through a temporary file in
     * the same folder that is renamed into place only when complete: a failed pack leaves no archive.
     *
     * @param files archive path → content, without {@code CHECKSUMS}
     * @return the checksums written
     */
    public static Checksums write(Path target, Map<String, Content> files, Progress progress) throws IOException {
        return write(target, files, null, progress);
    }

    /**
     * As {@link #write(Path, Map, Progress)}, with a {@code SIGNATURE} second (after {@code CHECKSUMS}),
     * made by {@code signer} from the bytes of {@code CHECKSUMS}; none if {@code signer} is null.
     */
    public static Checksums write(Path target, Map<String, Content> files, UnaryOperator<byte[]> signer,
                                  Progress progress) throws IOException {
        if (files.containsKey(ArchiveLayout.CHECKSUMS) || files.containsKey(ArchiveLayout.SIGNATURE)) {
            throw new IllegalArgumentException("CHECKSUMS and SIGNATURE are written by the archive writer itself");
        }
        for (String path : files.keySet()) {
            if (ArchiveLayout.unsafeName(path) != null || path.endsWith("/")) {
                throw new IllegalArgumentException("not a plain relative file path: '" + path + "'");
            }
        }
        Checksums checksums = Checksums.of(files);
        SortedMap<String, Content> all = new TreeMap<>(files);
        all.put(ArchiveLayout.CHECKSUMS, Content.of(checksums.format()));
        if (signer != null) {
            all.put(ArchiveLayout.SIGNATURE, Content.of(signer.apply(checksums.format())));
        }
        long total = 0;
        for (Content c : all.values()) {
            total += c.size();
        }
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: its owner-only permissions would stay on the archive.
        Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), 1 << 16)) {
                writeTar(out, all, total, progress);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
            progress.finish();
        }
        return checksums;
    }

    private static void writeTar(OutputStream out, SortedMap<String, Content> files, long total, Progress progress)
            throws IOException {
        GzipParameters gzip = new GzipParameters();
        gzip.setCompressionLevel(Deflater.BEST_COMPRESSION);
        gzip.setModificationTime(0);
        gzip.setOperatingSystem(255);
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out, gzip);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            byte[] checksums = ((Content.Bytes) files.get(ArchiveLayout.CHECKSUMS)).bytes();
            long done = 0;
            done += putFile(tar, ArchiveLayout.CHECKSUMS, Content.of(checksums), done, total, progress);
            if (files.containsKey(ArchiveLayout.SIGNATURE)) {
                done += putFile(tar, ArchiveLayout.SIGNATURE, files.get(ArchiveLayout.SIGNATURE), done, total, progress);
            }
            for (String entry : entryOrder(files)) {
                if (entry.equals(ArchiveLayout.CHECKSUMS) || entry.equals(ArchiveLayout.SIGNATURE)) {
                    continue;
                }
                if (entry.endsWith("/")) {
                    TarArchiveEntry dir = entry(entry, 040755);
                    tar.putArchiveEntry(dir);
                    tar.closeArchiveEntry();
                } else {
                    done += putFile(tar, entry, files.get(entry), done, total, progress);
                }
            }
            tar.finish();
        }
    }

    /** Folders (with a trailing {@code /}) and files, sorted, so that a folder precedes its content. */
    private static SortedSet<String> entryOrder(SortedMap<String, Content> files) {
        SortedSet<String> entries = new TreeSet<>();
        for (String path : files.keySet()) {
            entries.add(path);
            for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                entries.add(path.substring(0, slash + 1));
            }
        }
        return entries;
    }

    private static long putFile(TarArchiveOutputStream tar, String path, Content content, long done, long total,
                                Progress progress) throws IOException {
        TarArchiveEntry entry = entry(path, 0100644);
        long size = content.size();
        entry.setSize(size);
        tar.putArchiveEntry(entry);
        long written = 0;
        try (InputStream in = content.open()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (written + n > size) {
                    throw new IOException(path + " grew while it was being packed");
                }
                tar.write(buffer, 0, n);
                written += n;
                progress.update(done + written, total);
            }
        }
        if (written != size) {
            throw new IOException(path + " shrank while it was being packed");
        }
        tar.closeArchiveEntry();
        return size;
    }

    private static TarArchiveEntry entry(String name, int mode) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setModTime(ENTRY_TIME.toEpochMilli());
        entry.setIds(0, 0);
        entry.setNames("", "");
        entry.setMode(mode);
        return entry;
    }
}
