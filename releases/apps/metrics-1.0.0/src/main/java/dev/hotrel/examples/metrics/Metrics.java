package dev.hotrel.examples.metrics;

import dev.hotrel.api.Reply;
import dev.hotrel.api.Server;

import java.util.Map;
import java.util.TreeMap;

/**
 * Named counters for other applications, which reach it by its registered name with JDK values
 * only (they cannot see its classes, nor it theirs):
 * <ul>
 *   <li>cast a {@code String} name: counts it one up;</li>
 *   <li>call {@code "snapshot"}: a sorted {@code Map<String, Long>} of every counter;</li>
 *   <li>call {@code "reset"}: sets every counter back to zero by forgetting them; answers how many there were.</li>
 * </ul>
 */
public final class Metrics implements Server<MetricsState> {

    static final String NAME = "metrics";

    @Override
    public MetricsState init(Object arg) {
        return new MetricsState();
    }

    @Override
    public MetricsState cast(Object message, MetricsState state) {
        if (message instanceof String name) {
            state.counts.merge(name, 1L, Long::sum);
        }
        return state;
    }

    @Override
    public Reply<MetricsState> call(Object request, MetricsState state) {
        if ("snapshot".equals(request)) {
            // A copy of JDK types: the caller is another application.
            Map<String, Long> copy = new TreeMap<>(state.counts);
            return Reply.of(copy, state);
        }
        if ("reset".equals(request)) {
            int forgotten = state.counts.size();
            state.counts.clear();
            return Reply.of(forgotten, state);
        }
        return Reply.of("unknown request " + request + " (expected \"snapshot\" or \"reset\", or cast a name to count)",
                state);
    }
}
