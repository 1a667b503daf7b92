package dev.hotrel.runtime.purge;

import dev.hotrel.runtime.code.AppLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches purged loaders, weakly, until the garbage collector takes them; reports the ones it
 * does not take, with {@link LeakSuspects}. A leaked loader keeps every class of its version,
 * their static state and often threads alive: after a few upgrades that is the classic
 * {@code OutOfMemoryError: Metaspace} of hot redeploys.
 *
 * <p>Two ways to find leaks. {@link #check} is the operator's: it forces collections and answers
 * at once, at the price of stopping the world, so nothing on an install's path calls it. The
 * watch itself never forces anything: it waits for the collections the JVM makes anyway and learns
 * from a <em>sentinel</em>, a throwaway loader with a class of its own made when a loader is
 * watched, when one of them could have unloaded classes. A watched loader still alive after two
 * such collections (a fresh sentinel for the second, so the loader had a whole tenure to go) is
 * reported to the {@link #onLeak} consumer, once. On a quiet JVM that may take long: a class
 * unloading collection comes when the heap or metaspace fills; until then the loader is only
 * {@linkplain #pending() pending}.
 *
 * <p>Thread-safe. Holds only weak references, so watching never keeps a loader alive. Reports run
 * on the watch's own daemon thread, {@code hotrel-loader-watch}, started at the first watch and
 * ended by {@link #close}.
 */
public final class LoaderWatch implements AutoCloseable {

    private static final byte[] MARK = markBytes();
    private static final int STRIKES = 2;

    private static final class Watched extends WeakReference<AppLoader> {
        final String name;
        final Instant purgedAt;
        int strikes; // guarded by the watch
        boolean reported; // guarded by the watch

        Watched(AppLoader loader, ReferenceQueue<Object> queue) {
            super(loader, queue);
            name = loader.getName();
            purgedAt = Instant.now();
        }
    }

    /** Collected only when classes can be unloaded; see {@link CollectionMark}. */
    private static final class Sentinel extends ClassLoader {
        Sentinel() {
            super("hotrel-collection-sentinel", null);
            defineClass(CollectionMark.class.getName(), MARK, 0, MARK.length);
        }
    }

    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private final List<Watched> watched = new ArrayList<>(); // guarded by this
    private Reference<ClassLoader> sentinel; // guarded by this; null when none is out
    private Thread thread; // guarded by this
    private boolean closed; // guarded by this
    private volatile Consumer<LeakReport> onLeak = r -> { };

    /** Where the watch sends a loader it found leaked (on its own thread, once a loader). */
    public void onLeak(Consumer<LeakReport> consumer) {
        onLeak = consumer;
    }

    public synchronized void watch(AppLoader loader) {
        watched.add(new Watched(loader, collected));
        if (closed) {
            return;
        }
        if (sentinel == null) {
            arm();
        }
        if (thread == null) {
            thread = new Thread(this::loop, "hotrel-loader-watch");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Names of purged loaders not yet seen collected. */
    public synchronized List<String> pending() {
        forgetCollected();
        return watched.stream().map(w -> w.name).toList();
    }

    /**
     * Forces the garbage collector until every watched loader is collected or the timeout passes
     * (blocks up to the timeout; best effort where explicit GC is disabled), and reports those that
     * remain, naming suspects. Collected loaders are forgotten. Collections back off (25 ms, 50 ms,
     * ... up to 1 s apart), so a pinned loader costs a handful of GCs, not hundreds. For an
     * operator's explicit check: each forced collection may stop the world.
     *
     * @return one report per loader still alive; empty if all were collected
     */
    public List<LeakReport> check(long timeout, TimeUnit unit) {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        long pause = 25;
        while (!pending().isEmpty() && System.nanoTime() < deadline) {
            System.gc();
            try {
                Thread.sleep(Math.min(pause, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pause = Math.min(pause * 2, 1_000);
        }
        List<LeakReport> reports = new ArrayList<>();
        for (Watched w : snapshot()) {
            AppLoader loader = w.get();
            if (loader != null) {
                reports.add(new LeakReport(w.name, w.purgedAt, LeakSuspects.find(loader)));
            }
        }
        return reports;
    }

    /** Ends the watch's thread; loaders watched later are only kept for {@link #check}. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            t = thread;
            thread = null;
        }
        if (t != null) {
            t.interrupt();
        }
    }

    // ---- the watch's thread ----------------------------------------------------------------

    private void loop() {
        try {
            while (true) {
                Reference<?> gone = collected.remove();
                List<LeakReport> leaks = new ArrayList<>();
                List<Watched> suspects = new ArrayList<>();
                synchronized (this) {
                    if (gone != sentinel) {
                        forgetCollected(); // a watched loader went (or an older sentinel): nothing to judge
                        continue;
                    }
                    sentinel = null;
                    forgetCollected();
                    for (Watched w : watched) {
                        if (!w.reported && ++w.strikes >= STRIKES) {
                            w.reported = true;
                            suspects.add(w);
                        }
                    }
                    if (watched.stream().anyMatch(w -> !w.reported)) {
                        arm();
                    }
                }
                // Outside the lock: finding suspects walks every thread.
                for (Watched w : suspects) {
                    AppLoader loader = w.get();
                    if (loader != null) {
                        leaks.add(new LeakReport(w.name, w.purgedAt, LeakSuspects.find(loader)));
                    }
                }
                for (LeakReport leak : leaks) {
                    try {
                        onLeak.accept(leak);
                    } catch (RuntimeException e) {
                        System.getLogger("dev.hotrel.purge").log(System.Logger.Level.WARNING,
                                "leak listener failed on " + leak.loader() + ": " + e);
                    }
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void arm() {
        sentinel = new WeakReference<>(new Sentinel(), collected);
    }

    private synchronized List<Watched> snapshot() {
        forgetCollected();
        return List.copyOf(watched);
    }

    private void forgetCollected() {
        watched.removeIf(w -> w.get() == null);
    }

    private static byte[] markBytes() {
        String resource = CollectionMark.class.getSimpleName() + ".class";
        try (InputStream in = CollectionMark.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the node's own " + resource + " is missing from its jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the node's own " + resource, e);
        }
    }
}
