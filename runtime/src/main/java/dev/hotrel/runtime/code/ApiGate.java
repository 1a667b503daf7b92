package dev.hotrel.runtime.code;

import dev.hotrel.api.Hotrel;
import dev.hotrel.api.NodeBinding;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The parent of every application loader: the JDK (through the platform loader) plus the
 * {@code dev.hotrel.api} package from the node's own loader, and nothing else of the node.
 * An application therefore cannot link against Jackson, the runtime, or another application.
 *
 * <p>Of {@code dev.hotrel.api}, only what the {@code hotrel-api} jar offers: the node's own classes
 * in that package ({@link NodeBinding}, which binds the node to {@link Hotrel}, and the facade's
 * package-private {@code Kernel}) are refused as if they did not exist.
 */
public final class ApiGate extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final String API_PACKAGE = "dev.hotrel.api.";
    private static final String API_PATH = "dev/hotrel/api/";
    /** Classes of the API's package that are the node's, not the application's (nested ones included). */
    private static final String[] NODE_ONLY = {NodeBinding.class.getName(), API_PACKAGE + "Kernel"};

    private final ClassLoader nodeLoader = Hotrel.class.getClassLoader();

    public ApiGate() {
        super("hotrel-api", ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(API_PACKAGE)) {
            if (nodeOnly(name)) {
                throw new ClassNotFoundException(name + " belongs to the node, not to the API that applications "
                        + "may use (dev.hotrel:hotrel-api)");
            }
            return nodeLoader.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        if (name.startsWith(API_PATH)) {
            return nodeOnly(name.replace('/', '.')) ? null : nodeLoader.getResource(name);
        }
        return super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (name.startsWith(API_PATH)) {
            return nodeOnly(name.replace('/', '.')) ? Collections.emptyEnumeration()
                    : nodeLoader.getResources(name);
        }
        return super.getResources(name);
    }

    /** {@code name} (a class name, or a resource path with dots) is one of {@link #NODE_ONLY} or nested in one. */
    private static boolean nodeOnly(String name) {
        for (String refused : NODE_ONLY) {
            if (name.startsWith(refused) && (name.length() == refused.length() || name.charAt(refused.length()) == '$'
                    || name.startsWith(".class", refused.length()))) {
                return true;
            }
        }
        return false;
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
