package dev.hotrel.tools.plan;

import dev.hotrel.release.AppSpec;
import dev.hotrel.release.Release;
import dev.hotrel.tools.Problem;
import dev.hotrel.tools.Problem.Code;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which a release's applications start: every application after the applications it
 * depends on ({@code dependsOn}), otherwise in the order {@code release.json} lists them. The
 * reverse is the order in which they stop.
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
        for (String app : listed) {
            AppSpec spec = specs.get(app);
            for (String dep : spec == null ? List.<String>of() : spec.dependsOn()) {
                if (!listed.contains(dep)) {
                    problems.add(Problem.of(Code.BAD_DEPENDENCY, spec.ref(), dep,
                            "which release " + release.id() + " does not include"));
                }
            }
        }
        Set<String> ordered = new LinkedHashSet<>();
        while (ordered.size() < listed.size()) {
            String ready = null;
            for (String app : listed) {
                if (!ordered.contains(app) && dependencies(specs, app, listed).stream().allMatch(ordered::contains)) {
                    ready = app;
                    break;
                }
            }
            if (ready == null) {
                List<String> stuck = new ArrayList<>(listed);
                stuck.removeAll(ordered);
                AppSpec first = specs.get(stuck.get(0));
                problems.add(Problem.of(Code.BAD_DEPENDENCY, first == null ? stuck.get(0) : first.ref(),
                        String.join("', '",
                        dependencies(specs, stuck.get(0), listed)), "and these applications depend on each other "
                        + "in a cycle: " + String.join(", ", stuck)));
                ordered.addAll(stuck);
                break;
            }
            ordered.add(ready);
        }
        return List.copyOf(ordered);
    }

    private static List<String> dependencies(Map<String, AppSpec> specs, String app, List<String> listed) {
        AppSpec spec = specs.get(app);
        return spec == null ? List.of() : spec.dependsOn().stream().filter(listed::contains).toList();
    }
}
