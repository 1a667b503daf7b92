package dev.hotrel.handler;

import dev.hotrel.release.ReleaseEntry;
import dev.hotrel.runtime.Node;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * The install kept ready for the next {@code installRelease}: the one a check prepared, or the way
 * back that an install prepares in the background once it has returned. At most one is kept, so
 * an application never has more than two loaders (the running one and the prepared one). A
 * prepared install is used only for the same move and while nothing changed meanwhile
 * ({@link Preparation#isFresh}); otherwise it is discarded and the install prepares afresh.
 *
 * <p>Every method but {@link #prepareWayBack}'s background work runs under the handler's
 * lifecycle (or the check's), which serializes them.
 */
final class PreparedInstalls {

    private final Node node;
    private final RootFiles files;
    private final long suspendTimeoutMillis;
    private Preparation prepared;
    /** Whether {@link #prepared} is a way back, which {@link #prepareWayBack} warmed ({@link Staging#warm}). */
    private boolean preparedWarm;
    /** The way back from the last install, being prepared in the background. */
    private volatile CompletableFuture<Preparation> wayBack;

    PreparedInstalls(Node node, RootFiles files, long suspendTimeoutMillis) {
        this.node = node;
        this.files = files;
        this.suspendTimeoutMillis = suspendTimeoutMillis;
    }

    /** The move from {@code running} to {@code target}, kept for a later install if it has no problems (a check's). */
    Preparation prepare(ReleaseEntry running, ReleaseEntry target) throws IOException {
        adoptWayBack();
        if (prepared != null) {
            if (prepared.plan().to().equals(target.id()) && prepared.plan().from().equals(running.id()) && prepared.isFresh(node)) {
                return prepared;
            }
            drop();
        }
        Preparation p = Preparation.of(node, files, running, target, suspendTimeoutMillis);
        if (p.problems().isEmpty()) {
            prepared = p;
            preparedWarm = false;
        }
        return p;
    }

    /**
     * The move for an install that runs now: prepared as {@link #prepare} does, no longer kept, and
     * warmed ({@link Staging#warm}) unless the background already did, or it cannot run in place
     * (problems, or a node restart).
     */
    Preparation take(ReleaseEntry running, ReleaseEntry target) throws IOException {
        Preparation p = prepare(running, target);
        boolean warmed = p == prepared && preparedWarm;
        prepared = null;
        preparedWarm = false;
        if (!warmed && p.problems().isEmpty() && !p.plan().restartNode()) {
            Staging.warm(p.targets());
        }
        return p;
    }

    /** Drops a kept install that moves to {@code target} (a release being removed). */
    void discardTo(ReleaseEntry target) {
        adoptWayBack();
        if (prepared != null && prepared.plan().to().equals(target.id())) {
            drop();
        }
    }

    /**
     * After an install, prepares the install back to the release it came from (a rollback, or the
     * next downgrade of an up/down pair), on a node thread once the install has returned: loading a
     * version into a fresh loader, its start class and the mappers of its states were most of what
     * an install cost; now the next install that goes back finds them ready.
     */
    void prepareWayBack(ReleaseEntry from, ReleaseEntry to) {
        try {
            wayBack = node.onNodeThreadLater(() -> {
                try {
                    Preparation p = Preparation.of(node, files, from, to, suspendTimeoutMillis);
                    Staging.warm(p.targets()); // the install's own warming, done here instead
                    return p;
                } catch (IOException | RuntimeException | LinkageError e) {
                    return null; // not prepared: the next install prepares itself, and reports what is wrong
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            wayBack = null; // the node is closing
        }
    }

    /** The way back being prepared, once ready (null if none or it failed); leaves it for the next install. For tests. */
    Preparation awaitWayBack() {
        return joined(wayBack);
    }

    /** What a background preparation made, once done; null if none, or it failed (the install then prepares itself). */
    private static Preparation joined(CompletableFuture<Preparation> f) {
        try {
            return f == null ? null : f.join();
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            return null;
        }
    }

    /** Takes the background preparation, once it is done, as the kept install (or discards it). */
    private void adoptWayBack() {
        Preparation p = joined(wayBack);
        wayBack = null;
        if (p == null || !p.problems().isEmpty()) {
            return; // none, or it failed; one with problems keeps nothing staged
        }
        if (prepared != null) {
            drop();
        }
        prepared = p;
        preparedWarm = true;
    }

    private void drop() {
        prepared.discard(node);
        prepared = null;
        preparedWarm = false;
    }
}
