package dev.hotrel.tools;

import dev.hotrel.tools.archive.Checksums;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Writes tar.gz archives byte by byte, so that tests can build anything a hostile or broken sender
 * could: links, devices, absolute and '..' names, duplicates, entries whose data is longer than
 * their header says. Entries are written in the order added.
 */
public final class TarBuilder {

    private final List<byte[]> blocks = new ArrayList<>();

    /** The regular files of an archive, in archive order (folders skipped). */
    public static Map<String, byte[]> files(Path archive) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (e.isFile()) {
                    files.put(e.getName(), tar.readAllBytes());
                }
            }
        }
        return files;
    }

    /** A builder holding {@code files} plus a fresh CHECKSUMS of them, first (a SIGNATURE among them second, unchanged). */
    public static TarBuilder withChecksums(Map<String, byte[]> files) {
        Map<String, byte[]> others = new LinkedHashMap<>(files);
        others.remove("CHECKSUMS");
        byte[] signature = others.remove("SIGNATURE");
        TreeMap<String, String> sums = new TreeMap<>();
        others.forEach((k, v) -> sums.put(k, Checksums.sha256(v)));
        TarBuilder b = new TarBuilder().file("CHECKSUMS", new Checksums(sums).format());
        if (signature != null) {
            b.file("SIGNATURE", signature); // kept as it was: no longer matching, if anything changed
        }
        others.forEach(b::file);
        return b;
    }

    /** A builder holding exactly {@code files} (CHECKSUMS as it is among them). */
    public static TarBuilder of(Map<String, byte[]> files) {
        TarBuilder b = new TarBuilder();
        files.forEach(b::file);
        return b;
    }

    public TarBuilder file(String name, byte[] content) {
        return entry(new TarArchiveEntry(name, TarConstants.LF_NORMAL, true), content, content.length);
    }

    public TarBuilder file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public TarBuilder dir(String name) {
        return entry(new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true),
                new byte[0], 0);
    }

    /** An entry of another type: {@link TarConstants#LF_SYMLINK}, {@code LF_LINK}, {@code LF_CHR}, ... */
    public TarBuilder special(String name, byte type, String linkName) {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        if (linkName != null) {
            e.setLinkName(linkName);
        }
        return entry(e, new byte[0], 0);
    }

    /** A file whose header declares {@code declared} bytes but that is followed by all of {@code content}. */
    public TarBuilder lying(String name, byte[] content, long declared) {
        return entry(new TarArchiveEntry(name, TarConstants.LF_NORMAL, true), content, declared);
    }

    private TarBuilder entry(TarArchiveEntry entry, byte[] content, long declaredSize) {
        entry.setSize(declaredSize);
        entry.setModTime(946684800000L);
        byte[] header = new byte[512];
        entry.writeEntryHeader(header);
        blocks.add(header);
        if (content.length > 0) {
            blocks.add(java.util.Arrays.copyOf(content, (content.length + 511) / 512 * 512));
        }
        return this;
    }

    /** The uncompressed tar bytes, with the end marker. */
    public byte[] tar() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        blocks.forEach(out::writeBytes);
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    public byte[] tarGz() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(tar());
        }
        return out.toByteArray();
    }

    public Path writeTo(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, tarGz());
        return file;
    }
}
