package dev.hotrel.runtime.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A thread the node made for application code. Application code runs only on such threads: what a
 * callback leaves on its thread (a ThreadLocal, an interrupt, a context) then never lands on a
 * Jolokia request thread, a client's or another application's, and the leak finder knows where to
 * look. Code that must run a callback from any other thread hops with {@link #run}.
 */
public final class NodeThread extends Thread {

    public NodeThread(Runnable body, String name) {
        super(body, name);
    }

    /** Whether the calling thread is one of the node's. */
    public static boolean isCurrent() {
        return Thread.currentThread() instanceof NodeThread;
    }

    /**
     * Runs {@code body} on a node thread and returns what it returns (or throws what it threw): at
     * once on this thread if it is one, else on {@code threads}, waiting for it. The wait does not
     * end on interrupt (the body's effects must be known before going on); the interrupt status is
     * kept for the caller.
     */
    public static <R> R run(Executor threads, Supplier<R> body) {
        if (isCurrent()) {
            return body.get();
        }
        CompletableFuture<R> done = CompletableFuture.supplyAsync(body, threads);
        boolean interrupted = false;
        try {
            for (;;) {
                try {
                    return done.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    throw rethrow(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof CompletionException c && c.getCause() != null) {
            cause = c.getCause();
        }
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(cause);
    }
}
