package dev.hotrel.mbeans;

import dev.hotrel.handler.HandlerException;

import javax.management.MBeanException;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Maps failures to what JMX clients can show: an {@link MBeanException} whose message says what
 * failed and what the node runs now, wrapping a plain JDK exception (a remote JConsole has none of
 * Hotrel's classes and could not read ours). Mapped once, here.
 */
final class Failures {

    private Failures() {
    }

    static <T> T call(Supplier<String> nodeState, Callable<T> body) throws MBeanException {
        try {
            return body.call();
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (!(e instanceof HandlerException he && he.getMessage().contains("current release is"))) {
                message = message + "; " + nodeState.get();
            }
            boolean sendersFault = e instanceof HandlerException he ? he.reason().isSendersFault()
                    : e instanceof IllegalArgumentException; // a bad upload: name, size, id, piece, checksum
            Exception plain = sendersFault ? new IllegalArgumentException(message) : new IllegalStateException(message);
            throw new MBeanException(plain, message);
        }
    }

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    static void run(Supplier<String> nodeState, Action body) throws MBeanException {
        call(nodeState, () -> {
            body.run();
            return null;
        });
    }
}
