package ${package};

import dev.hotrel.api.Application;
import dev.hotrel.api.ApplicationContext;
import dev.hotrel.api.ChildSpec;
import dev.hotrel.api.SupervisorSpec;

/** The application: what its supervisor runs. Listed as the start class in pom.xml. */
public final class App implements Application {

    @Override
    public SupervisorSpec supervisor(ApplicationContext context) {
        return SupervisorSpec.oneForOne(ChildSpec.server("counter", Counter.class));
    }
}
