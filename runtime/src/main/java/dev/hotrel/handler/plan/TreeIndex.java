package dev.hotrel.handler.plan;

import dev.hotrel.api.ChildSpec;
import dev.hotrel.api.SupervisorSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A supervision tree flattened: where each server and each supervisor sits, and each child's spec
 * by its path. Built from a spec (a new version's tree) or from what runs (a running tree described
 * as a spec), so both sides of a switch are compared the same way; the one walk of a tree that the
 * planner, staging, the rehearsal and the executor share.
 *
 * @param servers server name → the path of its supervisor, in start order (depth first)
 * @param callbacks server name → its callback class
 * @param supervisors supervisor path → the path of its parent, in start order; the root is not listed
 * @param children child path ({@code parent/name}, or {@code name} under the root) → its spec
 */
public record TreeIndex(Map<String, String> servers, Map<String, String> callbacks, Map<String, String> supervisors,
                        Map<String, ChildSpec> children) {

    public static TreeIndex of(SupervisorSpec root) {
        Map<String, String> servers = new LinkedHashMap<>();
        Map<String, String> callbacks = new LinkedHashMap<>();
        Map<String, String> supervisors = new LinkedHashMap<>();
        Map<String, ChildSpec> children = new LinkedHashMap<>();
        walk(root, "", servers, callbacks, supervisors, children);
        return new TreeIndex(Collections.unmodifiableMap(servers), Collections.unmodifiableMap(callbacks),
                Collections.unmodifiableMap(supervisors), Collections.unmodifiableMap(children));
    }

    private static void walk(SupervisorSpec spec, String path, Map<String, String> servers, Map<String, String> callbacks,
                             Map<String, String> supervisors, Map<String, ChildSpec> children) {
        for (ChildSpec child : spec.children()) {
            String at = Step.path(path, child.name());
            children.put(at, child);
            if (child.isSupervisor()) {
                supervisors.put(at, path);
                walk(child.supervisor(), at, servers, callbacks, supervisors, children);
            } else {
                servers.put(child.name(), path);
                callbacks.put(child.name(), child.callback());
            }
        }
    }

    /** The distinct callback classes of the tree, in start order. */
    public List<String> callbackClasses() {
        return new ArrayList<>(new LinkedHashSet<>(callbacks.values()));
    }

    /**
     * The top-most children (server names, supervisor paths) that {@code to} has and {@code from}
     * lacks: a new subtree counts once, as it brings its own children.
     */
    static List<String> topMostOnlyIn(TreeIndex to, TreeIndex from) {
        List<String> only = new ArrayList<>();
        to.supervisors().forEach((path, parent) -> {
            if (!from.supervisors().containsKey(path) && (parent.isEmpty() || from.supervisors().containsKey(parent))) {
                only.add(path);
            }
        });
        to.servers().forEach((server, parent) -> {
            if (!from.servers().containsKey(server) && (parent.isEmpty() || from.supervisors().containsKey(parent))) {
                only.add(server);
            }
        });
        return only;
    }

    /** The last segment of a path. */
    static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
