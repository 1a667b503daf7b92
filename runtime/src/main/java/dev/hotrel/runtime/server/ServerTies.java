package dev.hotrel.runtime.server;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What ties a server to time and to other servers beyond its mailbox: its pending timers, the calls
 * it answers later, the monitors that watch it and those it holds. Made at a server's first use of
 * any of them (most servers never use one: a node may hold 100,000 servers).
 *
 * <p>What lasts how long, and why:
 * <ul>
 *   <li>timers belong to the server: they survive crashes and code changes and die only when it
 *       stops for good ({@link ServerProcess#stop});</li>
 *   <li>deferred replies, monitors held and monitors on it belong to an incarnation: when it ends
 *       ({@link #incarnationEnded}) the callers still waiting fail, the monitors on it fire and the
 *       ones it held go. A code change ends no incarnation, so all of them cross it.</li>
 * </ul>
 * Thread-safe: every set is concurrent, and each handle decides its own end by a CAS.
 */
final class ServerTies {

    final PendingTimer timers = new PendingTimer();
    private final Set<DeferredReply> awaiting = ConcurrentHashMap.newKeySet();
    private final Set<Monitor> watchers = ConcurrentHashMap.newKeySet();
    private final Set<Monitor> owned = ConcurrentHashMap.newKeySet();

    /** A call this server answers later; forgotten once answered. */
    void awaiting(DeferredReply reply) {
        awaiting.add(reply);
        if (reply.isAnswered()) {
            awaiting.remove(reply); // answered meanwhile, maybe before the add: not left behind
        }
    }

    void answered(DeferredReply reply) {
        awaiting.remove(reply);
    }

    void watchedBy(Monitor m) {
        watchers.add(m);
    }

    void unwatchedBy(Monitor m) {
        watchers.remove(m);
    }

    void owned(Monitor m) {
        owned.add(m);
    }

    void disowned(Monitor m) {
        owned.remove(m);
    }

    /**
     * The server's incarnation ended with {@code reason}: callers waiting on its deferred replies
     * get a {@code ServerDownException}, the monitors on it fire, the monitors it held are dropped.
     */
    void incarnationEnded(String reason) {
        for (DeferredReply r : List.copyOf(awaiting)) {
            awaiting.remove(r);
            r.fail(reason);
        }
        for (Monitor m : List.copyOf(watchers)) {
            m.fire(reason);
        }
        for (Monitor m : List.copyOf(owned)) {
            m.drop();
        }
    }
}
