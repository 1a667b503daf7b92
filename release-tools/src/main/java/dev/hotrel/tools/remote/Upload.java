package dev.hotrel.tools.remote;

import dev.hotrel.tools.Progress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Delivers an archive into a node's inbox through Jolokia itself (no shared disk): pieces of
 * {@value #PIECE} bytes, base64 in POST bodies, then the SHA-256, which the node checks before the
 * archive appears in its inbox.
 */
public final class Upload {

    static final int PIECE = 512 * 1024;

    private Upload() {
    }

    /** @return the archive's file name in the node's inbox */
    public static String send(RemoteNode node, Path archive, Progress progress) throws IOException {
        long size = Files.size(archive);
        String name = archive.getFileName().toString();
        String id = (String) node.handler("uploadBegin", name, size);
        MessageDigest sha = sha256();
        byte[] buffer = new byte[PIECE];
        long sent = 0;
        try (InputStream in = Files.newInputStream(archive)) {
            for (int n; (n = in.readNBytes(buffer, 0, buffer.length)) > 0; ) {
                byte[] piece = n == buffer.length ? buffer : Arrays.copyOf(buffer, n);
                sha.update(piece);
                node.handler("uploadChunk", id, Base64.getEncoder().encodeToString(piece));
                sent += n;
                progress.update(sent, size);
            }
        } finally {
            progress.finish();
        }
        return (String) node.handler("uploadEnd", id, HexFormat.of().formatHex(sha.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
