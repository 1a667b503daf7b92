package dev.hotrel.handler.plan;

import dev.hotrel.api.ChildSpec;
import dev.hotrel.api.SupervisorSpec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A supervision tree flattened for the planner: where each server and each supervisor sits. Built
 * from a spec (the new version's tree) or from what runs (a running tree described as a spec), so
 * both sides of a switch are compared the same way.
 *
 * @param servers server name → the path of its supervisor, in start order (depth first)
 * @param callbacks server name → its callback class
 * @param supervisors supervisor path → the path of its parent, in start order; the root is not listed
 */
record TreeIndex(Map<String, String> servers, Map<String, String> callbacks, Map<String, String> supervisors) {

    static final TreeIndex EMPTY = new TreeIndex(Map.of(), Map.of(), Map.of());

    static TreeIndex of(SupervisorSpec root) {
        Map<String, String> servers = new LinkedHashMap<>();
        Map<String, String> callbacks = new LinkedHashMap<>();
        Map<String, String> supervisors = new LinkedHashMap<>();
        walk(root, "", servers, callbacks, supervisors);
        return new TreeIndex(Collections.unmodifiableMap(servers), Collections.unmodifiableMap(callbacks),
                Collections.unmodifiableMap(supervisors));
    }

    private static void walk(SupervisorSpec spec, String path, Map<String, String> servers, Map<String, String> callbacks,
                             Map<String, String> supervisors) {
        for (ChildSpec child : spec.children()) {
            if (child.isSupervisor()) {
                String sub = Step.path(path, child.name());
                supervisors.put(sub, path);
                walk(child.supervisor(), sub, servers, callbacks, supervisors);
            } else {
                servers.put(child.name(), path);
                callbacks.put(child.name(), child.callback());
            }
        }
    }

    /** Whether {@code path} is this supervisor or lies under it. */
    static boolean under(String path, String supervisor) {
        return path.equals(supervisor) || path.startsWith(supervisor + "/");
    }

    /** The last segment of a path. */
    static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
