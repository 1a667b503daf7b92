package dev.hotrel.examples.kv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** The wire format: UTF-8 lines ending in {@code \n} (a {@code \r} before it is dropped), both ways. */
final class Lines {

    /** A longer line is refused and its connection closed: a client cannot make the store hoard memory. */
    static final int MAX_LINE_BYTES = 64 * 1024;
    /**
     * The runtime watches channels for reading only, so a reply is written here; a client that
     * reads nothing for this long is dropped rather than stalling every other client.
     */
    private static final long WRITE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private Lines() {
    }

    /**
     * Adds {@code received} to what the session holds and takes the complete lines out.
     *
     * @throws IOException if a line grows beyond {@link #MAX_LINE_BYTES}
     */
    static List<String> take(Session session, ByteBuffer received) throws IOException {
        byte[] pending = session.pending.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[pending.length + received.remaining()];
        System.arraycopy(pending, 0, all, 0, pending.length);
        received.get(all, pending.length, received.remaining());
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                int end = i > start && all[i - 1] == '\r' ? i - 1 : i;
                lines.add(new String(all, start, end - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (all.length - start > MAX_LINE_BYTES) {
            throw new IOException("line longer than " + MAX_LINE_BYTES + " bytes");
        }
        session.pending = new String(all, start, all.length - start, StandardCharsets.ISO_8859_1);
        return lines;
    }

    /**
     * Writes {@code text} whole.
     *
     * @throws IOException if the connection failed or the client did not read in time
     */
    static void send(SocketChannel channel, String text) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + WRITE_TIMEOUT_NANOS;
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("client read nothing for 2 s with replies waiting");
                }
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
            }
        }
    }
}
