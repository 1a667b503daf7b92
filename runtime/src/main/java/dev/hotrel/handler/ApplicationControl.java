package dev.hotrel.handler;

import dev.hotrel.release.AppRef;
import dev.hotrel.release.AppSpec;
import dev.hotrel.release.ReleaseEntry;
import dev.hotrel.runtime.Node;
import dev.hotrel.runtime.code.AppVersion;
import dev.hotrel.runtime.purge.Purge;
import dev.hotrel.runtime.purge.PurgeMode;

import java.util.function.Supplier;

/**
 * An operator's hands on one application of the running release: start, stop, restart, purge.
 * Serialized with the release lifecycle (an application cannot be stopped while an install runs).
 */
public final class ApplicationControl {

    private final Node node;
    private final RootFiles files;
    private final Lifecycle lifecycle;
    private final Supplier<ReleaseEntry> current;

    ApplicationControl(Node node, RootFiles files, Lifecycle lifecycle, Supplier<ReleaseEntry> current) {
        this.node = node;
        this.files = files;
        this.lifecycle = lifecycle;
        this.current = current;
    }

    /** Starts an application of the running release that is not running. Idempotent. */
    public void start(String app) {
        lifecycle.run("starting application " + app, "startApplication", () -> {
            if (node.application(app).isEmpty()) {
                startNow(app);
            }
            return null;
        });
    }

    /** Stops an application (its servers in reverse start order). Idempotent. */
    public void stop(String app) {
        lifecycle.run("stopping application " + app, "stopApplication", () -> {
            ref(app);
            node.stopApplication(app);
            return null;
        });
    }

    /** Stops an application and starts it again: every server's state starts over. */
    public void restart(String app) {
        lifecycle.run("restarting application " + app, "restartApplication", () -> {
            ref(app);
            node.stopApplication(app);
            startNow(app);
            return null;
        });
    }

    /**
     * Purges an application's old code.
     *
     * @throws dev.hotrel.runtime.purge.PurgeRefusedException on a soft purge while servers run it
     */
    public Purge.Result purge(String app, PurgeMode mode) {
        return lifecycle.run(mode.name().toLowerCase() + " purge of " + app, "purge", () -> {
            ref(app);
            return node.purge(app, mode);
        });
    }

    private void startNow(String app) throws java.io.IOException {
        AppSpec spec = files.app(ref(app));
        AppVersion version = node.load(spec.name(), spec.version().toString(), files.jars(spec));
        try {
            node.startApplication(version, spec.start(), files.sys(current.get().version()).forApplication(app));
        } catch (RuntimeException e) {
            node.discard(version);
            throw e;
        }
    }

    private AppRef ref(String app) {
        ReleaseEntry release = current.get();
        return release.applications().stream().filter(a -> a.name().equals(app)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("release " + release.id() + " has no application '" + app + "'"));
    }
}
