package dev.hotrel.handler;

import dev.hotrel.api.Application;
import dev.hotrel.api.Server;
import dev.hotrel.api.SupervisorSpec;
import dev.hotrel.handler.exec.AppTarget;
import dev.hotrel.handler.plan.TreeIndex;
import dev.hotrel.release.AppSpec;
import dev.hotrel.release.SysConfig;
import dev.hotrel.runtime.Node;
import dev.hotrel.runtime.app.AppContext;
import dev.hotrel.runtime.code.AppVersion;
import dev.hotrel.runtime.code.StateType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the application versions a release switch needs, so that the install itself is quick:
 * their classloaders, their start classes and the supervision trees they describe, and their
 * callback classes (checked to be servers, and loaded but not initialized: a check runs no
 * application code beyond the start class's side-effect-free {@code supervisor}).
 *
 * <p>{@link #warm} is the install's part: it initializes the callback classes and builds the state
 * mappers (a cold Jackson mapper costs tens of milliseconds that would otherwise land inside the
 * pause), before anything is suspended.
 */
final class Staging {

    /** What staging found: the loaded targets, and every problem (the targets are discarded if any). */
    record Result(Map<String, AppTarget> targets, List<String> problems) {
    }

    private static final int JAVA_CLASS_OFFSET = 44; // class file major version = Java feature version + 44

    private Staging() {
    }

    static Result stage(Node node, RootFiles files, Map<String, AppSpec> specs, SysConfig config) {
        Map<String, AppTarget> targets = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (AppSpec spec : specs.values()) {
            List<Path> jars = files.jars(spec);
            String jdk = jdkProblem(files, spec, jars);
            if (jdk != null) {
                problems.add(jdk);
                continue;
            }
            AppVersion version;
            try {
                version = node.stage(spec.name(), spec.version().toString(), jars);
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
                continue;
            }
            Map<String, Object> appConfig = config.forApplication(spec.name());
            if (!isA(version, spec.start(), Application.class, "start class", problems)) {
                targets.put(spec.name(), new AppTarget(version, spec.start(), appConfig, null, null));
                continue;
            }
            try {
                // The start class's code runs on a node thread, never on the caller's (a Jolokia request's).
                Application application = node.onNodeThread(() -> version.newApplication(spec.start()));
                SupervisorSpec tree = node.onNodeThread(() -> application.supervisor(
                        new AppContext(spec.name(), version.version(), appConfig)));
                if (tree == null) {
                    throw new IllegalStateException("it returned null");
                }
                checkCallbacks(version, tree, problems);
                targets.put(spec.name(), new AppTarget(version, spec.start(), appConfig, application, tree));
            } catch (RuntimeException | LinkageError e) {
                problems.add("start class " + spec.start() + " of " + version.id() + " failed to describe its supervision tree: " + e);
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
     * The install's preparation before anything is suspended: initializes every callback class of
     * the targets (their static initializers run now, not in the pause) and warms the mappers of
     * their state types.
     */
    static void warm(Map<String, AppTarget> targets) {
        for (AppTarget target : targets.values()) {
            if (target.spec() == null) {
                continue;
            }
            for (String callback : TreeIndex.of(target.spec()).callbackClasses()) {
                try {
                    Class<?> type = target.version().initClass(callback);
                    Class<?> state = StateType.of(type);
                    if (state != null) {
                        target.version().warmState(state.getName());
                    }
                } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
                    // Warming is an optimisation; the code change itself reports real problems.
                }
            }
        }
    }

    private static void checkCallbacks(AppVersion version, SupervisorSpec tree, List<String> problems) {
        for (String callback : TreeIndex.of(tree).callbackClasses()) {
            isA(version, callback, Server.class, "server callback", problems);
        }
    }

    /** Loads without initializing, so a check runs none of the class's code. */
    private static boolean isA(AppVersion version, String className, Class<?> kind, String role, List<String> problems) {
        try {
            Class<?> c = version.loadClass(className);
            if (!kind.isAssignableFrom(c)) {
                problems.add(role + " " + className + " of " + version.id() + " does not implement " + kind.getName());
                return false;
            }
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            problems.add(role + " " + className + " is missing from " + version.id() + " (" + e + ")");
            return false;
        }
    }

    /** A jar compiled for a newer JDK than the node's, named with both versions; null if none. */
    private static String jdkProblem(RootFiles files, AppSpec spec, List<Path> jars) {
        int node = Runtime.version().feature();
        for (Path jar : jars) {
            int needed = files.newestClassVersion(jar) - JAVA_CLASS_OFFSET;
            if (needed > node) {
                return "application " + spec.name() + "@" + spec.version() + " needs Java " + needed + " (" + jar.getFileName()
                        + " is compiled for it) and this node runs Java " + node + ": run the node on Java " + needed + " or newer";
            }
        }
        return null;
    }
}
