package dev.hotrel.examples.kv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The wire format: UTF-8 lines ending in {@code \n} (a {@code \r} before it is dropped), both ways. */
final class Lines {

    /** A longer line is refused and its connection closed: a client cannot make the store hoard memory. */
    static final int MAX_LINE_BYTES = 64 * 1024;
    /**
     * The most replies a client may leave unread (Redis's output buffer limit, in spirit): beyond it
     * the client is dropped. Below it, a slow reader costs the store only memory, never time.
     */
    static final int MAX_UNSENT_BYTES = 16 * 1024 * 1024;

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
     * Queues {@code text} after the session's unsent replies; {@link #flush} writes it.
     *
     * @throws IOException if the client left more than {@link #MAX_UNSENT_BYTES} of replies unread:
     *         it goes, rather than making the store hoard memory for it
     */
    static void queue(Session session, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        long held = 0;
        for (ByteBuffer b : session.unsent) {
            held += b.remaining();
        }
        if (held + bytes.length > MAX_UNSENT_BYTES) {
            throw new IOException("client left more than " + MAX_UNSENT_BYTES + " bytes of replies unread");
        }
        session.unsent.add(ByteBuffer.wrap(bytes));
    }

    /**
     * Writes as much of the unsent replies as the connection takes now, without waiting.
     *
     * @return whether everything is written
     * @throws IOException if the connection failed
     */
    static boolean flush(Session session) throws IOException {
        if (!session.unsent.isEmpty()) {
            session.channel.write(session.unsent.toArray(ByteBuffer[]::new));
            session.unsent.removeIf(b -> !b.hasRemaining());
        }
        return session.unsent.isEmpty();
    }
}
