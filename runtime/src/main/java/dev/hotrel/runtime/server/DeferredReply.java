package dev.hotrel.runtime.server;

import dev.hotrel.api.ReplyTo;
import dev.hotrel.api.ServerDownException;
import dev.hotrel.runtime.code.NodeHandle;

import java.util.concurrent.CompletableFuture;

/**
 * A call answered later ({@code Hotrel.replyTo()} with {@code Reply.noReply}): the caller's reply
 * future, answered by whoever holds this handle. While unanswered it is one of its server's
 * {@link ServerTies#awaiting awaited replies}, failed when that server's incarnation ends.
 *
 * <p>A node object held by application code: a code change hands it over by reference
 * ({@link NodeHandle}). It keeps no application object alive once answered: the future holds the
 * value only as long as the caller has not taken it, and no one else refers to the future then.
 */
final class DeferredReply implements ReplyTo, NodeHandle {

    private final ServerProcess server;
    private final CompletableFuture<Object> reply;

    DeferredReply(ServerProcess server, CompletableFuture<Object> reply) {
        this.server = server;
        this.reply = reply;
    }

    @Override
    public boolean reply(Object value) {
        boolean first = reply.complete(value);
        server.ties().answered(this); // answered now or before, or its caller gave up: not awaited any more
        return first;
    }

    boolean isAnswered() {
        return reply.isDone();
    }

    /** The server's incarnation ended before replying: the caller learns it as from a crash during its call. */
    void fail(String reason) {
        reply.completeExceptionally(new ServerDownException(server.name(),
                "went down before its deferred reply (" + reason + ")", null));
    }

    @Override
    public String toString() {
        return "reply of " + server.name() + (reply.isDone() ? " (answered)" : " (pending)");
    }
}
