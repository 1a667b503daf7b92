package dev.hotrel.runtime.server;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** A message in a server's mailbox; {@code sender} is the server whose callback sent it, or null. */
sealed interface Envelope {

    /** The server that sent it from its callback; null for callers outside any server. */
    ServerProcess sender();

    /** A call: the caller waits on {@link #reply}. */
    record Call(Object request, CompletableFuture<Object> reply, ServerProcess sender) implements Envelope {
    }

    /** A cast, for {@code Server.cast}. */
    record Cast(Object message, ServerProcess sender) implements Envelope {
    }

    /** Anything else for {@code Server.info}: timers, channel readiness, {@code Hotrel.send}. */
    record Info(Object message, ServerProcess sender) implements Envelope {
    }

    /**
     * A system message run by the loop between two application messages, with the state in hand
     * (OTP's {@code sys:get_state}); it never changes the state.
     */
    record Inspect(Function<Object, Object> reader, CompletableFuture<Object> reply) implements Envelope {
        public ServerProcess sender() {
            return null;
        }
    }
}
