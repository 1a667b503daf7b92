package dev.hotrel.runtime.purge;

import dev.hotrel.runtime.code.AppLoader;

import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Watches purged loaders, weakly, until the garbage collector takes them; reports the ones it
 * does not take, with {@link LeakSuspects}. A leaked loader keeps every class of its version,
 * their static state and often threads alive: after a few upgrades that is the classic
 * {@code OutOfMemoryError: Metaspace} of hot redeploys.
 *
 * <p>Thread-safe. Holds only weak references, so watching never keeps a loader alive.
 */
public final class LoaderWatch {

    private record Watched(String name, WeakReference<AppLoader> ref, Instant purgedAt) {
    }

    private final List<Watched> watched = new CopyOnWriteArrayList<>();

    public void watch(AppLoader loader) {
        watched.add(new Watched(loader.getName(), new WeakReference<>(loader), Instant.now()));
    }

    /** Names of purged loaders not yet seen collected. */
    public List<String> pending() {
        forgetCollected();
        return watched.stream().map(Watched::name).toList();
    }

    /**
     * Runs the garbage collector until every watched loader is collected or the timeout passes
     * (blocks up to the timeout; best effort where explicit GC is disabled), and reports those that
     * remain, naming suspects. Collected loaders are forgotten. Collections back off (25 ms, 50 ms,
     * ... up to 1 s apart), so a pinned loader costs a handful of GCs, not hundreds.
     *
     * @return one report per loader still alive; empty if all were collected
     */
    public List<LeakReport> check(long timeout, TimeUnit unit) {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        forgetCollected();
        // Back off: each explicit GC may stop the world, and a loader that is really pinned would
        // otherwise bring a storm of them (one every few ms) onto the servers still serving.
        long pause = 25;
        while (!watched.isEmpty() && System.nanoTime() < deadline) {
            System.gc();
            try {
                Thread.sleep(Math.min(pause, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pause = Math.min(pause * 2, 1_000);
            forgetCollected();
        }
        List<LeakReport> reports = new ArrayList<>();
        for (Watched w : watched) {
            AppLoader loader = w.ref().get();
            if (loader != null) {
                reports.add(new LeakReport(w.name(), w.purgedAt(), LeakSuspects.find(loader)));
            }
        }
        return reports;
    }

    private void forgetCollected() {
        watched.removeIf(w -> w.ref().get() == null);
    }
}
