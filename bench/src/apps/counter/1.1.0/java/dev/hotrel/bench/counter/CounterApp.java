package dev.hotrel.bench.counter;

import dev.hotrel.api.Application;
import dev.hotrel.api.ApplicationContext;
import dev.hotrel.api.ChildSpec;
import dev.hotrel.api.RestartStrategy;
import dev.hotrel.api.SupervisorSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's counter application. Its supervisor (one_for_one) runs the server
 * {@code counter}; with {@code "servers": N} in its configuration, {@code N - 1} more counters
 * {@code c1 .. c(N-1)} beside it; with {@code "port": P}, a TCP line server {@code line} on
 * {@code 127.0.0.1:P} that answers {@code incr} by calling {@code counter}.
 */
public final class CounterApp implements Application {

    @Override
    public SupervisorSpec supervisor(ApplicationContext context) {
        Map<String, Object> config = context.config();
        int servers = ((Number) config.getOrDefault("servers", 1)).intValue();
        List<ChildSpec> children = new ArrayList<>(servers + 1);
        children.add(ChildSpec.server("counter", Counter.class));
        for (int i = 1; i < servers; i++) {
            children.add(ChildSpec.server("c" + i, Counter.class));
        }
        Object port = config.get("port");
        if (port instanceof Number p) {
            children.add(ChildSpec.server("line", LineServer.class, p.intValue()));
        }
        return new SupervisorSpec(RestartStrategy.ONE_FOR_ONE, 10, 10_000, children);
    }
}
