package dev.hotrel.runtime.code;

import dev.hotrel.api.Hotrel;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;

/**
 * The parent of every application loader: the JDK (through the platform loader) plus the
 * {@code dev.hotrel.api} package from the node's own loader, and nothing else of the node.
 * An application therefore cannot link against Jackson, the runtime, or another application.
 */
public final class ApiGate extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final String API_PACKAGE = "dev.hotrel.api.";
    private static final String API_PATH = "dev/hotrel/api/";

    private final ClassLoader nodeLoader = Hotrel.class.getClassLoader();

    public ApiGate() {
        super("hotrel-api", ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(API_PACKAGE)) {
            return nodeLoader.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        if (name.startsWith(API_PATH)) {
            return nodeLoader.getResource(name);
        }
        return super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (name.startsWith(API_PATH)) {
            return nodeLoader.getResources(name);
        }
        return super.getResources(name);
    }

    /** Whether {@code type} is a JDK or {@code dev.hotrel.api} type (or a {@link NodeHandle}): one that may cross applications. */
    public static boolean isShared(Class<?> type) {
        while (type.isArray()) {
            type = type.getComponentType();
        }
        ClassLoader loader = type.getClassLoader();
        return loader == null || loader == ClassLoader.getPlatformClassLoader()
                || type.getName().startsWith(API_PACKAGE) || NodeHandle.class.isAssignableFrom(type);
    }
}
