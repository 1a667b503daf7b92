package dev.hotrel.handler;

import dev.hotrel.release.AppRef;
import dev.hotrel.release.AppSpec;
import dev.hotrel.release.ReleaseEntry;
import dev.hotrel.runtime.Node;
import dev.hotrel.runtime.app.ApplicationStatus;
import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.code.AppVersion;
import dev.hotrel.runtime.purge.Purge;
import dev.hotrel.runtime.purge.PurgeMode;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * An operator's hands on one application of the running release: start, stop, restart, purge.
 * Serialized with the release lifecycle (an application cannot be stopped while an install runs:
 * {@link Reason#BUSY}).
 *
 * <p>A FAILED application (its supervisor gave up) stays on the node, with its reason, until an
 * operator acts: its servers are stopped, but its code stays loaded. {@link #start} and
 * {@link #restart} forget it and start the application afresh on the running release's version;
 * {@link #stop} forgets it.
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

    /**
     * What management shows of one application: the version it runs (or, stopped, the version the
     * running release names), its old version while loaded ({@code ""} if none), its status
     * ({@code STOPPED} when it does not run) and why it failed ({@code ""} unless FAILED).
     */
    public record Info(String version, String oldVersion, String status, String failure) {
    }

    /** What runs of {@code app} now. A read: never waits, works while an install runs. */
    public Info info(String app) {
        Optional<RunningApplication> running = node.application(app);
        if (running.isPresent()) {
            RunningApplication a = running.get();
            AppVersion old = a.old();
            return new Info(a.current().version(), old == null ? "" : old.version(), a.status().name(),
                    a.failure() == null ? "" : a.failure());
        }
        String version = current.get().applications().stream().filter(a -> a.name().equals(app))
                .map(a -> a.version().toString()).findFirst().orElse("");
        return new Info(version, "", "STOPPED", "");
    }

    /**
     * Starts an application of the running release that is not running, or FAILED (forgotten and
     * started afresh). Does nothing to one that runs.
     *
     * @throws IllegalArgumentException if the running release has no such application
     * @throws IllegalStateException if it does not start (nothing of it stays running)
     */
    public void start(String app) {
        lifecycle.run("starting application " + app, "startApplication", () -> {
            ref(app);
            Optional<RunningApplication> running = node.application(app);
            if (running.isPresent() && running.get().status() == ApplicationStatus.FAILED) {
                node.stopApplication(app);
                running = Optional.empty();
            }
            if (running.isEmpty()) {
                startNow(app);
            }
            return null;
        });
    }

    /** Stops an application (its servers in reverse start order), or forgets a FAILED one. Idempotent. */
    public void stop(String app) {
        lifecycle.run("stopping application " + app, "stopApplication", () -> {
            ref(app);
            node.stopApplication(app);
            return null;
        });
    }

    /**
     * Stops an application (running or FAILED) and starts it again on the running release's version:
     * every server's state starts over.
     */
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
