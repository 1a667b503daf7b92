package dev.hotrel.examples.counter;

import dev.hotrel.api.Application;
import dev.hotrel.api.ApplicationContext;
import dev.hotrel.api.ChildSpec;
import dev.hotrel.api.SupervisorSpec;

/**
 * The counter application: one server, registered as {@code counter}, whose first step comes from
 * the release's configuration ({@code sys.json}: {@code {"counter": {"step": 1}}}).
 */
public final class CounterApp implements Application {

    @Override
    public SupervisorSpec start(ApplicationContext context) {
        Object step = context.config().getOrDefault("step", 1);
        return SupervisorSpec.oneForOne(ChildSpec.server("counter", Counter.class, step));
    }
}
