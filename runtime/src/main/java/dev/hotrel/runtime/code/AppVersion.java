package dev.hotrel.runtime.code;

import dev.hotrel.api.Application;
import dev.hotrel.api.OldState;
import dev.hotrel.api.Server;

import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One loaded version of an application: its jars, its classloader and its state codec, with a
 * readable id {@code app@version}. A revision, in Felix's sense: everything about it is fixed when
 * it is loaded; the only change it undergoes is {@link #retire()}, after which it holds nothing
 * that keeps its classes alive.
 *
 * <p>Thread-safe. {@link #loader()} and {@link #codec()} throw {@link IllegalStateException} once
 * the version is retired.
 */
public final class AppVersion {

    private final String app;
    private final String version;
    private final List<Path> jars;
    private volatile AppLoader loader;
    private volatile StateCodec codec;
    /** Server callbacks' constructors, found once: a code change instantiates one callback per server. */
    private final java.util.concurrent.ConcurrentHashMap<String, java.lang.reflect.Constructor<?>> servers =
            new java.util.concurrent.ConcurrentHashMap<>();

    private AppVersion(String app, String version, List<Path> jars, AppLoader loader) {
        this.app = app;
        this.version = version;
        this.jars = jars;
        this.loader = loader;
        this.codec = new StateCodec(loader);
        loader.codec(codec);
    }

    /**
     * Loads an application version from its jars in a new loader named {@code app@version} under
     * {@code gate}.
     *
     * @throws IllegalArgumentException if a jar does not exist or is not a regular file
     */
    public static AppVersion load(String app, String version, List<Path> jars, ApiGate gate) {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(gate, "gate");
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            Path jar = jars.get(i);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("jar of " + app + "@" + version + " not found: " + jar);
            }
            try {
                urls[i] = jar.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("bad jar path " + jar, e);
            }
        }
        return new AppVersion(app, version, List.copyOf(jars), new AppLoader(app, version, urls, gate));
    }

    public String app() {
        return app;
    }

    public String version() {
        return version;
    }

    /** {@code app@version}: the name of this version's loader too. */
    public String id() {
        return app + "@" + version;
    }

    public List<Path> jars() {
        return jars;
    }

    public boolean isRetired() {
        return loader == null;
    }

    /** @throws IllegalStateException if this version was retired */
    public AppLoader loader() {
        AppLoader l = loader;
        if (l == null) {
            throw new IllegalStateException(id() + " was purged; its code is gone");
        }
        return l;
    }

    /** The loader, or null once retired. */
    AppLoader loaderOrNull() {
        return loader;
    }

    StateCodec codec() {
        StateCodec c = codec;
        if (c == null) {
            throw new IllegalStateException(id() + " was purged; its state codec is gone");
        }
        return c;
    }

    /** Loads a class of this version, without initializing it. */
    public Class<?> loadClass(String name) throws ClassNotFoundException {
        return Class.forName(name, false, loader());
    }

    /** Loads and initializes a class of this version: its static initializer runs now, not in a pause. */
    public Class<?> initClass(String name) throws ClassNotFoundException {
        return Class.forName(name, true, loader());
    }

    /**
     * Instantiates a server callback of this version.
     *
     * @throws IllegalArgumentException if the class is missing, is not a {@link Server}, or cannot be
     *         instantiated with its public no-arg constructor
     */
    @SuppressWarnings("unchecked")
    public Server<Object> newServer(String className) {
        loader(); // a retired version makes no more servers, cached constructor or not
        return (Server<Object>) newInstance(servers.computeIfAbsent(className,
                name -> constructorOf(name, Server.class, "server callback")), className, "server callback");
    }

    /** Instantiates this version's {@link Application} start class. */
    public Application newApplication(String className) {
        return instantiate(className, Application.class, "application start class");
    }

    /** Builds the state serializer and deserializer of {@code className} ahead of a code change. */
    public void warmState(String className) throws ClassNotFoundException {
        codec().warm(loadClass(className));
    }

    /** A server state of this version as indented JSON for people; live objects as text. */
    public String stateAsJson(Object state) {
        return codec().toJson(state);
    }

    /**
     * The old state of a server running {@code from}, for this version's {@code codeChange}.
     * Nothing is converted until the new code asks.
     *
     * @param state what {@code from}'s code holds: its state on an upgrade, the tree its
     *              {@code downgradeState} made on a downgrade
     * @param declared the state type the receiving callback declares ({@code S} of
     *                 {@code Server<S>}), where a neutral tree is converted by default; may be null
     */
    public OldState migrationFrom(AppVersion from, Object state, Class<?> declared) {
        return new Migration(from, this, state, declared);
    }

    /**
     * Retires this version: its loader fails every further load and closes its jars, and this
     * object drops its loader and codec so that only stray references elsewhere can keep the
     * classes alive. Idempotent.
     *
     * @return the retired loader, for the caller to watch (weakly) for collection; null if already retired
     */
    public AppLoader retire() {
        AppLoader l = loader;
        loader = null;
        codec = null;
        servers.clear();
        if (l != null) {
            l.retire();
        }
        return l;
    }

    private <T> T instantiate(String className, Class<T> type, String role) {
        return type.cast(newInstance(constructorOf(className, type, role), className, role));
    }

    private java.lang.reflect.Constructor<?> constructorOf(String className, Class<?> type, String role) {
        Class<?> c;
        try {
            c = Class.forName(className, true, loader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException(role + " " + className + " not found in " + id() + ": " + e, e);
        }
        if (!type.isAssignableFrom(c)) {
            throw new IllegalArgumentException(role + " " + className + " in " + id()
                    + " does not implement " + type.getName());
        }
        try {
            return c.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(role + " " + className + " in " + id()
                    + " needs a public no-arg constructor: " + e, e);
        }
    }

    private Object newInstance(java.lang.reflect.Constructor<?> constructor, String className, String role) {
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("constructor of " + className + " in " + id() + " threw "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(role + " " + className + " in " + id()
                    + " needs a public no-arg constructor: " + e, e);
        }
    }

    @Override
    public String toString() {
        return id() + (isRetired() ? " (retired)" : "");
    }

}
