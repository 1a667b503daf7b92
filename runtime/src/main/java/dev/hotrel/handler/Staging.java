package dev.hotrel.handler;

import dev.hotrel.api.Application;
import dev.hotrel.api.Server;
import dev.hotrel.handler.exec.AppTarget;
import dev.hotrel.release.AppSpec;
import dev.hotrel.release.SysConfig;
import dev.hotrel.runtime.Node;
import dev.hotrel.runtime.code.AppVersion;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the application versions a release switch needs before anything is suspended, so the
 * install itself is quick: their classloaders, their start and callback classes (checked to be
 * what {@code app.json} says), and their state mappers warmed (a cold Jackson mapper costs tens of
 * milliseconds that would otherwise land inside the pause).
 */
final class Staging {

    /** What staging found: the loaded targets, and every problem (the targets are discarded if any). */
    record Result(Map<String, AppTarget> targets, List<String> problems) {
    }

    private Staging() {
    }

    static Result stage(Node node, RootFiles files, Map<String, AppSpec> specs, SysConfig config) {
        Map<String, AppTarget> targets = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (AppSpec spec : specs.values()) {
            AppVersion version;
            try {
                version = node.load(spec.name(), spec.version().toString(), files.jars(spec));
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
                continue;
            }
            targets.put(spec.name(), new AppTarget(version, spec.start(), config.forApplication(spec.name())));
            check(version, spec, problems);
        }
        if (!problems.isEmpty()) {
            targets.values().forEach(t -> node.discard(t.version()));
            return new Result(Map.of(), problems);
        }
        return new Result(targets, problems);
    }

    /**
     * Warms the running versions' mappers too: a migration writes the old state with the old
     * version's mapper, which is cold if the server never migrated before.
     */
    static void warmRunning(Node node, Map<String, AppSpec> running, Iterable<String> apps) {
        for (String app : apps) {
            AppSpec spec = running.get(app);
            node.application(app).ifPresent(a -> {
                if (spec != null && a.current().version().equals(spec.version().toString())) {
                    spec.servers().values().forEach(callback -> {
                        try {
                            warmStateOf(a.current(), a.current().loadClass(callback));
                        } catch (ClassNotFoundException | RuntimeException e) {
                            // Only an optimisation.
                        }
                    });
                }
            });
        }
    }

    private static void check(AppVersion version, AppSpec spec, List<String> problems) {
        expect(version, spec.start(), Application.class, "start class", problems);
        spec.servers().forEach((server, callback) -> {
            Class<?> type = expect(version, callback, Server.class, "callback of server '" + server + "'", problems);
            if (type != null) {
                warmStateOf(version, type);
            }
        });
    }

    private static Class<?> expect(AppVersion version, String className, Class<?> kind, String role, List<String> problems) {
        try {
            Class<?> c = version.initClass(className);
            if (!kind.isAssignableFrom(c)) {
                problems.add(role + " " + className + " of " + version.id() + " does not implement " + kind.getName());
                return null;
            }
            return c;
        } catch (ClassNotFoundException | LinkageError e) {
            problems.add(role + " " + className + " is missing from " + version.id() + " (" + e + ")");
            return null;
        }
    }

    /** Warms the mapper for the callback's state type {@code S} of {@code Server<S>}, if it can be named. */
    private static void warmStateOf(AppVersion version, Class<?> callback) {
        for (Class<?> c = callback; c != null; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == Server.class
                        && p.getActualTypeArguments()[0] instanceof Class<?> state) {
                    try {
                        version.warmState(state.getName());
                    } catch (ClassNotFoundException | RuntimeException e) {
                        // Warming is an optimisation; the migration itself reports real problems.
                    }
                    return;
                }
            }
        }
    }
}
