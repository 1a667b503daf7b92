package dev.hotrel.examples.kv;

import dev.hotrel.api.ChannelReady;
import dev.hotrel.api.ChannelWritable;
import dev.hotrel.api.Hotrel;
import dev.hotrel.api.OldState;
import dev.hotrel.api.Reply;
import dev.hotrel.api.Server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * The store: holds the keys and owns every client connection. For each connection the runtime
 * tells it when a line may be read ({@link ChannelReady}, tagged with the session id); it runs the
 * complete lines as {@link Commands}, writes what the connection takes of the replies and watches
 * the connection again. Replies a slow client has not taken yet wait in its session, and go out
 * when the runtime says the connection can take more ({@link ChannelWritable}): the store never
 * waits on one client while the others wait on it. The loop is the runtime's, so between two of
 * these turns the store can change code with its connections open.
 */
public final class Store implements Server<StoreState> {

    static final String NAME = "kv.store";
    /** Read per turn: a client that sends a lot is served in slices, so the others keep their turn. */
    private static final int READ_BYTES = 16 * 1024;

    @Override
    public StoreState init(Object arg) {
        return new StoreState();
    }

    /** A connection accepted by the {@link Listener}: the store owns it from now on. */
    @Override
    public StoreState cast(Object message, StoreState state) {
        if (message instanceof SocketChannel channel) {
            String id = "c" + (++state.lastSession);
            Session session = new Session();
            session.channel = channel;
            state.sessions.put(id, session);
            Hotrel.watch(channel, id);
        }
        return state;
    }

    /** {@code "count"}: the number of keys; {@code "sessions"}: the number of open connections. */
    @Override
    public Reply<StoreState> call(Object request, StoreState state) {
        if ("count".equals(request)) {
            return Reply.of(Commands.count(state, System.currentTimeMillis()), state);
        }
        if ("sessions".equals(request)) {
            return Reply.of(state.sessions.size(), state);
        }
        return Reply.of("unknown request " + request + " (expected \"count\" or \"sessions\")", state);
    }

    /**
     * A connection is readable, or can take more of its replies; anything else (a timer left by
     * another version, say) is ignored.
     */
    @Override
    public StoreState info(Object message, StoreState state) {
        if (message instanceof ChannelReady ready && ready.tag() instanceof String id) {
            Session session = state.sessions.get(id);
            if (session != null && session.channel == ready.channel() && !session.closeWhenSent) {
                serve(id, session, state);
            }
        } else if (message instanceof ChannelWritable writable && writable.tag() instanceof String id) {
            Session session = state.sessions.get(id);
            if (session != null && session.channel == writable.channel()) {
                send(id, session, state);
            }
        }
        return state;
    }

    private static void serve(String id, Session session, StoreState state) {
        try {
            ByteBuffer in = ByteBuffer.allocate(READ_BYTES);
            int read = session.channel.read(in);
            in.flip();
            List<String> lines = Lines.take(session, in);
            StringBuilder replies = new StringBuilder();
            boolean quit = false;
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                replies.append(Commands.run(line, state, System.currentTimeMillis())).append('\n');
                String verb = Commands.verb(line);
                // Unknown words are counted together: clients must not grow the metrics without bound.
                MetricsReporter.count(Commands.KNOWN.contains(verb) ? verb : "unknown");
                if (Commands.QUIT.equals(verb)) {
                    quit = true;
                    break;
                }
            }
            if (!replies.isEmpty()) {
                Lines.queue(session, replies.toString());
            }
            if (read < 0 || quit) {
                session.closeWhenSent = true; // read no more; what it asked for still goes out
            } else {
                Hotrel.watch(session.channel, id);
            }
            send(id, session, state);
        } catch (IOException e) {
            // This client's connection failed (or it left too much unread): it goes, the store and the other clients stay.
            close(id, state);
        }
    }

    /** Writes what the connection takes now; watches it for writability if some is left. */
    private static void send(String id, Session session, StoreState state) {
        try {
            if (!Lines.flush(session)) {
                Hotrel.watchWritable(session.channel, id);
            } else if (session.closeWhenSent) {
                close(id, state);
            }
        } catch (IOException e) {
            close(id, state);
        }
    }

    private static void close(String id, StoreState state) {
        Session session = state.sessions.remove(id);
        if (session == null) {
            return;
        }
        try {
            session.channel.close();
        } catch (IOException e) {
            // Already broken: nothing more to release.
        }
    }

    @Override
    public StoreState codeChange(String fromVersion, OldState oldState, Object extra) {
        StoreMigration.Result r = StoreMigration.migrate(oldState);
        System.out.println("kv.store: " + fromVersion + " -> " + Commands.NUMBER + ": " + r.summary() + ", "
                + r.state().sessions.size() + " connections kept open");
        return r.state();
    }

    /** Going down to 1.0.0, whose shape this version knows and 1.0.0 cannot know of this one. */
    @Override
    public Object downgradeState(String toVersion, StoreState state, Object extra) {
        return toVersion.startsWith("1.0.") ? StoreMigration.toPlainValues(state, System.currentTimeMillis()) : state;
    }

    @Override
    public void terminate(String reason, StoreState state) {
        for (String id : List.copyOf(state.sessions.keySet())) {
            close(id, state);
        }
    }
}
