package dev.hotrel.examples.metrics;

import dev.hotrel.api.Application;
import dev.hotrel.api.ApplicationContext;
import dev.hotrel.api.ChildSpec;
import dev.hotrel.api.SupervisorSpec;

/** The metrics application: one server, registered as {@code metrics}. */
public final class MetricsApp implements Application {

    @Override
    public SupervisorSpec supervisor(ApplicationContext context) {
        return SupervisorSpec.oneForOne(ChildSpec.server(Metrics.NAME, Metrics.class));
    }
}
