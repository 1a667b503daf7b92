package dev.hotrel.examples.counter;

import dev.hotrel.api.Application;
import dev.hotrel.api.ApplicationContext;
import dev.hotrel.api.ChildSpec;
import dev.hotrel.api.SupervisorSpec;

/** The counter application: one server, registered as {@code counter}. */
public final class CounterApp implements Application {

    @Override
    public SupervisorSpec start(ApplicationContext context) {
        return SupervisorSpec.oneForOne(ChildSpec.server("counter", Counter.class));
    }
}
