package dev.hotrel.runtime.server;

import dev.hotrel.runtime.code.AppVersion;
import dev.hotrel.runtime.code.MessageConversion;

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

    private static final class Timer {
        volatile Object message;
        volatile ScheduledFuture<?> future;
    }

    private final Set<Timer> pending = ConcurrentHashMap.newKeySet();

    /** Delivers {@code message} with {@code send} after {@code delay}, unless cancelled first. */
    void schedule(ScheduledExecutorService scheduler, long delay, TimeUnit unit, Object message, Consumer<Object> send) {
        Timer timer = new Timer();
        timer.message = message;
        pending.add(timer);
        timer.future = scheduler.schedule(() -> {
            if (pending.remove(timer)) {
                send.accept(timer.message);
            }
        }, delay, unit);
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
            pending.remove(t);
            ScheduledFuture<?> f = t.future;
            if (f != null) {
                f.cancel(false);
            }
        }
    }
}
