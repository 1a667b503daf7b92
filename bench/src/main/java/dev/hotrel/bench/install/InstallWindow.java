package dev.hotrel.bench.install;

import dev.hotrel.handler.ReleaseHandler;
import dev.hotrel.handler.exec.StepListener;
import dev.hotrel.handler.plan.Step;

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

    private volatile long suspendAt;
    private volatile long resumedAt;
    private volatile boolean resumeRunning;
    private volatile boolean endedByReturn;

    /** Installs this probe on {@code handler}; call {@link #reset} before each install. */
    static InstallWindow on(ReleaseHandler handler) {
        InstallWindow w = new InstallWindow();
        handler.setFaultInjector(w);
        return w;
    }

    void reset() {
        suspendAt = 0;
        resumedAt = 0;
        resumeRunning = false;
        endedByReturn = false;
    }

    @Override
    public void beforeStep(int index, int count, Step step) {
        long now = System.nanoTime();
        if (resumeRunning && resumedAt == 0) {
            resumedAt = now;
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
        }
    }

    /** The window of the last install in nanoseconds, or -1 if it suspended nothing. */
    long nanos() {
        return suspendAt == 0 || resumedAt == 0 ? -1 : resumedAt - suspendAt;
    }

    /** Whether the last window ended only when the install returned (Resume was the last step). */
    boolean endedByReturn() {
        return endedByReturn;
    }
}
