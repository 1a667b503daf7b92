package dev.hotrel.runtime.purge;

import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.code.AppLoader;
import dev.hotrel.runtime.code.AppVersion;
import dev.hotrel.runtime.server.ServerProcess;

import java.beans.Introspector;
import java.util.List;

/**
 * Purges an application's old code: checks (soft) or clears (brutal) the servers still running
 * it, retires its version so its loader fails loudly, flushes the JDK caches that hold classes,
 * and hands the loader to the {@link LoaderWatch} to prove it is collected.
 */
public final class Purge {

    /**
     * The outcome of a purge.
     *
     * @param purged the version purged ({@code app@version}), or null if there was no old code
     * @param restarted servers restarted on current code by a brutal purge
     */
    public record Result(String purged, List<String> restarted) {
    }

    private Purge() {
    }

    /**
     * Purges {@code app}'s old version, if any. Idempotent: with no old code it does nothing.
     *
     * @throws PurgeRefusedException on a soft purge while servers run old code; nothing changed
     */
    public static Result run(RunningApplication app, PurgeMode mode, LoaderWatch watch) {
        AppVersion old = app.old();
        if (old == null) {
            return new Result(null, List.of());
        }
        List<String> onOld = app.serversOn(old).stream().map(ServerProcess::name).toList();
        if (!onOld.isEmpty()) {
            if (mode == PurgeMode.SOFT) {
                throw new PurgeRefusedException(old.id(), onOld);
            }
            for (String server : onOld) {
                app.supervisor().restart(server, "killed: brutal purge of " + old.id());
            }
        }
        app.dropOld();
        AppLoader loader = old.retire();
        // The JDK's bean introspection cache keeps classes strongly until flushed.
        Introspector.flushCaches();
        if (loader != null) {
            watch.watch(loader);
        }
        return new Result(old.id(), onOld);
    }
}
