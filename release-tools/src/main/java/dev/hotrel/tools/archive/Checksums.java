package dev.hotrel.tools.archive;

import dev.hotrel.tools.Problem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code CHECKSUMS} file of an archive: the SHA-256 of every other file, one line each,
 * sorted by path, in the format of {@code sha256sum} ({@code HEX␣␣PATH\n}), so that
 * {@code sha256sum -c CHECKSUMS} checks an unpacked archive without Hotrel.
 *
 * @param files path → lower-case hex SHA-256, sorted by path
 */
public record Checksums(SortedMap<String, String> files) {

    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64})  (.+)");

    public Checksums {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /**
     * Parses a {@code CHECKSUMS} file strictly.
     *
     * @return the checksums, or the problems (each naming its line) in {@code problems}
     */
    public static Checksums parse(byte[] text, List<Problem> problems) {
        SortedMap<String, String> files = new TreeMap<>();
        String s = new String(text, StandardCharsets.UTF_8);
        if (!s.isEmpty() && !s.endsWith("\n")) {
            problems.add(Problem.of(Problem.Code.BAD_CHECKSUMS, s.split("\n", -1).length, "the file does not end with a newline"));
            return null;
        }
        String[] lines = s.isEmpty() ? new String[0] : s.substring(0, s.length() - 1).split("\n", -1);
        int before = problems.size();
        for (int i = 0; i < lines.length; i++) {
            Matcher m = LINE.matcher(lines[i]);
            if (!m.matches()) {
                problems.add(Problem.of(Problem.Code.BAD_CHECKSUMS, i + 1,
                        "expected 64 lower-case hex digits, two spaces and a path, found '" + lines[i] + "'"));
                continue;
            }
            String path = m.group(2);
            Problem unsafe = ArchiveLayout.unsafeName(path);
            if (unsafe != null || path.endsWith("/")) {
                problems.add(Problem.of(Problem.Code.BAD_CHECKSUMS, i + 1, "bad path '" + path + "'"));
            } else if (path.equals(ArchiveLayout.CHECKSUMS)) {
                problems.add(Problem.of(Problem.Code.BAD_CHECKSUMS, i + 1, "CHECKSUMS cannot list itself"));
            } else if (path.equals(ArchiveLayout.SIGNATURE)) {
                problems.add(Problem.of(Problem.Code.BAD_CHECKSUMS, i + 1, "CHECKSUMS cannot list SIGNATURE, which signs it"));
            } else if (files.put(path, m.group(1)) != null) {
                problems.add(Problem.of(Problem.Code.BAD_CHECKSUMS, i + 1, "'" + path + "' is listed twice"));
            }
        }
        return problems.size() == before ? new Checksums(files) : null;
    }

    /** The file's bytes: sorted lines {@code HEX␣␣PATH\n}. */
    public byte[] format() {
        StringBuilder b = new StringBuilder();
        files.forEach((path, hash) -> b.append(hash).append("  ").append(path).append('\n'));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Only the files under {@code prefix} (a folder path without trailing slash). */
    public Checksums under(String prefix) {
        return new Checksums(files.subMap(prefix + "/", prefix + "/\uffff"));
    }

    /** Checksums of contents, computed by reading each. */
    public static Checksums of(Map<String, Content> contents) throws IOException {
        SortedMap<String, String> files = new TreeMap<>();
        for (Map.Entry<String, Content> e : contents.entrySet()) {
            try (InputStream in = e.getValue().open()) {
                files.put(e.getKey(), sha256(in));
            }
        }
        return new Checksums(files);
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    public static String sha256(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
