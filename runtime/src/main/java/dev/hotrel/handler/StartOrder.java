package dev.hotrel.handler;

import dev.hotrel.release.AppSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The order in which a release's applications start: dependencies first, else the release's order. */
final class StartOrder {

    private StartOrder() {
    }

    /**
     * @throws IllegalArgumentException on a dependency the release lacks, or a cycle
     */
    static List<AppSpec> of(Map<String, AppSpec> apps) {
        List<AppSpec> order = new ArrayList<>();
        Map<String, Boolean> state = new LinkedHashMap<>(); // false = visiting, true = done
        for (AppSpec app : apps.values()) {
            visit(app, apps, state, order, new ArrayList<>());
        }
        return order;
    }

    private static void visit(AppSpec app, Map<String, AppSpec> apps, Map<String, Boolean> state, List<AppSpec> order,
                              List<String> path) {
        Boolean s = state.get(app.name());
        if (Boolean.TRUE.equals(s)) {
            return;
        }
        path.add(app.name());
        if (Boolean.FALSE.equals(s)) {
            throw new IllegalArgumentException("applications depend on each other in a cycle: " + String.join(" -> ", path));
        }
        state.put(app.name(), false);
        for (String dep : app.dependsOn()) {
            AppSpec d = apps.get(dep);
            if (d == null) {
                throw new IllegalArgumentException("application " + app.name() + " depends on " + dep
                        + ", which the release does not have");
            }
            visit(d, apps, state, order, path);
        }
        path.remove(path.size() - 1);
        state.put(app.name(), true);
        order.add(app);
    }
}
