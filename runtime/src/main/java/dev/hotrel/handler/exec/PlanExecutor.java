package dev.hotrel.handler.exec;

import dev.hotrel.handler.plan.Step;
import dev.hotrel.handler.plan.UpgradePlan;
import dev.hotrel.runtime.Node;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs an {@link UpgradePlan} on a node: the impure half of the planner/executor pair.
 *
 * <p>Guarantees: steps run in order on the calling thread (suspensions fan out in parallel). Before
 * the commit each step records its undo; the first failure undoes every earlier step in reverse,
 * in this process — servers back on their old code with their very old state, added servers and
 * applications stopped, configuration restored, each {@code apply} taken back by the undo its
 * appup gives (one without stays done, and is named) — and throws {@link InstallFailedException}.
 * A step that fails has changed nothing: each cleans up after itself before it throws.
 * After the commit nothing is undone: failures become warnings in the {@link InstallReport}.
 * Not thread-safe: the release handler runs one plan at a time.
 */
public final class PlanExecutor {

    /** {@code applyTimeout}'s default. */
    public static final long APPLY_TIMEOUT_MILLIS = 30_000;

    private final Node node;
    private final long applyTimeoutMillis;

    public PlanExecutor(Node node) {
        this(node, APPLY_TIMEOUT_MILLIS);
    }

    /**
     * @param applyTimeoutMillis how long an {@code apply} or its undo may run: one that has not
     *        returned by then fails its step (and the install rolls back), its thread interrupted
     */
    public PlanExecutor(Node node, long applyTimeoutMillis) {
        if (applyTimeoutMillis <= 0) {
            throw new IllegalArgumentException("applyTimeoutMillis must be positive, got " + applyTimeoutMillis);
        }
        this.node = node;
        this.applyTimeoutMillis = applyTimeoutMillis;
    }

    /**
     * @param targets the staged new versions of the applications the plan switches or starts
     * @throws InstallFailedException if a step before the commit failed (everything was undone)
     */
    public InstallReport run(UpgradePlan plan, Map<String, AppTarget> targets, StepListener listener) {
        long started = System.nanoTime();
        Map<String, Long> suspendedAt = new ConcurrentHashMap<>();
        Map<String, Long> pauses = new LinkedHashMap<>();
        List<String> moved = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        BeforeCommit before = new BeforeCommit(node, targets, suspendedAt, moved, applyTimeoutMillis);
        AfterCommit after = new AfterCommit(node, plan.to(), suspendedAt, pauses, warnings, targets);
        Deque<Undo> undos = new ArrayDeque<>();
        List<Step> steps = plan.steps();
        boolean committed = false;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (!committed) {
                try {
                    listener.beforeStep(i + 1, steps.size(), step);
                    if (step instanceof Step.Commit) {
                        committed = true;
                    } else {
                        undos.push(before.run(step));
                    }
                } catch (Throwable e) {
                    // Errors too (a StackOverflowError in a deep state, an AssertionError): nothing may
                    // leave servers suspended or the application half switched.
                    List<String> notUndone = new ArrayList<>();
                    List<String> undoFailures = undo(undos, notUndone);
                    throw new InstallFailedException(plan.to(), i + 1, steps.size(), step, e, undoFailures, notUndone);
                }
            } else {
                try {
                    listener.beforeStep(i + 1, steps.size(), step);
                } catch (RuntimeException e) {
                    warnings.add("listener failed before step " + (i + 1) + ": " + e);
                }
                after.run(i + 1, step);
            }
        }
        return new InstallReport(plan.from(), plan.to(), moved, pauses, warnings, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Runs every undo, newest first, going on past failures; returns those failures, and adds the
     * steps that have no undo to {@code notUndone}.
     */
    private static List<String> undo(Deque<Undo> undos, List<String> notUndone) {
        List<String> failures = new ArrayList<>();
        while (!undos.isEmpty()) {
            Undo u = undos.pop();
            if (u.action() == null) {
                notUndone.add(0, u.what());
                continue;
            }
            try {
                u.action().run();
            } catch (Throwable e) {
                failures.add(u.what() + ": " + InstallFailedException.reason(e));
            }
        }
        return failures;
    }
}
