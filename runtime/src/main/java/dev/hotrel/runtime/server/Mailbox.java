package dev.hotrel.runtime.server;

import dev.hotrel.api.ServerDownException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A server's mailbox: envelopes in arrival order, lock-free. It belongs to the registered name,
 * not to an incarnation, so it outlives crashes, restarts and code changes. Its owner takes from
 * the head; a suspend set's serving may take, out of order, the messages of the callers it admits
 * (one sender's messages still in their order).
 */
// Is the queue rather than holding one: one object less per server (a node may hold 100,000).
@SuppressWarnings("serial") // never serialized
final class Mailbox extends ConcurrentLinkedQueue<Envelope> {


    /** How many application messages wait: calls, casts and infos; not the node's own reads of the state. */
    int mail() {
        int n = 0;
        for (Envelope e : this) {
            if (!(e instanceof Envelope.Inspect)) {
                n++;
            }
        }
        return n;
    }

    /** The application payloads queued: call requests, casts and infos, in order. */
    List<Object> payloads() {
        List<Object> all = new ArrayList<>();
        for (Envelope e : this) {
            if (e instanceof Envelope.Call c) {
                all.add(c.request());
            } else if (e instanceof Envelope.Cast c) {
                all.add(c.message());
            } else if (e instanceof Envelope.Info i) {
                all.add(i.message());
            }
        }
        return all;
    }

    /** Whether a call from a caller {@code set} admits waits here. */
    boolean hasCallAdmittedBy(SuspendSet set) {
        for (Envelope e : this) {
            if (e instanceof Envelope.Call c && set.admits(c.sender())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes the first envelope sent by a caller that {@code set} admits and that has a call queued:
     * its calls, and its other messages before them, so that its messages keep their order.
     */
    Envelope takeAdmitted(SuspendSet set) {
        Set<ServerProcess> calling = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Envelope e : this) {
            if (e instanceof Envelope.Call c && set.admits(c.sender())) {
                calling.add(c.sender());
            }
        }
        for (Iterator<Envelope> it = iterator(); it.hasNext(); ) {
            Envelope e = it.next();
            if (e.sender() != null && calling.contains(e.sender())) {
                it.remove();
                return e;
            }
        }
        return null;
    }

    /** Empties the mailbox of a server stopped for good: every waiting caller learns why. */
    void failAll(String server, String reason) {
        Envelope e;
        while ((e = poll()) != null) {
            if (e instanceof Envelope.Call c) {
                c.reply().completeExceptionally(new ServerDownException(server, "stopped (" + reason + ")", null));
            } else if (e instanceof Envelope.Inspect i) {
                i.reply().completeExceptionally(new ServerDownException(server, "stopped (" + reason + ")", null));
            }
        }
    }
}
