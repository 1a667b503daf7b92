package dev.hotrel.api;

import java.nio.channels.SelectableChannel;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The node's side of {@link Hotrel}: binds a running node to the facade's static methods.
 *
 * <p>It lives in the runtime's jar, in the API's package so that it can reach {@link Hotrel}'s
 * package-private {@code bind}, and not in {@code hotrel-api}: an application compiles against
 * {@code hotrel-api} alone and never sees it, and the application classloaders' gate
 * ({@code dev.hotrel.runtime.code.ApiGate}) refuses to load it for them at run time.
 */
public final class NodeBinding implements AutoCloseable {

    /** What a node does behind {@link Hotrel}'s static methods; each method is the one of that name. */
    public interface Target {

        Object call(String server, Object request, long timeout, TimeUnit unit);

        void cast(String server, Object message);

        void send(String server, Object message);

        boolean exists(String server);

        String self();

        TimerRef sendAfter(long delay, TimeUnit unit, Object message);

        ReplyTo replyTo();

        void continueWith(Object continuation);

        MonitorRef monitor(String server);

        void watchWritable(SelectableChannel channel, Object tag);

        void watch(SelectableChannel channel, Object tag);

        void unwatch(SelectableChannel channel);
    }

    private final Adapter adapter;

    private NodeBinding(Adapter adapter) {
        this.adapter = adapter;
    }

    /**
     * Binds {@code node} to {@link Hotrel}; {@link #close} unbinds it.
     *
     * @throws IllegalStateException if another node is bound in this JVM (nothing changes then)
     */
    public static NodeBinding bind(Target node) {
        Adapter adapter = new Adapter(Objects.requireNonNull(node, "node"));
        Hotrel.bind(adapter);
        return new NodeBinding(adapter);
    }

    /** Unbinds the node if it is still the bound one. Idempotent. */
    @Override
    public void close() {
        Hotrel.unbind(adapter);
    }

    /** The facade's package-private interface over the node's public one: one more monomorphic call. */
    private record Adapter(Target node) implements Kernel {

        @Override
        public Object call(String server, Object request, long timeout, TimeUnit unit) {
            return node.call(server, request, timeout, unit);
        }

        @Override
        public void cast(String server, Object message) {
            node.cast(server, message);
        }

        @Override
        public void send(String server, Object message) {
            node.send(server, message);
        }

        @Override
        public boolean exists(String server) {
            return node.exists(server);
        }

        @Override
        public String self() {
            return node.self();
        }

        @Override
        public TimerRef sendAfter(long delay, TimeUnit unit, Object message) {
            return node.sendAfter(delay, unit, message);
        }

        @Override
        public ReplyTo replyTo() {
            return node.replyTo();
        }

        @Override
        public void continueWith(Object continuation) {
            node.continueWith(continuation);
        }

        @Override
        public MonitorRef monitor(String server) {
            return node.monitor(server);
        }

        @Override
        public void watchWritable(SelectableChannel channel, Object tag) {
            node.watchWritable(channel, tag);
        }

        @Override
        public void watch(SelectableChannel channel, Object tag) {
            node.watch(channel, tag);
        }

        @Override
        public void unwatch(SelectableChannel channel) {
            node.unwatch(channel);
        }

        @Override
        public String toString() {
            return node.toString();
        }
    }
}
