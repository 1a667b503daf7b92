package dev.hotrel.tools.pack;

import dev.hotrel.api.Server;
import dev.hotrel.runtime.code.ApiGate;
import dev.hotrel.tools.archive.AppFolder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An application version's classes as pack inspects them: its jars in a throwaway loader that,
 * like the node's, sees the JDK and {@code dev.hotrel.api} only. Classes are loaded without being
 * initialized, so no application code runs. Close it to let the loader go.
 */
final class AppClasses implements AutoCloseable {

    /** Enough for any real state; a bound so that a pathological graph cannot run away. */
    private static final int MAX_STATE_CLASSES = 500;

    private final AppFolder app;
    private final URLClassLoader loader;

    private AppClasses(AppFolder app, URLClassLoader loader) {
        this.app = app;
        this.loader = loader;
    }

    static AppClasses open(AppFolder app) {
        URL[] urls = new URL[app.jars().size()];
        for (int i = 0; i < urls.length; i++) {
            Path jar = app.jars().get(i);
            try {
                urls[i] = jar.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("bad jar path " + jar, e);
            }
        }
        return new AppClasses(app, new URLClassLoader("pack:" + app.ref(), urls, new ApiGate()));
    }

    AppFolder app() {
        return app;
    }

    /** The class file of {@code className} in this version's jars, if it has one. */
    Optional<byte[]> bytes(String className) {
        URL url = loader.findResource(className.replace('.', '/') + ".class");
        if (url == null) {
            return Optional.empty();
        }
        try {
            java.net.URLConnection connection = url.openConnection();
            // Uncached, so that closing the loader really closes the jar.
            connection.setUseCaches(false);
            try (InputStream in = connection.getInputStream()) {
                return Optional.of(in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + className + " from the jars of " + app.ref(), e);
        }
    }

    /**
     * Loads a class of this version without initializing it.
     *
     * @throws ClassNotFoundException if the jars do not have it
     * @throws LinkageError if it cannot be linked (it refers to something missing)
     */
    Class<?> load(String className) throws ClassNotFoundException {
        return Class.forName(className, false, loader);
    }

    /** Whether a class came from this version's jars (not from the JDK or the API). */
    boolean isOwn(Class<?> type) {
        return type.getClassLoader() == loader;
    }

    /**
     * The state class {@code S} of a {@code Server<S>} callback, found from its generic type, if it
     * is one of this version's own classes.
     */
    Optional<Class<?>> stateClass(Class<?> callback) {
        Type state = serverArgument(callback, new HashMap<>());
        Class<?> raw = raw(state);
        return raw != null && isOwn(raw) ? Optional.of(raw) : Optional.empty();
    }

    /**
     * The state class and every class of this version reachable from it through field types
     * (generic arguments and array components included) and superclasses: everything whose change
     * changes the shape of the state.
     */
    SortedSet<String> stateClosure(Class<?> state) {
        SortedSet<String> names = new TreeSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.add(state);
        while (!todo.isEmpty() && names.size() < MAX_STATE_CLASSES) {
            Class<?> c = todo.poll();
            if (!isOwn(c) || !names.add(c.getName())) {
                continue;
            }
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            for (Field f : c.getDeclaredFields()) {
                collect(f.getGenericType(), todo);
            }
        }
        return names;
    }

    private static void collect(Type type, Deque<Class<?>> todo) {
        if (type instanceof Class<?> c) {
            todo.add(c.isArray() ? c.getComponentType() : c);
        } else if (type instanceof ParameterizedType p) {
            collect(p.getRawType(), todo);
            for (Type arg : p.getActualTypeArguments()) {
                collect(arg, todo);
            }
        } else if (type instanceof GenericArrayType a) {
            collect(a.getGenericComponentType(), todo);
        } else if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) {
                collect(bound, todo);
            }
        }
    }

    /** Walks the type hierarchy to the {@code Server<S>} it implements, resolving type variables. */
    private static Type serverArgument(Type type, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw = raw(type);
        if (raw == null) {
            return null;
        }
        Map<TypeVariable<?>, Type> inner = new HashMap<>(bindings);
        if (type instanceof ParameterizedType p) {
            TypeVariable<?>[] params = raw.getTypeParameters();
            Type[] args = p.getActualTypeArguments();
            for (int i = 0; i < params.length && i < args.length; i++) {
                inner.put(params[i], resolve(args[i], bindings));
            }
            if (raw == Server.class) {
                return inner.get(params[0]);
            }
        }
        for (Type parent : raw.getGenericInterfaces()) {
            Type found = serverArgument(parent, inner);
            if (found != null) {
                return found;
            }
        }
        return raw.getGenericSuperclass() == null ? null : serverArgument(raw.getGenericSuperclass(), inner);
    }

    private static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings) {
        return type instanceof TypeVariable<?> v && bindings.containsKey(v) ? bindings.get(v) : type;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }

    @Override
    public void close() {
        try {
            loader.close();
        } catch (IOException e) {
            // Only jar handles leak; the loader itself is dropped with this object.
        }
    }
}
