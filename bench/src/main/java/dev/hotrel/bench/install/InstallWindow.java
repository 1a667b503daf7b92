package dev.hotrel.bench.install;

import dev.hotrel.handler.ReleaseHandler;
import dev.hotrel.handler.exec.StepListener;
import dev.hotrel.handler.plan.Step;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The suspend → resume window of an install, as the release handler's own step events show it:
 * from the moment the handler starts its {@link Step.Suspend} step (the first server is suspended
 * right after) to the moment it starts the step that follows {@link Step.Resume} (every server has
 * been resumed by then). It spans the suspension of the set, the code switch, every code change,
 * the commit and the resumption, and the handler's own listeners of those steps: what a caller of
 * a moving server can wait through.
 *
 * <p>Hooked in with {@link ReleaseHandler#setFaultInjector}, the one public per-step hook that hands
 * over the typed {@link Step}, on the installing thread. When {@code Resume} is the plan's last step
 * the window ends when {@code installRelease} returns ({@link #finish}), an upper bound.
 *
 * <p>The runtime also reports each server's pause in {@code InstallReport.pauses()}, but measured
 * from the moment the whole set was quiet (after the suspension fan-out), so it leaves out the time
 * the suspension itself takes; {@code pauses} is printed beside this window, not instead of it.
 */
final class InstallWindow implements StepListener {

    private final LongConsumer onClose;
    private final List<String> kinds = new ArrayList<>();
    private final List<Long> starts = new ArrayList<>();
    private volatile long suspendAt;
    private volatile long resumedAt;
    private volatile boolean resumeRunning;
    private volatile boolean endedByReturn;

    private InstallWindow(LongConsumer onClose) {
        this.onClose = onClose;
    }

    /** Installs this probe on {@code handler}; call {@link #reset} before each install. */
    static InstallWindow on(ReleaseHandler handler) {
        return on(handler, nanos -> { });
    }

    /**
     * As {@link #on(ReleaseHandler)}, telling {@code onClose} the window (in nanoseconds) as soon as it
     * has closed, while the install still runs its later steps.
     */
    static InstallWindow on(ReleaseHandler handler, LongConsumer onClose) {
        InstallWindow w = new InstallWindow(onClose);
        handler.setFaultInjector(w);
        return w;
    }

    void reset() {
        kinds.clear();
        starts.clear();
        suspendAt = 0;
        resumedAt = 0;
        resumeRunning = false;
        endedByReturn = false;
    }

    @Override
    public void beforeStep(int index, int count, Step step) {
        long now = System.nanoTime();
        kinds.add(step.getClass().getSimpleName());
        starts.add(now);
        if (resumeRunning && resumedAt == 0) {
            resumedAt = now;
            onClose.accept(now - suspendAt);
        }
        if (step instanceof Step.Suspend && suspendAt == 0) {
            suspendAt = now;
        }
        if (step instanceof Step.Resume) {
            resumeRunning = true;
        }
    }

    /** Call when {@code installRelease} has returned, at {@code returnedAt} (nanoTime). */
    void finish(long returnedAt) {
        if (resumeRunning && resumedAt == 0) {
            resumedAt = returnedAt;
            endedByReturn = true;
            onClose.accept(returnedAt - suspendAt);
        }
    }

    /** The window of the last install in nanoseconds, or -1 if it suspended nothing. */
    long nanos() {
        return suspendAt == 0 || resumedAt == 0 ? -1 : resumedAt - suspendAt;
    }

    /**
     * Where the last install's time went, by kind of step (each step lasts until the next one
     * starts; the last one until the install returned): {@code "before the first step 12.0 ms,
     * Suspend 0.3 ms, CodeChange x1000 80.1 ms, ..."}.
     */
    String breakdown(long calledAt, long returnedAt) {
        if (starts.isEmpty()) {
            return "no step ran";
        }
        Map<String, long[]> byKind = new LinkedHashMap<>();
        for (int i = 0; i < starts.size(); i++) {
            long end = i + 1 < starts.size() ? starts.get(i + 1) : returnedAt;
            long[] sum = byKind.computeIfAbsent(kinds.get(i) + (i + 1 == starts.size() ? " (last, to the return)" : ""),
                    k -> new long[2]);
            sum[0] += end - starts.get(i);
            sum[1]++;
        }
        StringBuilder b = new StringBuilder(String.format("before the first step %.1f ms", Stats.ms(starts.get(0) - calledAt)));
        byKind.forEach((kind, sum) -> b.append(String.format(", %s%s %.1f ms", kind, sum[1] > 1 ? " x" + sum[1] : "",
                Stats.ms(sum[0]))));
        return b.toString();
    }

    /** Whether the last window ended only when the install returned (Resume was the last step). */
    boolean endedByReturn() {
        return endedByReturn;
    }
}
