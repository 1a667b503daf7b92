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
 * <p>Bad input changes nothing and is told once, cut short ({@link Echo}): a bad name or size, an
 * unknown id, a malformed checksum. An upload that sends more than it declared, or ends with another
 * size or checksum, is discarded. One that stops half-way is discarded once it has had no piece for
 * {@value #IDLE_MINUTES} minutes (when another begins), or when the node starts; at most
 * {@value #MAX_OPEN} run at once, so abandoned ones cannot fill the disk.
 *
 * <p>Thread-safe; uploads run beside lifecycle operations (they change no release).
 */
public final class Inbox {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.tar\\.gz");

    static final int IDLE_MINUTES = 10;
    static final int MAX_OPEN = 8;
    private static final Pattern SHA256 = Pattern.compile("(sha256:)?[0-9a-fA-F]{64}");

    /** One upload under way; guarded by itself. */
    private static final class Upload {
        final String name;
        final long size;
        final Path part;
        final MessageDigest digest = sha256();
        long received;
        long lastPiece = System.nanoTime();

        Upload(String name, long size, Path part) {
            this.name = name;
            this.size = size;
            this.part = part;
        }
    }

    private final Path dir;
    private final long maxSize;
    private final Lifecycle audit;
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();

    /** @param audit where a finished or refused upload is written to the audit log */
    Inbox(Path dir, long maxSize, Lifecycle audit) {
        this.dir = dir;
        this.maxSize = maxSize;
        this.audit = audit;
    }

    /**
     * Starts an upload of {@code name} (a plain {@code NAME.tar.gz} file name) of {@code size} bytes.
     *
     * @return the upload id for {@link #append} and {@link #finish}
     * @throws IllegalArgumentException for a bad name or size
     */
    public synchronized String begin(String name, long size) throws IOException {
        if (name == null || name.length() > Echo.MAX_INPUT || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad archive name " + Echo.quote(name)
                    + " (expected a plain file name like demo-1.1.0.tar.gz); nothing was done");
        }
        if (size <= 0 || size > maxSize) {
            throw new IllegalArgumentException("upload of " + name + " declares " + size + " bytes; allowed: 1 to " + maxSize
                    + " (raise maxUploadSize to allow more); nothing was done");
        }
        discardIdle();
        if (uploads.size() >= MAX_OPEN) {
            throw new IllegalArgumentException("upload of " + name + " refused: " + uploads.size() + " uploads are under way "
                    + "(at most " + MAX_OPEN + "); finish them, or wait " + IDLE_MINUTES + " minutes for abandoned ones to expire");
        }
        Files.createDirectories(dir);
        String id = UUID.randomUUID().toString();
        Path part = dir.resolve(".upload-" + id + ".part");
        Files.createFile(part);
        uploads.put(id, new Upload(name, size, part));
        return id;
    }

    /** Drops uploads that had no piece for {@link #IDLE_MINUTES}: their clients are gone. */
    private void discardIdle() throws IOException {
        long now = System.nanoTime();
        for (Map.Entry<String, Upload> e : Map.copyOf(uploads).entrySet()) {
            boolean idle;
            synchronized (e.getValue()) {
                idle = now - e.getValue().lastPiece > java.util.concurrent.TimeUnit.MINUTES.toNanos(IDLE_MINUTES);
            }
            if (idle) {
                abort(e.getKey());
            }
        }
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
            if (u.received + piece.length > u.size) {
                abort(id);
                throw new IllegalArgumentException("upload of " + u.name + " got more than the " + u.size
                        + " bytes it declared; it was discarded, send it again");
            }
            try (OutputStream out = Files.newOutputStream(u.part, StandardOpenOption.APPEND)) {
                out.write(piece);
            } catch (IOException e) {
                // A full disk, say: the part written so far would hold its space until the next boot.
                abort(id);
                throw new IOException("upload of " + u.name + " failed after " + u.received + " of " + u.size
                        + " bytes: writing to " + dir + " failed (" + (e.getMessage() == null ? e : e.getMessage())
                        + "); it was discarded (check the free space on that disk, then send it again)", e);
            }
            u.digest.update(piece);
            u.received += piece.length;
            u.lastPiece = System.nanoTime();
            return u.received;
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
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("checksum " + Echo.quote(sha256) + " of the upload of " + u.name
                    + " is not a SHA-256 (64 hex digits); the upload is kept: end it with the right one");
        }
        synchronized (u) {
            if (uploads.remove(id) == null) {
                throw unknown(id); // ended meanwhile by another call
            }
            String actual = HexFormat.of().formatHex(u.digest.digest());
            if (u.received != u.size || !actual.equalsIgnoreCase(sha256.replaceFirst("^sha256:", ""))) {
                Files.deleteIfExists(u.part);
                audit.recordOutside("upload", u.name, "failed: damaged, discarded", actual);
                throw new IllegalArgumentException("upload of " + u.name + " is damaged: got " + u.received + " of "
                        + u.size + " bytes with SHA-256 " + actual + ", expected " + sha256 + "; it was discarded, send it again");
            }
            Files.move(u.part, dir.resolve(u.name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            audit.recordOutside("upload", u.name, "ok", actual);
            return u.name;
        }
    }

    /** Drops an upload. Idempotent. */
    public void abort(String id) throws IOException {
        Upload u = id == null ? null : uploads.remove(id);
        if (u != null) {
            Files.deleteIfExists(u.part);
        }
    }

    private Upload upload(String id) {
        Upload u = id == null ? null : uploads.get(id);
        if (u == null) {
            throw unknown(id);
        }
        return u;
    }

    private static IllegalArgumentException unknown(String id) {
        return new IllegalArgumentException("no upload with id " + Echo.quote(id)
                + " is in progress (it finished, failed, expired or never began)");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
