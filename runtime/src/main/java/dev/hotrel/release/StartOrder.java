package dev.hotrel.release;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which a release's applications start: every application after the applications it
 * depends on ({@code dependsOn}), otherwise in the order {@code release.json} lists them; the
 * reverse is the order in which they stop. One computation for the packer (which orders relup
 * steps by it) and the node (which boots by it), so both always agree.
 *
 * @param names the applications in start order; every listed one, even when there are problems
 *              (those fall back to the listed order)
 * @param missing applications whose {@code dependsOn} names applications the release lacks, with those names
 * @param cycle applications that depend on each other in a cycle, in listed order; empty if none
 */
public record StartOrder(List<String> names, Map<String, List<String>> missing, List<String> cycle) {

    public StartOrder {
        names = List.copyOf(names);
        missing = Map.copyOf(missing);
        cycle = List.copyOf(cycle);
    }

    /**
     * @param listed the application names in the release's order
     * @param specs their descriptors by name (one missing counts as depending on nothing)
     */
    public static StartOrder of(List<String> listed, Map<String, AppSpec> specs) {
        Map<String, List<String>> missing = new LinkedHashMap<>();
        for (String app : listed) {
            AppSpec spec = specs.get(app);
            List<String> absent = spec == null ? List.of() : spec.dependsOn().stream().filter(d -> !listed.contains(d)).toList();
            if (!absent.isEmpty()) {
                missing.put(app, absent);
            }
        }
        Set<String> ordered = new LinkedHashSet<>();
        List<String> cycle = List.of();
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
                cycle = stuck;
                ordered.addAll(stuck);
                break;
            }
            ordered.add(ready);
        }
        return new StartOrder(new ArrayList<>(ordered), missing, cycle);
    }

    /** The dependencies of {@code app} that the release has. */
    public static List<String> dependencies(Map<String, AppSpec> specs, String app, List<String> listed) {
        AppSpec spec = specs.get(app);
        return spec == null ? List.of() : spec.dependsOn().stream().filter(listed::contains).toList();
    }

    /** Whether every dependency is in the release and there is no cycle. */
    public boolean isSound() {
        return missing.isEmpty() && cycle.isEmpty();
    }
}
