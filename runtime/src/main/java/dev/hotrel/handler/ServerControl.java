package dev.hotrel.handler;

import dev.hotrel.runtime.Node;
import dev.hotrel.runtime.server.Incarnation;
import dev.hotrel.runtime.server.ServerProcess;

import java.util.concurrent.TimeUnit;

/**
 * An operator's hands on one server: suspend, resume, and a look at its state (OTP's
 * {@code sys:suspend}, {@code sys:resume}, {@code sys:get_state}). Management calls these, never
 * the server itself.
 *
 * <p>Suspend and resume are lifecycle operations, serialized with installs: while one runs they
 * fail at once with {@link Reason#BUSY} naming it. An install suspends the servers it moves and
 * counts on them staying suspended until its own resume (or its undo, which puts them back on
 * their old code and state before it resumes them); a resume from a console in between would let
 * messages run on code the install may still take back.
 *
 * <p>{@link #state} is a read and never waits for the lifecycle; see there for what it does while
 * an install runs.
 *
 * <p>An operator's suspension does not survive an install that moves the server: the install
 * suspends it again as one of its set, and resumes it at the end, as OTP's release handler does.
 */
public final class ServerControl {

    /** How long a read of a server's state waits for it to be between two messages. */
    private static final long STATE_TIMEOUT_MILLIS = 5_000;

    private final Node node;
    private final Lifecycle lifecycle;
    private final long suspendTimeoutMillis;

    ServerControl(Node node, Lifecycle lifecycle, long suspendTimeoutMillis) {
        this.node = node;
        this.lifecycle = lifecycle;
        this.suspendTimeoutMillis = suspendTimeoutMillis;
    }

    /**
     * Suspends a server: the message it handles finishes, later ones wait in its mailbox until
     * {@link #resume}. Blocks until it is quiet, at most the node's suspend timeout. Idempotent.
     *
     * @throws HandlerException BUSY while a lifecycle operation runs
     * @throws IllegalArgumentException if the application has no such server
     * @throws IllegalStateException if the server did not finish its current message in time; it
     *         starts no new one, and is suspended once that one ends ({@link #resume} undoes it)
     */
    public void suspend(String app, String server) {
        Echo.check(server, SERVER);
        lifecycle.run("suspending server " + app + "/" + server, "suspendServer", () -> {
            ServerProcess s = find(app, server);
            if (!s.suspend(suspendTimeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("server " + app + "/" + server + " did not finish its current message within "
                        + suspendTimeoutMillis + " ms; it starts no new one and is suspended once that one ends (resume undoes it)");
            }
            return null;
        });
    }

    /**
     * Lets a suspended server handle its queued messages again, in order. Idempotent; never waits
     * for the server.
     *
     * @throws HandlerException BUSY while a lifecycle operation runs (an install's suspended servers
     *         are the install's to resume)
     * @throws IllegalArgumentException if the application has no such server
     */
    public void resume(String app, String server) {
        Echo.check(server, SERVER);
        lifecycle.run("resuming server " + app + "/" + server, "resumeServer", () -> {
            find(app, server).resume();
            return null;
        });
    }

    /**
     * The server's state as indented JSON, read between two of its messages, by the code that owns
     * that state (so a read that meets a code change sees the state before it or after it, each
     * with its own version's view). Never waits for the lifecycle.
     *
     * <p>While a lifecycle operation runs, a <em>suspended</em> server is not read: a suspended
     * server is read by taking it, for the length of the read, on the reading thread, and during
     * an install that would take it from the install's hands inside the pause its callers wait out
     * (the install's code change would wait for the read, and the read might meet a server the
     * undo is about to put back). So that read fails as {@link Reason#BUSY}, naming the operation;
     * try again once it has finished. A server that runs is read between two of its messages as
     * always; if the install suspends it meanwhile, the read waits in its mailbox and is answered
     * after the install resumed it (or fails after {@value #STATE_TIMEOUT_MILLIS} ms). Best effort
     * at the edge: a read that found no operation running an instant before an install suspended
     * the server may still read it directly, which costs that install the length of one read. When
     * no operation runs, a server an operator suspended is read at once.
     *
     * @throws HandlerException BUSY as above
     * @throws IllegalArgumentException if the application has no such server
     * @throws IllegalStateException if the server has no state now (down, stopped)
     */
    public String state(String app, String server) {
        Echo.check(server, SERVER);
        ServerProcess s = find(app, server);
        String operation = lifecycle.operation();
        if (operation != null && s.isSuspended()) {
            throw new HandlerException(Reason.BUSY, operation + ", and server " + app + "/" + server
                    + " is suspended: its state is not read while an operation runs", lifecycle.since());
        }
        if (s.code() == null) {
            throw new IllegalStateException("server " + app + "/" + server + " is " + s.status() + " and has no state now");
        }
        return (String) s.inspect(state -> {
            // Read under the server's ownership: the code that holds this very state.
            Incarnation code = s.code();
            if (code == null) {
                throw new IllegalStateException("server " + app + "/" + server + " went down and has no state now");
            }
            return code.version().stateAsJson(state);
        }, STATE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static final String SERVER = "server (a server's name)";

    private ServerProcess find(String app, String server) {
        ServerProcess s = node.registry().find(server);
        if (s == null || !s.app().equals(app)) {
            throw new IllegalArgumentException("application " + app + " has no server " + Echo.quote(server)
                    + (s == null ? "" : " (a server of that name belongs to application " + s.app() + ")"));
        }
        return s;
    }
}
