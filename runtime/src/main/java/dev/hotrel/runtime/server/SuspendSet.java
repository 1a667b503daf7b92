package dev.hotrel.runtime.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Servers suspended together for one release switch, so that calls between them cannot deadlock
 * the switch (OTP avoids that only by suspend order, and deadlocks when the order is wrong).
 *
 * <p>Every member is marked suspended at once: no new message starts. Each member must still
 * finish the message it is handling, and that message may call another member. So while the set
 * <em>drains</em>, a member keeps answering calls whose caller is a member still finishing its
 * message (or a server working on such a member's behalf, however deep: a member waits on a
 * non-member that waits on a member); together with the earlier messages of the same caller, so
 * that one sender's messages are still handled in order. Calls from anyone else wait in the
 * mailbox as for any suspended server. The set is <em>quiet</em> once no member handles a message
 * and none has such a call queued; since only a member in the middle of a message can make a
 * member busy again, quiet is final. A member that cannot finish in time is reported with the chain
 * of calls it waits on, so a real cycle is named ({@code kv.a waits on kv.b waits on kv.a}).
 *
 * <p>Thread-safe. The runtime knows who waits on whom because it owns every call: see
 * {@link ServerProcess#waitingOn()}.
 */
public final class SuspendSet {

    private final Set<ServerProcess> members = Collections.newSetFromMap(new IdentityHashMap<>());
    private final AtomicLong epoch = new AtomicLong();
    private final Object monitor = new Object();
    private final long deadline;
    private volatile boolean draining = true;
    private volatile boolean waiting;

    private SuspendSet(Collection<ServerProcess> servers, long longestTimeoutNanos) {
        members.addAll(servers);
        deadline = System.nanoTime() + longestTimeoutNanos;
    }

    /**
     * Marks every server suspended, as one set, and lets it start draining. Returns at once; see
     * {@link #awaitQuiet}.
     *
     * @param timeouts each server with how long it may take to finish its current message
     */
    public static SuspendSet suspend(Map<ServerProcess, Long> timeouts, TimeUnit unit) {
        long longest = timeouts.values().stream().mapToLong(unit::toNanos).max().orElse(0);
        SuspendSet set = new SuspendSet(timeouts.keySet(), longest);
        for (ServerProcess member : set.members) {
            member.joinSuspension(set);
        }
        // Calls queued before the marks (their callers mid-message) must be answered now.
        for (ServerProcess member : set.members) {
            set.offered(member);
        }
        return set;
    }

    /**
     * Waits until the set is quiet: no member handles a message, and none has a call from a
     * draining member queued. On time-out the set stays suspended (no new message starts).
     *
     * @param timeouts each member with how long it may take (as given to {@link #suspend})
     * @return the members still busy at their deadline, each with the chain of calls it waits on;
     *         empty when quiet
     */
    public Map<ServerProcess, String> awaitQuiet(Map<ServerProcess, Long> timeouts, TimeUnit unit) {
        long start = System.nanoTime();
        for (;;) {
            long before = epoch.get();
            List<ServerProcess> busy = new ArrayList<>();
            for (ServerProcess member : members) {
                if (member.isHandling() || member.hasAdmittedMail(this)) {
                    busy.add(member);
                }
            }
            if (busy.isEmpty() && epoch.get() == before) {
                draining = false;
                return Map.of();
            }
            long now = System.nanoTime();
            Map<ServerProcess, String> late = new LinkedHashMap<>();
            for (ServerProcess member : busy) {
                if (now - start >= unit.toNanos(timeouts.getOrDefault(member, 0L))) {
                    late.put(member, waitChain(member));
                }
            }
            if (!late.isEmpty()) {
                return late;
            }
            pause(before);
        }
    }

    /** Lets every member handle its queued messages again, in order. */
    public void resume() {
        draining = false;
        for (ServerProcess member : members) {
            member.resume();
        }
    }

    /** The members, in no particular order. */
    public Set<ServerProcess> members() {
        return Collections.unmodifiableSet(members);
    }

    // ---- for ServerProcess -----------------------------------------------------------------

    /**
     * Whether a call from {@code sender} is answered while the set drains: the sender is a member
     * (so in the middle of its message), or a member waits on it, directly or through others.
     */
    boolean admits(ServerProcess sender) {
        if (sender == null || !draining) {
            return false;
        }
        if (members.contains(sender)) {
            return true;
        }
        for (ServerProcess member : members) {
            ServerProcess s = member.waitingOn();
            for (int hops = 0; s != null && hops < 64; hops++) {
                if (s == sender) {
                    return true;
                }
                s = s.waitingOn();
            }
        }
        return false;
    }

    /** A member got mail while suspended: if a draining member may be waiting for it, serve it. */
    void offered(ServerProcess member) {
        if (draining && member.hasAdmittedMail(this)) {
            epoch.incrementAndGet();
            member.serveAdmittedLater(this);
        }
    }

    /** When a member's serving of admitted calls must give up waiting for the member. */
    long deadline() {
        return deadline;
    }

    /** A member released ownership: the waiter may find the set quiet now. */
    void signal() {
        epoch.incrementAndGet();
        if (waiting) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    private void pause(long seenEpoch) {
        synchronized (monitor) {
            waiting = true;
            try {
                if (epoch.get() == seenEpoch) {
                    // Bounded: a member may go quiet without a release (a crash), and a wake-up may race the flag.
                    monitor.wait(5);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                waiting = false;
            }
        }
    }

    /** {@code kv.a waits on kv.b waits on kv.a}, or {@code kv.a is busy with its current message}. */
    static String waitChain(ServerProcess from) {
        StringBuilder chain = new StringBuilder(from.name());
        Set<ServerProcess> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(from);
        ServerProcess s = from.waitingOn();
        if (s == null) {
            return chain.append(" is busy with its current message").toString();
        }
        ServerProcess last = from;
        while (s != null) {
            chain.append(" waits on ").append(s.name());
            if (!seen.add(s)) {
                return chain.toString();
            }
            last = s;
            s = s.waitingOn();
        }
        return chain.append(last.isHandling() ? " (busy with its current message)" : " (suspended)").toString();
    }
}
