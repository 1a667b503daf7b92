package dev.hotrel.runtime.server;

import dev.hotrel.api.Down;
import dev.hotrel.api.MonitorRef;
import dev.hotrel.runtime.code.NodeHandle;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One monitor ({@code Hotrel.monitor}): {@code watcher} is told with a {@link Down} when
 * {@code watched}'s incarnation ends. It lives in both servers' {@link ServerTies} while active, and
 * fires, is removed, or is dropped (its watcher's incarnation ended) exactly once: a CAS on its
 * state decides which.
 *
 * <p>A node object held by application code: a code change of either server hands it over by
 * reference ({@link NodeHandle}) and keeps it active, as a code change ends no incarnation.
 */
final class Monitor implements MonitorRef, NodeHandle {

    private static final int ACTIVE = 0;
    private static final int FIRING = 1;
    private static final int FIRED = 2;
    private static final int REMOVED = 3;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Monitor.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ServerProcess watcher;
    private final ServerProcess watched; // null: no server of that name
    private final String name;
    private volatile int state; // through STATE

    private Monitor(ServerProcess watcher, ServerProcess watched, String name) {
        this.watcher = watcher;
        this.watched = watched;
        this.name = name;
    }

    /**
     * Sets a monitor of {@code watched} (null if no server has {@code name}) for {@code watcher}; it
     * fires at once with {@link Down#NOPROC} if that server is not running.
     */
    static Monitor set(ServerProcess watcher, ServerProcess watched, String name) {
        Monitor m = new Monitor(watcher, watched, name);
        if (watched == null) {
            m.fire(Down.NOPROC);
            return m;
        }
        watcher.ties().owned(m);
        watched.ties().watchedBy(m);
        // After the add: an incarnation that ends from now on finds this monitor in its set (it marks
        // itself down before it looks), and one that ended before is seen down here.
        if (!watched.isRunning()) {
            m.fire(Down.NOPROC);
        }
        return m;
    }

    @Override
    public String server() {
        return name;
    }

    /** The watched incarnation ended: tells the watcher once. */
    void fire(String reason) {
        if (!STATE.compareAndSet(this, ACTIVE, FIRING)) {
            return;
        }
        unlink();
        watcher.deliver(new Down(this, name, reason));
        state = FIRED;
    }

    /** The watcher's incarnation ended: the monitor goes without a word. */
    void drop() {
        if (STATE.compareAndSet(this, ACTIVE, REMOVED)) {
            unlink();
        }
    }

    @Override
    public boolean demonitor() {
        if (STATE.compareAndSet(this, ACTIVE, REMOVED)) {
            unlink();
            return true;
        }
        while (state == FIRING) {
            Thread.onSpinWait(); // the Down is being queued: take it out once it is there
        }
        watcher.withdraw(message -> message instanceof Down d && d.monitor() == this);
        return false;
    }

    private void unlink() {
        watcher.ties().disowned(this);
        if (watched != null) {
            watched.ties().unwatchedBy(this);
        }
    }

    @Override
    public String toString() {
        return "monitor of " + name + " by " + watcher.name();
    }
}
