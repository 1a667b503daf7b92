package dev.hotrel.runtime.code;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * The classloader of one application version, named {@code app@version} so that stack traces,
 * heap dumps and leak reports show which version a class came from. Parent-first over an
 * {@link ApiGate}: an application sees the JDK, {@code dev.hotrel.api} and its own jars.
 *
 * <p>Once retired (its version purged) it fails loudly: every further load throws a
 * {@link ClassNotFoundException} that names the retired version, instead of quietly serving
 * old code, and its jar files are closed.
 */
public final class AppLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final String app;
    private final String version;
    private volatile boolean retired;
    private volatile StateCodec codec;

    AppLoader(String app, String version, URL[] jars, ApiGate parent) {
        super(app + "@" + version, jars, parent);
        this.app = app;
        this.version = version;
    }

    public String app() {
        return app;
    }

    public String version() {
        return version;
    }

    /** This version's state codec while it is loaded; null once retired. */
    StateCodec codec() {
        return codec;
    }

    void codec(StateCodec c) {
        codec = c;
    }

    public boolean isRetired() {
        return retired;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (retired) {
            throw new ClassNotFoundException(name + ": " + getName()
                    + " was purged; its code can no longer be loaded (something still runs old code)");
        }
        return super.loadClass(name, resolve);
    }

    /** Retires this loader: further loads fail, and its jars are closed. Idempotent. */
    void retire() {
        retired = true;
        codec = null;
        try {
            close();
        } catch (IOException e) {
            // Closing only releases jar handles; a failure here leaks a file handle, nothing more.
        }
    }

    @Override
    public String toString() {
        return "AppLoader[" + getName() + (retired ? ", retired" : "") + "]";
    }
}
