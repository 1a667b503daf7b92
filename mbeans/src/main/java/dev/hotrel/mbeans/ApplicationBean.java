package dev.hotrel.mbeans;

import dev.hotrel.handler.ApplicationControl;
import dev.hotrel.runtime.purge.Purge;
import dev.hotrel.runtime.purge.PurgeMode;

import javax.management.MBeanException;
import java.util.function.Supplier;

/**
 * The {@link ApplicationMXBean} of one application, a thin layer over {@link ApplicationControl}:
 * it outlives stops, so start() can bring the application back.
 */
final class ApplicationBean implements ApplicationMXBean {

    private final String name;
    private final ApplicationControl applications;
    private final Supplier<String> nodeState;

    ApplicationBean(String name, ApplicationControl applications, Supplier<String> nodeState) {
        this.name = name;
        this.applications = applications;
        this.nodeState = nodeState;
    }

    @Override
    public String getVersion() {
        return applications.info(name).version();
    }

    @Override
    public String getOldVersion() {
        return applications.info(name).oldVersion();
    }

    @Override
    public String getStatus() {
        return applications.info(name).status();
    }

    @Override
    public String getFailure() {
        return applications.info(name).failure();
    }

    @Override
    public void start() throws MBeanException {
        Failures.run(nodeState, () -> applications.start(name));
    }

    @Override
    public void stop() throws MBeanException {
        Failures.run(nodeState, () -> applications.stop(name));
    }

    @Override
    public void restart() throws MBeanException {
        Failures.run(nodeState, () -> applications.restart(name));
    }

    @Override
    public String purge() throws MBeanException {
        return Failures.call(nodeState, () -> describe(applications.purge(name, PurgeMode.BRUTAL)));
    }

    @Override
    public String softPurge() throws MBeanException {
        return Failures.call(nodeState, () -> describe(applications.purge(name, PurgeMode.SOFT)));
    }

    private String describe(Purge.Result r) {
        if (r.purged() == null) {
            return name + " has no old code to purge";
        }
        return "purged " + r.purged() + (r.restarted().isEmpty() ? "" : "; restarted on current code: " + String.join(", ", r.restarted()));
    }
}
