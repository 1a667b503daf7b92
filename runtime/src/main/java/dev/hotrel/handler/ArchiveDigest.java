package dev.hotrel.handler;

import dev.hotrel.release.Version;
import dev.hotrel.release.root.ReleaseRoot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SHA-256 of the archive a release was unpacked from, for the audit log: computed when it is
 * unpacked and kept beside it as {@code releases/VERSION/archive.sha256} ({@code sha256sum}'s line
 * format), so that every later operation on the release (install, make permanent, remove) names the
 * same archive. Not in the archive's {@code CHECKSUMS}, so verification ignores it; removed with
 * the release's folder.
 */
final class ArchiveDigest {

    static final String FILE = "archive.sha256";
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private ArchiveDigest() {
    }

    /** The SHA-256 of {@code file}, lower-case hex. */
    static String of(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Keeps the digest of the archive {@code version} came from, unless one is kept already (an unpack repeated). */
    static void remember(ReleaseRoot root, Version version, String sha256, String archiveName) throws IOException {
        Path file = root.releaseDir(version).resolve(FILE);
        if (Files.isDirectory(file.getParent()) && !Files.exists(file)) {
            Files.writeString(file, sha256 + "  " + archiveName + "\n", StandardCharsets.UTF_8);
        }
    }

    /** The digest kept for {@code version}, if any (a root made by {@code hotrel init} has none for its first release). */
    static Optional<String> of(ReleaseRoot root, Version version) {
        try {
            String line = Files.readString(root.releaseDir(version).resolve(FILE), StandardCharsets.UTF_8);
            String hex = line.length() >= 64 ? line.substring(0, 64) : "";
            return HEX.matcher(hex).matches() ? Optional.of(hex) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
