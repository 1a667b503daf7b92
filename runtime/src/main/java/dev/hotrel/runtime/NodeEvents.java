package dev.hotrel.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Delivers a node's events to its listeners on one thread of its own, in the order they happened.
 *
 * <p>Why a thread: events arise where the node holds a lock of its own (a supervisor's monitor
 * while it restarts a child, the application table while an application starts). A listener run
 * there that asks the node anything, or takes a lock another node thread holds while it waits for
 * the node, deadlocks both. So no listener runs on the thread that caused its event; each runs
 * after whatever lock the event came from is released. Guarantees: events reach every listener in
 * the order {@link #tell} was called; a listener that throws is logged and the others still hear;
 * {@link #settle} returns once every event told before it was delivered, so an operation can
 * return with the management view in step.
 */
final class NodeEvents implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.hotrel.node");

    private final List<NodeListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService thread;
    private volatile Thread deliverer;
    /** Deliveries queued and not yet done. */
    private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();

    NodeEvents(ThreadFactory threads) {
        thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = threads.newThread(r);
            deliverer = t;
            return t;
        });
    }

    void add(NodeListener listener) {
        listeners.add(listener);
    }

    void remove(NodeListener listener) {
        listeners.remove(listener);
    }

    /** Queues an event for every listener; returns at once. Dropped once the node is closed. */
    void tell(Consumer<NodeListener> event) {
        if (listeners.isEmpty()) {
            return;
        }
        post(() -> {
            for (NodeListener l : listeners) {
                try {
                    event.accept(l);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "node listener " + l + " failed", e);
                }
            }
        });
    }

    /** Queues {@code delivery} behind the events told so far; returns at once. Dropped once closed. */
    void post(Runnable delivery) {
        queued.incrementAndGet();
        try {
            thread.execute(() -> {
                try {
                    delivery.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "event delivery failed", e);
                } finally {
                    queued.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException closed) {
            queued.decrementAndGet(); // the node is closed: nobody listens any more
        }
    }

    /**
     * Waits, at most {@code timeout}, until every event told before this call was delivered. Does not
     * wait when called by a listener (it would wait for itself).
     *
     * @return false if the events were not all delivered in time
     */
    boolean settle(long timeout, TimeUnit unit) {
        if (Thread.currentThread() == deliverer) {
            return true;
        }
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        try {
            // Again while deliveries posted more (a listener that queues work behind the events, as the
            // MBeans' reconcile does): settled means nothing told before is still on its way. A few
            // rounds at most, so events others keep telling meanwhile cannot hold the caller.
            for (int round = 0; round == 0 || (round < 4 && queued.get() > 0); round++) {
                Future<?> marker = thread.submit(() -> { });
                marker.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            return true;
        } catch (RejectedExecutionException closed) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        settle(5, TimeUnit.SECONDS);
        thread.shutdown();
    }
}
