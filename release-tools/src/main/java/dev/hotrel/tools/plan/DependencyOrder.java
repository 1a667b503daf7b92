package dev.hotrel.tools.plan;

import dev.hotrel.release.AppSpec;
import dev.hotrel.release.Release;
import dev.hotrel.release.StartOrder;
import dev.hotrel.tools.Problem;
import dev.hotrel.tools.Problem.Code;

import java.util.List;
import java.util.Map;

/**
 * {@link StartOrder} with its problems said as the tools say them: the order in which a release's
 * applications start, the one the node boots by.
 */
public final class DependencyOrder {

    private DependencyOrder() {
    }

    /**
     * @param specs the applications' descriptors by name
     * @return the names in start order; a dependency outside the release or a cycle is added to
     *         {@code problems} (and the order then falls back to the listed order for those)
     */
    public static List<String> of(Release release, Map<String, AppSpec> specs, List<Problem> problems) {
        List<String> listed = release.applications().stream().map(a -> a.name()).toList();
        StartOrder order = StartOrder.of(listed, specs);
        order.missing().forEach((app, deps) -> deps.forEach(dep -> problems.add(Problem.of(Code.BAD_DEPENDENCY,
                specs.get(app).ref(), dep, "which release " + release.id() + " does not include"))));
        if (!order.cycle().isEmpty()) {
            List<String> stuck = order.cycle();
            AppSpec first = specs.get(stuck.get(0));
            problems.add(Problem.of(Code.BAD_DEPENDENCY, first == null ? stuck.get(0) : first.ref(),
                    String.join("', '", StartOrder.dependencies(specs, stuck.get(0), listed)),
                    "and these applications depend on each other in a cycle: " + String.join(", ", stuck)));
        }
        return order.names();
    }
}
