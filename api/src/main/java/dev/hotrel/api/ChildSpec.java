package dev.hotrel.api;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One child of a supervisor: a server, registered node-wide under {@code name}, or a supervisor of
 * its own (a subtree), as in OTP.
 *
 * <p>A server's callback is named by class, not held as an object: on a restart the runtime loads
 * the class of that name from the application's <em>current</em> version, so a server restarted
 * after an upgrade runs new code.
 *
 * <p>A child is identified by its name among its siblings; across versions, a child of the same
 * name under the same supervisor is the same child (a server that moves with its state, a subtree
 * whose own children are matched the same way).
 *
 * @param name a server's registered name, unique in the node, or a supervisor's name, unique
 *             among its siblings ({@code [A-Za-z0-9_.-]+})
 * @param callback the binary name of the {@link Server} class; null for a supervisor
 * @param arg the argument for {@link Server#init}: a JDK or {@code dev.hotrel.api} value, or null
 * @param restart when the parent supervisor restarts this child
 * @param shutdownMillis how long {@link Server#terminate} may take on shutdown before the runtime
 *                       moves on (for a supervisor: unused, each of its children has its own)
 * @param restartDelayMillis how long the supervisor waits before restarting this child after it
 *                           died (0: at once); a listener whose port is still held by the system
 *                           should not burn its restart intensity in milliseconds
 * @param supervisor the subtree, for a supervisor child; null for a server
 */
public record ChildSpec(String name, String callback, Object arg, RestartType restart, long shutdownMillis,
                        long restartDelayMillis, SupervisorSpec supervisor) {

    public ChildSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(restart, "restart");
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("bad child name '" + name + "' (expected letters, digits, '_', '.', '-')");
        }
        if ((callback == null) == (supervisor == null)) {
            throw new IllegalArgumentException("child " + name + " needs exactly one of a callback class (a server) "
                    + "or a supervisor spec (a subtree)");
        }
        if (supervisor != null && arg != null) {
            throw new IllegalArgumentException("supervisor child " + name + " takes no start argument");
        }
        if (shutdownMillis < 0) {
            throw new IllegalArgumentException("shutdownMillis of " + name + " is negative: " + shutdownMillis);
        }
        if (restartDelayMillis < 0) {
            throw new IllegalArgumentException("restartDelayMillis of " + name + " is negative: " + restartDelayMillis);
        }
    }

    /** A server child without a restart delay. */
    public ChildSpec(String name, String callback, Object arg, RestartType restart, long shutdownMillis) {
        this(name, callback, arg, restart, shutdownMillis, 0, null);
    }

    /** A permanent server with a five-second shutdown. */
    public static ChildSpec server(String name, Class<? extends Server<?>> callback, Object arg) {
        return new ChildSpec(name, callback.getName(), arg, RestartType.PERMANENT, 5_000);
    }

    /** A permanent server without a start argument. */
    public static ChildSpec server(String name, Class<? extends Server<?>> callback) {
        return server(name, callback, null);
    }

    /** A permanent supervisor child: a subtree with its own strategy and intensity. */
    public static ChildSpec supervisor(String name, SupervisorSpec subtree) {
        return new ChildSpec(name, null, null, RestartType.PERMANENT, 0, 0, Objects.requireNonNull(subtree, "subtree"));
    }

    /** Whether this child is a supervisor (a subtree) rather than a server. */
    public boolean isSupervisor() {
        return supervisor != null;
    }

    /** This spec with another restart type. */
    public ChildSpec withRestart(RestartType type) {
        return new ChildSpec(name, callback, arg, type, shutdownMillis, restartDelayMillis, supervisor);
    }

    /** This spec with another shutdown timeout. */
    public ChildSpec withShutdown(long timeout, TimeUnit unit) {
        return new ChildSpec(name, callback, arg, restart, unit.toMillis(timeout), restartDelayMillis, supervisor);
    }

    /** This spec with a delay before each restart. */
    public ChildSpec withRestartDelay(long delay, TimeUnit unit) {
        return new ChildSpec(name, callback, arg, restart, shutdownMillis, unit.toMillis(delay), supervisor);
    }
}
