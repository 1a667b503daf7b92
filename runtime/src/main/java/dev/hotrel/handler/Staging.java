package dev.hotrel.handler;

import dev.hotrel.api.Application;
import dev.hotrel.api.ApplicationContext;
import dev.hotrel.api.SupervisorSpec;
import dev.hotrel.api.Server;
import dev.hotrel.handler.exec.AppTarget;
import dev.hotrel.release.AppSpec;
import dev.hotrel.release.SysConfig;
import dev.hotrel.runtime.Node;
import dev.hotrel.api.OldState;
import dev.hotrel.runtime.code.AppVersion;
import dev.hotrel.runtime.server.ServerProcess;
import java.util.concurrent.TimeUnit;

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
            check(version, spec, problems);
            Map<String, Object> appConfig = config.forApplication(spec.name());
            try {
                Application application = version.newApplication(spec.start());
                SupervisorSpec supervisor = application.supervisor(new StagedContext(spec.name(), version.version(), appConfig));
                targets.put(spec.name(), new AppTarget(version, spec.start(), appConfig, application, supervisor));
            } catch (RuntimeException | LinkageError e) {
                problems.add("start class " + spec.start() + " of " + version.id() + " failed to give its supervisor spec: " + e);
                targets.put(spec.name(), new AppTarget(version, spec.start(), appConfig, null, null));
            }
        }
        if (!problems.isEmpty()) {
            targets.values().forEach(t -> node.discard(t.version()));
            return new Result(Map.of(), problems);
        }
        return new Result(targets, problems);
    }

    /**
     * Rehearses each moving server's state conversion, outside any pause: the real state written
     * by the running version's mapper and read back by the new one's, the result thrown away. A
     * first conversion is cold (serializers for every nested type, JIT, class loading) and costs
     * tens of milliseconds; warm it costs microseconds ({@code bench/CodeChangeBenchmark}). The
     * application's own {@code codeChange} is not called: it may have side effects.
     */
    static void rehearse(Node node, Map<String, AppTarget> targets) {
        for (AppTarget target : targets.values()) {
            node.application(target.app()).ifPresent(app -> {
                AppVersion running = app.current();
                for (ServerProcess server : app.servers()) {
                    try {
                        server.inspect(state -> {
                            OldState old = target.version().migrationFrom(running, state);
                            old.tree();
                            return old.asSameClass();
                        }, 1, TimeUnit.SECONDS);
                    } catch (RuntimeException | LinkageError e) {
                        // A shape the new version converts itself, or a busy server: only an optimisation.
                    }
                }
            });
        }
    }

    /** The context a staged start class sees when asked for its supervisor spec. */
    private record StagedContext(String name, String version, Map<String, Object> config) implements ApplicationContext {
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
