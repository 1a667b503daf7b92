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

    /** How long a caller spins for a quick reply before it parks (a park and wake-up cost far more). */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

    /**
     * @param spin whether to spin briefly first: when a drain was already at work (a new one must be
     *             woken, which takes longer than any spin worth burning a core on)
     */
    static Object await(CompletableFuture<Object> reply, long timeout, TimeUnit unit, ServerProcess server, boolean spin) {
        String name = server.name();
        if (Thread.currentThread().isInterrupted()) {
            // As every blocking JDK method: an interrupted thread does not wait (the request may still be handled).
            throw new CallException(name, "interrupted while waiting for '" + name + "'", new InterruptedException());
        }
        try {
            long start = System.nanoTime();
            long spinEnd = spin ? start + Math.min(SPIN_NANOS, unit.toNanos(timeout)) : start;
            while (!reply.isDone() && System.nanoTime() < spinEnd) {
                Thread.onSpinWait();
            }
            if (reply.isDone()) {
                return reply.get();
            }
            return reply.get(Math.max(0, unit.toNanos(timeout) - (System.nanoTime() - start)), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            reply.cancel(false); // nobody waits any more: a later answer (a deferred reply, say) is dropped, and knows it
            throw new CallTimeoutException(name, unit.toMillis(timeout), " (server is " + server.status().name().toLowerCase()
                    + ", " + server.queueLength() + " queued)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CallException ce) {
                throw ce;
            }
            throw new ServerDownException(name, String.valueOf(cause), cause);
        } catch (InterruptedException e) {
            reply.cancel(false);
            Thread.currentThread().interrupt();
            throw new CallException(name, "interrupted while waiting for '" + name + "'", e);
        } catch (CancellationException e) {
            throw new CallException(name, "call to '" + name + "' was cancelled", e);
        }
    }
}
