package dev.hotrel.practice;

import dev.hotrel.api.Application;
import dev.hotrel.api.ApplicationContext;
import dev.hotrel.api.ChildSpec;
import dev.hotrel.api.RestartStrategy;
import dev.hotrel.api.SupervisorSpec;

import java.util.List;

/**
 * The application of the node's practice run ({@code dev.hotrel.handler.Practice}): compiled with
 * the runtime, but loaded only from the jars the practice writes, each version in its own loader,
 * as any application is. The node's own loader never loads these classes.
 */
public final class PracticeApp implements Application {

    @Override
    public SupervisorSpec supervisor(ApplicationContext context) {
        return new SupervisorSpec(RestartStrategy.ONE_FOR_ONE, 10, 10_000, List.of(ChildSpec.server("practice", PracticeServer.class)));
    }
}
