package dev.hotrel.runtime.server;

import dev.hotrel.api.CallException;
import dev.hotrel.api.CallTimeoutException;
import dev.hotrel.api.ServerDownException;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for the reply to a queued call, with the API's exceptions for each way it can end. */
final class PendingReply {

    private PendingReply() {
    }

    static Object await(CompletableFuture<Object> reply, long timeout, TimeUnit unit, ServerProcess server) {
        String name = server.name();
        try {
            return reply.get(timeout, unit);
        } catch (TimeoutException e) {
            throw new CallTimeoutException(name, unit.toMillis(timeout), " (server is " + server.status().name().toLowerCase()
                    + ", " + server.queueLength() + " queued)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CallException ce) {
                throw ce;
            }
            throw new ServerDownException(name, String.valueOf(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallException(name, "interrupted while waiting for '" + name + "'", e);
        } catch (CancellationException e) {
            throw new CallException(name, "call to '" + name + "' was cancelled", e);
        }
    }
}
