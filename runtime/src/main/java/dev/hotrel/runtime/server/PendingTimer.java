package dev.hotrel.runtime.server;

import dev.hotrel.api.TimerRef;
import dev.hotrel.runtime.code.AppVersion;
import dev.hotrel.runtime.code.MessageConversion;
import dev.hotrel.runtime.code.NodeHandle;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The messages a server set to send itself later ({@code Hotrel.sendAfter}) that have not fired
 * yet. Kept by the server, so that a code change brings their payloads over to the new version's
 * classes, and a server stopped for good cancels them.
 */
final class PendingTimer {

    /**
     * One timer, and the handle the application holds ({@link TimerRef}): a node object, handed over
     * by reference when a code change meets it in the state. Its message is let go once it fired or
     * was cancelled, so a handle kept in the state pins no old version's loader.
     */
    private final class Timer implements TimerRef, NodeHandle {
        volatile Object message;
        volatile ScheduledFuture<?> future;

        @Override
        public boolean cancel() {
            if (!pending.remove(this)) {
                return false;
            }
            message = null;
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
            return true;
        }

        @Override
        public String toString() {
            return "timer (" + (pending.contains(this) ? "pending" : "done") + ")";
        }
    }

    private final Set<Timer> pending = ConcurrentHashMap.newKeySet();

    /** Delivers {@code message} with {@code send} after {@code delay}, unless cancelled first. */
    TimerRef schedule(ScheduledExecutorService scheduler, long delay, TimeUnit unit, Object message, Consumer<Object> send) {
        Timer timer = new Timer();
        timer.message = message;
        pending.add(timer);
        timer.future = scheduler.schedule(() -> {
            if (pending.remove(timer)) {
                Object m = timer.message;
                timer.message = null;
                send.accept(m);
            }
        }, delay, unit);
        return timer;
    }

    List<Object> payloads() {
        List<Object> all = new ArrayList<>();
        pending.forEach(t -> all.add(t.message));
        return all;
    }

    /** Payloads of another version of {@code to}'s application become {@code to}'s (best effort: delivery converts what is left). */
    void adopt(AppVersion to) {
        for (Timer t : pending) {
            try {
                t.message = MessageConversion.convert(t.message, to);
            } catch (RuntimeException e) {
                // Verified before the code change; if it fails now, delivery converts (or reports) it.
            }
        }
    }

    void cancelAll() {
        for (Timer t : pending) {
            t.cancel();
        }
    }
}
