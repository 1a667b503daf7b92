package dev.hotrel.api;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One child of a supervisor: a server, registered node-wide under {@code name}.
 *
 * <p>The callback is named by class, not held as an object: on a restart the runtime loads the
 * class of that name from the application's <em>current</em> version, so a server restarted
 * after an upgrade runs new code.
 *
 * @param name the registered name, unique in the node ({@code [A-Za-z0-9_.-]+})
 * @param callback the binary name of the {@link Server} class
 * @param arg the argument for {@link Server#init}: a JDK or {@code dev.hotrel.api} value, or null
 * @param restart when the supervisor restarts this child
 * @param shutdownMillis how long {@link Server#terminate} may take on shutdown before the
 *                       runtime moves on
 */
public record ChildSpec(String name, String callback, Object arg, RestartType restart, long shutdownMillis) {

    public ChildSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(restart, "restart");
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("bad server name '" + name + "' (expected letters, digits, '_', '.', '-')");
        }
        if (shutdownMillis < 0) {
            throw new IllegalArgumentException("shutdownMillis of " + name + " is negative: " + shutdownMillis);
        }
    }

    /** A permanent server with a five-second shutdown. */
    public static ChildSpec server(String name, Class<? extends Server<?>> callback, Object arg) {
        return new ChildSpec(name, callback.getName(), arg, RestartType.PERMANENT, 5_000);
    }

    /** A permanent server without a start argument. */
    public static ChildSpec server(String name, Class<? extends Server<?>> callback) {
        return server(name, callback, null);
    }

    /** This spec with another restart type. */
    public ChildSpec withRestart(RestartType type) {
        return new ChildSpec(name, callback, arg, type, shutdownMillis);
    }

    /** This spec with another shutdown timeout. */
    public ChildSpec withShutdown(long timeout, TimeUnit unit) {
        return new ChildSpec(name, callback, arg, restart, unit.toMillis(timeout));
    }
}
