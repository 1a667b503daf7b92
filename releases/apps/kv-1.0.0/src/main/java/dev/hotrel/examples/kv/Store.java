package dev.hotrel.examples.kv;

import dev.hotrel.api.ChannelReady;
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
 * complete lines as {@link Commands}, writes the replies and watches the connection again. The
 * loop is the runtime's, so between two of these turns the store can change code with its
 * connections open.
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
            return Reply.of(state.values.size(), state);
        }
        if ("sessions".equals(request)) {
            return Reply.of(state.sessions.size(), state);
        }
        return Reply.of("unknown request " + request + " (expected \"count\" or \"sessions\")", state);
    }

    /** A connection is readable; anything else (a timer left by another version, say) is ignored. */
    @Override
    public StoreState info(Object message, StoreState state) {
        if (message instanceof ChannelReady ready && ready.tag() instanceof String id) {
            Session session = state.sessions.get(id);
            if (session != null) {
                serve(id, session, state);
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
                replies.append(Commands.run(line, state)).append('\n');
                if (Commands.QUIT.equals(Commands.verb(line))) {
                    quit = true;
                    break;
                }
            }
            if (!replies.isEmpty()) {
                Lines.send(session.channel, replies.toString());
            }
            if (read < 0 || quit) {
                close(id, state);
            } else {
                Hotrel.watch(session.channel, id);
            }
        } catch (IOException e) {
            // This client's connection failed: it goes, the store and the other clients stay.
            close(id, state);
        }
    }

    private static void close(String id, StoreState state) {
        Session session = state.sessions.remove(id);
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

    @Override
    public void terminate(String reason, StoreState state) {
        for (String id : List.copyOf(state.sessions.keySet())) {
            close(id, state);
        }
    }
}
