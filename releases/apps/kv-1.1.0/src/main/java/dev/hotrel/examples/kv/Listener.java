package dev.hotrel.examples.kv;

import dev.hotrel.api.ChannelReady;
import dev.hotrel.api.Hotrel;
import dev.hotrel.api.NoSuchServerException;
import dev.hotrel.api.OldState;
import dev.hotrel.api.Reply;
import dev.hotrel.api.Server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;

/**
 * Accepts client connections and hands each to {@link Store} with a cast: the store owns them from
 * then on. The listener never blocks: the runtime watches its server socket and tells it when a
 * connection waits ({@link ChannelReady}), so it can change code between two accepts.
 */
public final class Listener implements Server<ListenerState> {

    static final String NAME = "kv.listener";
    private static final String ACCEPT = "accept";

    @Override
    public ListenerState init(Object arg) {
        Map<?, ?> where = (Map<?, ?>) arg;
        ListenerState state = new ListenerState();
        state.host = (String) where.get("host");
        int port = ((Number) where.get("port")).intValue();
        try {
            state.channel = ServerSocketChannel.open();
            state.channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            state.channel.bind(new InetSocketAddress(state.host, port));
            state.channel.configureBlocking(false);
            state.port = ((InetSocketAddress) state.channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            close(state);
            throw new UncheckedIOException("kv cannot listen on " + state.host + ":" + port + ": " + e.getMessage()
                    + " (another node on that port? set kv.port in sys.json or start the node with -Dkv.port=N)", e);
        }
        Hotrel.watch(state.channel, ACCEPT);
        System.out.println("kv: listening on " + state.host + ":" + state.port);
        return state;
    }

    /** {@code "port"}: the port bound. */
    @Override
    public Reply<ListenerState> call(Object request, ListenerState state) {
        if ("port".equals(request)) {
            return Reply.of(state.port, state);
        }
        return Reply.of("unknown request " + request + " (expected \"port\")", state);
    }

    @Override
    public ListenerState info(Object message, ListenerState state) {
        if (!(message instanceof ChannelReady)) {
            return state;
        }
        try {
            for (SocketChannel client; (client = state.channel.accept()) != null; ) {
                client.configureBlocking(false);
                client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                handOver(client);
                state.accepted++;
            }
        } catch (IOException e) {
            // One failed accept (the client gave up already, say) must not cost the listener.
            System.out.println("kv: accept failed: " + e.getMessage());
        }
        Hotrel.watch(state.channel, ACCEPT);
        return state;
    }

    private static void handOver(SocketChannel client) throws IOException {
        try {
            Hotrel.cast(Store.NAME, client);
        } catch (NoSuchServerException e) {
            client.close();
        }
    }

    /** The server socket is a live JDK object: it arrives open, by reference. */
    @Override
    public ListenerState codeChange(String fromVersion, OldState oldState, Object extra) {
        return oldState.as(ListenerState.class);
    }

    @Override
    public void terminate(String reason, ListenerState state) {
        close(state);
    }

    private static void close(ListenerState state) {
        try {
            if (state.channel != null) {
                state.channel.close();
            }
        } catch (IOException e) {
            // Closing on the way out: nothing left to do.
        }
    }
}
