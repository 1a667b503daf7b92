package dev.hotrel.tools.archive;

import dev.hotrel.tools.InvalidReleaseException;
import dev.hotrel.tools.Problem;
import dev.hotrel.tools.Problem.Code;
import dev.hotrel.tools.Progress;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.HexFormat;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Unpacks a {@code .tar.gz} into a folder, refusing everything a hostile or broken archive could
 * do: names with {@code ..} or absolute paths, links (symbolic and hard), devices, FIFOs, sparse
 * files, duplicate entries, entries above the {@link ArchiveLimits}, truncated or corrupt gzip and
 * tar, and data after the end of the archive. Nothing is ever written outside the target folder:
 * names are checked before they are resolved, and the resolved path is checked again.
 *
 * <p>It stops at the first problem: what was unpacked so far stays in the target folder, which the
 * caller deletes (it is a staging folder). Reading problems are the archive's fault
 * ({@link InvalidReleaseException}); writing problems are the machine's ({@link IOException}).
 */
public final class ArchiveReader {

    /** At most this much zero padding may follow the tar end marker (tar's records are 10 KiB). */
    private static final int MAX_PADDING = 64 * 1024;

    /** The files a {@link ContentGate} judges an archive by, which packed archives hold first. */
    private static final Set<String> LEADING = Set.of(ArchiveLayout.CHECKSUMS, ArchiveLayout.SIGNATURE);

    private ArchiveReader() {
    }

    /**
     * @param archive the {@code .tar.gz}
     * @param into an existing, empty folder
     */
    public static ExtractedFiles extract(Path archive, Path into, ArchiveLimits limits, Progress progress)
            throws InvalidReleaseException, IOException {
        return extract(archive, into, limits, ContentGate.OPEN, progress);
    }

    /**
     * As {@link #extract(Path, Path, ArchiveLimits, Progress)}, asking {@code gate} to admit the archive
     * once its leading {@code CHECKSUMS} and {@code SIGNATURE} are read, before any other entry is
     * written.
     */
    public static ExtractedFiles extract(Path archive, Path into, ArchiveLimits limits, ContentGate gate,
                                         Progress progress) throws InvalidReleaseException, IOException {
        String subject = String.valueOf(archive.getFileName());
        Path root = into.toAbsolutePath().normalize();
        SortedMap<String, String> files = new TreeMap<>();
        SortedSet<String> dirs = new TreeSet<>();
        Set<String> seen = new HashSet<>();
        boolean admitted = false;
        long size = Files.size(archive);
        try (Counting counting = new Counting(Files.newInputStream(archive), size, progress);
             BufferedInputStream buffered = new BufferedInputStream(counting, 1 << 16)) {
            GzipCompressorInputStream gzip = open(buffered, subject);
            TarArchiveInputStream tar = new TarArchiveInputStream(gzip);
            long total = 0;
            int count = 0;
            for (TarArchiveEntry entry = next(tar, subject); entry != null; entry = next(tar, subject)) {
                String name = entry.getName();
                if (!entry.isCheckSumOK()) {
                    // Also what data longer than its header declared looks like: the rest is read as a header.
                    refuse(subject, Problem.of(Code.CORRUPT, "the header of entry '" + name + "' has a bad checksum "
                            + "(damaged, or the entry before it holds more data than its header declares)"));
                }
                refuse(subject, typeProblem(entry));
                refuse(subject, ArchiveLayout.unsafeName(name));
                String path = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
                if (!seen.add(path)) {
                    refuse(subject, Problem.of(Code.DUPLICATE_ENTRY, path));
                }
                if (++count > limits.maxEntries()) {
                    refuse(subject, Problem.of(Code.TOO_MANY_ENTRIES, limits.maxEntries()));
                }
                Path target = root.resolve(path).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    refuse(subject, Problem.of(Code.UNSAFE_PATH, name, "resolves outside the folder"));
                }
                if (!admitted && (entry.isDirectory() || !LEADING.contains(path))) {
                    admit(gate, subject, root, files.keySet());
                    admitted = true;
                }
                if (entry.isDirectory()) {
                    makeDirs(subject, target, path);
                    dirs.add(path);
                    continue;
                }
                if (entry.getSize() > limits.maxEntrySize()) {
                    refuse(subject, Problem.of(Code.ENTRY_TOO_LARGE, path, entry.getSize(), limits.maxEntrySize()));
                }
                total += entry.getSize();
                if (total > limits.maxTotalSize()) {
                    refuse(subject, Problem.of(Code.ARCHIVE_TOO_LARGE, limits.maxTotalSize()));
                }
                for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                    dirs.add(path.substring(0, slash));
                }
                makeDirs(subject, target.getParent(), path);
                files.put(path, copy(subject, tar, entry, target, path, limits));
            }
            drain(subject, gzip, buffered);
            if (!admitted) {
                admit(gate, subject, root, files.keySet());
            }
        } finally {
            progress.finish();
        }
        for (String file : files.keySet()) {
            if (dirs.contains(file)) {
                throw new InvalidReleaseException(subject, Problem.of(Code.DUPLICATE_ENTRY, file));
            }
        }
        return new ExtractedFiles(root, files, dirs);
    }

    private static void admit(ContentGate gate, String subject, Path root, Set<String> leading)
            throws InvalidReleaseException, IOException {
        Map<String, byte[]> read = new HashMap<>();
        for (String path : leading) {
            read.put(path, Files.readAllBytes(root.resolve(path)));
        }
        gate.admit(subject, read);
    }

    private static GzipCompressorInputStream open(InputStream in, String subject) throws InvalidReleaseException {
        try {
            return new GzipCompressorInputStream(in);
        } catch (IOException e) {
            throw corrupt(subject, "not a gzip file (" + reason(e) + ")");
        }
    }

    private static TarArchiveEntry next(TarArchiveInputStream tar, String subject) throws InvalidReleaseException {
        try {
            return tar.getNextEntry();
        } catch (IOException e) {
            throw corrupt(subject, reason(e));
        } catch (IllegalArgumentException e) {
            throw corrupt(subject, "bad tar header (" + e.getMessage() + ")");
        }
    }

    private static Problem typeProblem(TarArchiveEntry entry) {
        String name = entry.getName();
        if (entry.isSymbolicLink()) {
            return Problem.of(Code.LINK, name, "symbolic", entry.getLinkName());
        }
        if (entry.isLink()) {
            return Problem.of(Code.LINK, name, "hard", entry.getLinkName());
        }
        if (entry.isCharacterDevice()) {
            return Problem.of(Code.SPECIAL_FILE, name, "character device");
        }
        if (entry.isBlockDevice()) {
            return Problem.of(Code.SPECIAL_FILE, name, "block device");
        }
        if (entry.isFIFO()) {
            return Problem.of(Code.SPECIAL_FILE, name, "FIFO");
        }
        if (entry.isSparse()) {
            return Problem.of(Code.SPECIAL_FILE, name, "sparse file");
        }
        if (!entry.isDirectory() && !entry.isFile()) {
            return Problem.of(Code.SPECIAL_FILE, name, "tar entry of type '" + (char) entry.getLinkFlag() + "'");
        }
        return null;
    }

    private static void makeDirs(String subject, Path dir, String entry) throws InvalidReleaseException, IOException {
        // A file of an earlier entry where this one needs a folder (the folder itself or one above it) is the
        // archive's conflict, not a disk error: creating the folders would fail with ENOTDIR.
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    throw new InvalidReleaseException(subject, Problem.of(Code.PATH_CONFLICT, entry));
                }
                break;
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new InvalidReleaseException(subject, Problem.of(Code.PATH_CONFLICT, entry));
        }
    }

    /** Copies one entry, hashing what is written and never writing more than the limit. */
    private static String copy(String subject, TarArchiveInputStream tar, TarArchiveEntry entry, Path target,
                               String path, ArchiveLimits limits) throws InvalidReleaseException, IOException {
        MessageDigest digest = Checksums.newDigest();
        long written = 0;
        byte[] buffer = new byte[1 << 16];
        // CREATE_NEW: an entry never replaces anything, not even a file of an earlier entry.
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (true) {
                int n;
                try {
                    n = tar.read(buffer);
                } catch (IOException e) {
                    throw corrupt(subject, reason(e) + " while reading '" + path + "'");
                }
                if (n < 0) {
                    break;
                }
                written += n;
                if (written > limits.maxEntrySize()) {
                    throw new InvalidReleaseException(subject,
                            Problem.of(Code.ENTRY_TOO_LARGE, path, written, limits.maxEntrySize()));
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        } catch (FileAlreadyExistsException e) {
            throw new InvalidReleaseException(subject, Problem.of(Code.DUPLICATE_ENTRY, path));
        }
        if (written != entry.getSize()) {
            throw corrupt(subject, "'" + path + "' declares " + entry.getSize() + " bytes but holds " + written);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Reads what follows the tar end marker: only zero padding may, and then the gzip trailer, whose
     * CRC and length the gzip stream checks as it reaches it; then the file must end.
     */
    private static void drain(String subject, GzipCompressorInputStream gzip, InputStream file)
            throws InvalidReleaseException {
        try {
            byte[] buffer = new byte[8192];
            long padding = 0;
            for (int n; (n = gzip.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != 0) {
                        throw corrupt(subject, "data after the end of the tar archive");
                    }
                }
                padding += n;
                if (padding > MAX_PADDING) {
                    throw corrupt(subject, "more than " + MAX_PADDING + " bytes after the end of the tar archive");
                }
            }
            if (file.read() >= 0) {
                throw corrupt(subject, "data after the end of the gzip stream");
            }
        } catch (IOException e) {
            throw corrupt(subject, reason(e));
        }
    }

    private static void refuse(String subject, Problem problem) throws InvalidReleaseException {
        if (problem != null) {
            throw new InvalidReleaseException(subject, problem);
        }
    }

    private static InvalidReleaseException corrupt(String subject, String why) {
        return new InvalidReleaseException(subject, Problem.of(Code.CORRUPT, why));
    }

    private static String reason(IOException e) {
        if (e instanceof EOFException) {
            return "it ends too early (truncated, perhaps an incomplete download)";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Counts compressed bytes read, for progress. */
    private static final class Counting extends FilterInputStream {
        private final long size;
        private final Progress progress;
        private long done;

        Counting(InputStream in, long size, Progress progress) {
            super(in);
            this.size = size;
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                progress.update(++done, size);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                done += n;
                progress.update(done, size);
            }
            return n;
        }
    }
}
