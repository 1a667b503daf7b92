package dev.hotrel.handler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Archives delivered in pieces to the root's {@code inbox/}, for clients with no shared disk: the
 * management layer's upload operations. A piece is appended to {@code inbox/.upload-ID.part}; the
 * upload becomes {@code inbox/NAME} only when its size and SHA-256 match what the client declared,
 * so {@code unpackRelease} never sees half an archive.
 *
 * <p>Thread-safe; uploads run beside lifecycle operations (they change no release).
 */
public final class Inbox {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.tar\\.gz");

    private record Upload(String name, long size, Path part, MessageDigest digest, long[] received) {
    }

    private final Path dir;
    private final long maxSize;
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();

    public Inbox(Path dir, long maxSize) {
        this.dir = dir;
        this.maxSize = maxSize;
    }

    /**
     * Starts an upload of {@code name} (a plain {@code NAME.tar.gz} file name) of {@code size} bytes.
     *
     * @return the upload id for {@link #append} and {@link #finish}
     * @throws IllegalArgumentException for a bad name or size
     */
    public String begin(String name, long size) throws IOException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad archive name '" + name + "' (expected a plain file name like demo-1.1.0.tar.gz)");
        }
        if (size <= 0 || size > maxSize) {
            throw new IllegalArgumentException("upload of " + name + " declares " + size + " bytes; allowed: 1 to " + maxSize
                    + " (raise maxUploadSize to allow more)");
        }
        Files.createDirectories(dir);
        String id = UUID.randomUUID().toString();
        Path part = dir.resolve(".upload-" + id + ".part");
        Files.createFile(part);
        uploads.put(id, new Upload(name, size, part, sha256(), new long[1]));
        return id;
    }

    /**
     * Appends the next piece.
     *
     * @return the bytes received so far
     * @throws IllegalArgumentException for an unknown upload, or more bytes than declared
     * @throws IOException if the piece could not be written (a full disk): the upload is discarded
     */
    public long append(String id, byte[] piece) throws IOException {
        Upload u = upload(id);
        synchronized (u) {
            if (u.received()[0] + piece.length > u.size()) {
                abort(id);
                throw new IllegalArgumentException("upload of " + u.name() + " got more than the " + u.size()
                        + " bytes it declared; it was discarded");
            }
            try (OutputStream out = Files.newOutputStream(u.part(), StandardOpenOption.APPEND)) {
                out.write(piece);
            } catch (IOException e) {
                // A full disk, say: the part written so far would hold its space until the next boot.
                abort(id);
                throw new IOException("upload of " + u.name() + " failed after " + u.received()[0] + " of " + u.size()
                        + " bytes: writing to " + dir + " failed (" + (e.getMessage() == null ? e : e.getMessage())
                        + "); it was discarded (check the free space on that disk, then send it again)", e);
            }
            u.digest().update(piece);
            u.received()[0] += piece.length;
            return u.received()[0];
        }
    }

    /**
     * Completes an upload: checks size and SHA-256, then moves it to {@code inbox/NAME}.
     *
     * @return the file name in the inbox, for {@code unpackRelease}
     * @throws IllegalArgumentException if size or checksum differ (the upload is discarded)
     */
    public String finish(String id, String sha256) throws IOException {
        Upload u = upload(id);
        synchronized (u) {
            uploads.remove(id);
            String actual = HexFormat.of().formatHex(u.digest().digest());
            if (u.received()[0] != u.size() || !actual.equalsIgnoreCase(sha256.replaceFirst("^sha256:", ""))) {
                Files.deleteIfExists(u.part());
                throw new IllegalArgumentException("upload of " + u.name() + " is damaged: got " + u.received()[0] + " of "
                        + u.size() + " bytes with SHA-256 " + actual + ", expected " + sha256 + "; it was discarded, send it again");
            }
            Files.move(u.part(), dir.resolve(u.name()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return u.name();
        }
    }

    /** Drops an upload. Idempotent. */
    public void abort(String id) throws IOException {
        Upload u = uploads.remove(id);
        if (u != null) {
            Files.deleteIfExists(u.part());
        }
    }

    private Upload upload(String id) {
        Upload u = uploads.get(id);
        if (u == null) {
            throw new IllegalArgumentException("no upload with id " + id + " is in progress (it finished, failed, or never began)");
        }
        return u;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
