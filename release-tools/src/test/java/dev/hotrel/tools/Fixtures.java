package dev.hotrel.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Real application versions built into real jars, and release descriptors naming them:
 * <pre>
 * util 1.0.0      a library application without servers (fx.util.Texts)
 * counter 1.0.0   server 'counter' (fx.counter.Counter, state Counter.State {count}), depends on util
 * counter 1.1.0   state Counter.State {count, step}; appup: update counter up from and down to 1.0.*
 * demo-1.0.0.json counter 1.0.0, util 1.0.0
 * demo-1.1.0.json counter 1.1.0, util 1.0.0
 * </pre>
 * The standard library is compiled once per test JVM ({@link #standard()}); tests must not change it.
 */
public final class Fixtures {

    private static Path standard;

    private Fixtures() {
    }

    /** A folder holding lib/ (the application versions) and the descriptors demo-1.0.0.json, demo-1.1.0.json. */
    public static synchronized Path standard() {
        if (standard == null) {
            try {
                Path dir = Files.createTempDirectory("hotrel-fixtures-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        dev.hotrel.release.root.ReleaseRoot.deleteTree(dir);
                    } catch (IOException e) {
                        // A leftover temporary folder; nothing depends on it.
                    }
                }));
                build(dir);
                standard = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return standard;
    }

    public static Path lib() {
        return standard().resolve("lib");
    }

    public static Path descriptor(String version) {
        return standard().resolve("demo-" + version + ".json");
    }

    static void build(Path dir) throws IOException {
        Path lib = dir.resolve("lib");
        app("util", "1.0.0").source("fx.util.Texts", """
                package fx.util;
                public final class Texts {
                    public static String shout(String s) { return s.toUpperCase(); }
                }
                """).start("fx.util.UtilApp").writeTo(lib);
        counter("1.0.0", "public long count;", "").writeTo(lib);
        counter("1.1.0", "public long count; public long step = 1;", """
                    @Override
                    public State codeChange(String from, OldState old, Object extra) {
                        State s = old.as(State.class);
                        s.step = 1;
                        return s;
                    }
                """).source("fx.counter.Migrations", """
                package fx.counter;
                public final class Migrations {
                    public static void note(String what) { }
                }
                """).appup("""
                {"version": "1.1.0",
                 "upFrom": [{"version": "1.0.*", "instructions": [{"update": "counter", "extra": {"step": 1}}]}],
                 "downTo": [{"version": "1.0.*", "instructions": [{"update": "counter"}]}]}
                """).writeTo(lib);
        descriptor(dir.resolve("demo-1.0.0.json"), "demo", "1.0.0", Map.of("counter", "1.0.0", "util", "1.0.0"));
        descriptor(dir.resolve("demo-1.1.0.json"), "demo", "1.1.0", Map.of("counter", "1.1.0", "util", "1.0.0"));
    }

    /** The counter application at a version, with the given state fields and extra callback members. */
    public static AppBuilder counter(String version, String stateFields, String extraMembers) {
        return app("counter", version).dependsOn("util").server("counter", "fx.counter.Counter")
                .start("fx.counter.CounterApp")
                .source("fx.counter.Counter", """
                        package fx.counter;
                        import dev.hotrel.api.*;
                        public final class Counter implements Server<Counter.State> {
                            public static final class State { %s }
                            public State init(Object arg) { return new State(); }
                            public Reply<State> call(Object request, State state) {
                                state.count++;
                                return Reply.of(state.count, state);
                            }
                        %s
                        }
                        """.formatted(stateFields, extraMembers))
                .source("fx.counter.CounterApp", """
                        package fx.counter;
                        import dev.hotrel.api.*;
                        public final class CounterApp implements Application {
                            public SupervisorSpec supervisor(ApplicationContext context) {
                                return SupervisorSpec.oneForOne(ChildSpec.server("counter", Counter.class));
                            }
                        }
                        """);
    }

    public static AppBuilder app(String name, String version) {
        return new AppBuilder(name, version);
    }

    public static void descriptor(Path file, String name, String version, Map<String, String> apps) throws IOException {
        String list = new java.util.TreeMap<>(apps).entrySet().stream()
                .map(e -> "{\"name\": \"" + e.getKey() + "\", \"version\": \"" + e.getValue() + "\"}")
                .collect(Collectors.joining(", "));
        Files.writeString(file, "{\"name\": \"" + name + "\", \"version\": \"" + version
                + "\", \"runtime\": \"0.1.0\", \"applications\": [" + list + "]}\n");
    }

    /** Writes one APP-VSN/ folder: app.json, optional appup.json, one jar compiled from the sources. */
    public static final class AppBuilder {
        private final String name;
        private final String version;
        private final Map<String, String> sources = new LinkedHashMap<>();
        private final Map<String, String> servers = new LinkedHashMap<>();
        private String start;
        private String dependsOn;
        private String appup;

        AppBuilder(String name, String version) {
            this.name = name;
            this.version = version;
        }

        public AppBuilder source(String className, String source) {
            sources.put(className, source);
            return this;
        }

        public AppBuilder server(String server, String callback) {
            servers.put(server, callback);
            return this;
        }

        /** The start class; generated (an application without servers) unless a source is given for it. */
        public AppBuilder start(String className) {
            start = className;
            return this;
        }

        public AppBuilder dependsOn(String app) {
            dependsOn = app;
            return this;
        }

        public AppBuilder appup(String json) {
            appup = json;
            return this;
        }

        public Path writeTo(Path lib) throws IOException {
            Path dir = lib.resolve(name + "-" + version);
            Files.createDirectories(dir);
            Map<String, String> all = new LinkedHashMap<>(sources);
            if (!all.containsKey(start)) {
                String pkg = start.substring(0, start.lastIndexOf('.'));
                String simple = start.substring(start.lastIndexOf('.') + 1);
                all.put(start, "package " + pkg + ";\nimport dev.hotrel.api.*;\npublic final class " + simple
                        + " implements Application {\n  public SupervisorSpec supervisor(ApplicationContext c) "
                        + "{ return SupervisorSpec.oneForOne(); }\n}\n");
            }
            TestJars.compile(dir.resolve(name + ".jar"), all);
            String serverJson = servers.entrySet().stream()
                    .map(e -> "\"" + e.getKey() + "\": \"" + e.getValue() + "\"").collect(Collectors.joining(", "));
            Files.writeString(dir.resolve("app.json"), "{\"name\": \"" + name + "\", \"version\": \"" + version
                    + "\", \"start\": \"" + start + "\", \"servers\": {" + serverJson + "}, \"dependsOn\": ["
                    + (dependsOn == null ? "" : "\"" + dependsOn + "\"") + "], \"jars\": [\"" + name + ".jar\"]}\n");
            if (appup != null) {
                Files.writeString(dir.resolve("appup.json"), appup);
            }
            return dir;
        }
    }
}
