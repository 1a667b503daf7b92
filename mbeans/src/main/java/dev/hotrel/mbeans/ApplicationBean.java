package dev.hotrel.mbeans;

import dev.hotrel.handler.ReleaseHandler;
import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.purge.Purge;
import dev.hotrel.runtime.purge.PurgeMode;

import javax.management.MBeanException;
import java.util.Optional;
import java.util.function.Supplier;

/** The {@link ApplicationMXBean} of one application; it outlives stops, so start() can bring it back. */
final class ApplicationBean implements ApplicationMXBean {

    private final String name;
    private final ReleaseHandler handler;
    private final Supplier<String> nodeState;

    ApplicationBean(String name, ReleaseHandler handler, Supplier<String> nodeState) {
        this.name = name;
        this.handler = handler;
        this.nodeState = nodeState;
    }

    private Optional<RunningApplication> app() {
        return handler.node().application(name);
    }

    @Override
    public String getVersion() {
        return app().map(a -> a.current().version())
                .orElseGet(() -> handler.current().applications().stream().filter(a -> a.name().equals(name))
                        .map(a -> a.version().toString()).findFirst().orElse(""));
    }

    @Override
    public String getOldVersion() {
        return app().map(RunningApplication::old).map(v -> v.version()).orElse("");
    }

    @Override
    public String getStatus() {
        return app().map(a -> a.status().name()).orElse("STOPPED");
    }

    @Override
    public String getFailure() {
        return app().map(RunningApplication::failure).orElse("");
    }

    @Override
    public void start() throws MBeanException {
        Failures.run(nodeState, () -> handler.applications().start(name));
    }

    @Override
    public void stop() throws MBeanException {
        Failures.run(nodeState, () -> handler.applications().stop(name));
    }

    @Override
    public void restart() throws MBeanException {
        Failures.run(nodeState, () -> handler.applications().restart(name));
    }

    @Override
    public String purge() throws MBeanException {
        return Failures.call(nodeState, () -> describe(handler.applications().purge(name, PurgeMode.BRUTAL)));
    }

    @Override
    public String softPurge() throws MBeanException {
        return Failures.call(nodeState, () -> describe(handler.applications().purge(name, PurgeMode.SOFT)));
    }

    private String describe(Purge.Result r) {
        if (r.purged() == null) {
            return name + " has no old code to purge";
        }
        return "purged " + r.purged() + (r.restarted().isEmpty() ? "" : "; restarted on current code: " + String.join(", ", r.restarted()));
    }
}
