package dev.hotrel.runtime.server;

import java.util.function.Supplier;

/**
 * What a thread looks like while it runs a server's callback: {@code Hotrel.self()} names the
 * server, and the context classloader is the callback's version's loader. Both are restored after,
 * so a thread never keeps an application's loader once its callback returned.
 */
final class CallbackScope {

    /** The server whose callback runs on this thread; a node object, so it pins no application loader. */
    static final ThreadLocal<ServerProcess> CURRENT = new ThreadLocal<>();

    private CallbackScope() {
    }

    /** Runs a callback of {@code self}'s, on a node thread (this one if it is one, else by a hop through {@code threads}). */
    static <R> R run(ServerProcess self, Incarnation inc, java.util.concurrent.Executor threads, Supplier<R> body) {
        return NodeThread.run(threads, () -> run(self, inc, body));
    }

    private static <R> R run(ServerProcess self, Incarnation inc, Supplier<R> body) {
        Thread thread = Thread.currentThread();
        ClassLoader loaderBefore = thread.getContextClassLoader();
        ServerProcess selfBefore = CURRENT.get();
        thread.setContextClassLoader(inc.version().loader());
        CURRENT.set(self);
        try {
            return body.get();
        } finally {
            CURRENT.set(selfBefore);
            thread.setContextClassLoader(loaderBefore);
        }
    }
}
