package dev.hotrel.examples.kv;

import dev.hotrel.api.Application;
import dev.hotrel.api.ApplicationContext;
import dev.hotrel.api.ChildSpec;
import dev.hotrel.api.SupervisorSpec;

import java.util.concurrent.TimeUnit;

/**
 * The key-value service: {@code kv.store} holds the data and owns the client connections,
 * {@code kv.listener} accepts connections on the configured address and hands them to the store.
 * The store starts first, so the listener always has somewhere to hand a connection.
 */
public final class KvApp implements Application {

    @Override
    public SupervisorSpec supervisor(ApplicationContext context) {
        return SupervisorSpec.oneForOne(
                        ChildSpec.server(Store.NAME, Store.class),
                        ChildSpec.server(Listener.NAME, Listener.class, ListenAddress.fromConfig(context.config())))
                .withIntensity(5, 10, TimeUnit.SECONDS);
    }
}
