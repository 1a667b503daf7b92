package dev.hotrel.handler;

import dev.hotrel.api.SupervisorSpec;
import dev.hotrel.handler.exec.AppTarget;
import dev.hotrel.handler.plan.Planner;
import dev.hotrel.handler.plan.UpgradePlan;
import dev.hotrel.release.AppSpec;
import dev.hotrel.release.ReleaseEntry;
import dev.hotrel.release.Relup;
import dev.hotrel.release.RelupPlan;
import dev.hotrel.release.RelupStep;
import dev.hotrel.release.SysConfig;
import dev.hotrel.runtime.Node;
import dev.hotrel.runtime.RuntimeVersion;
import dev.hotrel.runtime.app.ApplicationStatus;
import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.server.ServerProcess;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A release switch made ready: the plan from what runs now to the target, the target's new
 * application versions staged, each moving server's state conversion rehearsed, and every problem.
 * Shared by check (which reports it and keeps it for the install that follows) and install (which
 * runs it). Making one changes nothing the node runs: the staged versions are loaded beside the
 * running ones and {@link #discard discarded} if no install consumes them.
 *
 * @param plan the checked step list
 * @param targets the staged application versions; empty if there are problems
 * @param problems what stops the install
 * @param conversions per moving server, how its state moves and whether that was rehearsed
 * @param basis the running trees the plan was made from: it holds only while they are unchanged
 */
record Preparation(UpgradePlan plan, Map<String, AppTarget> targets, List<String> problems, List<String> conversions,
                   Map<String, Planner.RunningTree> basis) {

    /**
     * @throws HandlerException NO_PLAN or FINGERPRINT_MISMATCH when no plan applies
     */
    static Preparation of(Node node, RootFiles files, ReleaseEntry running, ReleaseEntry target, long suspendTimeoutMillis)
            throws IOException {
        boolean downgrade = target.version().compareTo(running.version()) < 0;
        Relup relup = files.relup(downgrade ? running.version() : target.version());
        List<RelupPlan> plans = downgrade ? relup.downTo() : relup.upFrom();
        Optional<RelupPlan> match = plans.stream()
                .filter(p -> p.version().equals(downgrade ? target.version() : running.version())).findFirst();
        if (match.isEmpty()) {
            throw new HandlerException(Reason.NO_PLAN, target.id(), running.id(), plans.isEmpty()
                    ? "its relup.json has no " + (downgrade ? "downTo" : "upFrom") + " plans"
                    : "it knows " + String.join(", ", plans.stream().map(p -> p.version().toString()).toList()));
        }
        RelupPlan relupPlan = match.get();
        String expected = downgrade ? target.fingerprint() : running.fingerprint();
        if (!relupPlan.fingerprint().equals(expected)) {
            throw new HandlerException(Reason.FINGERPRINT_MISMATCH, target.id(),
                    downgrade ? target.id() : running.id(), relupPlan.fingerprint(), expected);
        }
        List<String> problems = new ArrayList<>();
        String refusal = RuntimeVersion.refusal(target.runtime());
        if (refusal != null) {
            problems.add("release " + target.id() + " cannot run on this node: " + refusal);
        }
        Map<String, AppSpec> fromApps = files.apps(running.applications());
        Map<String, AppSpec> toApps = files.apps(target.applications());
        SysConfig fromConfig = files.sys(running.version());
        SysConfig toConfig = files.sys(target.version());

        // Old code left by an earlier install is purged by the install's first steps; a check only
        // says whether that purge would be refused (as OTP's check_install_release would fail).
        for (RelupStep step : relupPlan.steps()) {
            if (step instanceof RelupStep.ChangeApplication) {
                node.application(step.application()).ifPresent(a -> {
                    if (a.old() != null && !a.serversOn(a.old()).isEmpty()) {
                        problems.add("application " + a.name() + " still runs old code " + a.old().id() + " in servers "
                                + String.join(", ", a.serversOn(a.old()).stream().map(ServerProcess::name).toList())
                                + ": purge it first (a brutal purge restarts them on current code)");
                    }
                });
            }
        }

        Map<String, AppSpec> staged = new LinkedHashMap<>();
        for (RelupStep step : relupPlan.steps()) {
            if (!(step instanceof RelupStep.RemoveApplication)) {
                staged.put(step.application(), toApps.get(step.application()));
            }
        }
        Staging.Result result = refusal == null ? Staging.stage(node, files, staged, toConfig)
                : new Staging.Result(Map.of(), List.of());
        problems.addAll(result.problems());

        Map<String, Planner.RunningTree> trees = runningTrees(node);
        Map<String, SupervisorSpec> targetTrees = new LinkedHashMap<>();
        result.targets().forEach((app, t) -> {
            if (t.spec() != null) {
                targetTrees.put(app, t.spec());
            }
        });
        UpgradePlan plan = Planner.plan(new Planner.Input(running.id(), target.id(), downgrade, relupPlan,
                fromApps, toApps, fromConfig, toConfig, trees, targetTrees, suspendTimeoutMillis));
        if (result.problems().isEmpty()) {
            problems.addAll(plan.problems());
        }
        Rehearsal.Result rehearsal = Rehearsal.run(node, plan, result.targets());
        problems.addAll(rehearsal.problems());
        if (!problems.isEmpty()) {
            result.targets().values().forEach(t -> node.discard(t.version()));
            return new Preparation(plan, Map.of(), problems, rehearsal.lines(), trees);
        }
        return new Preparation(plan, result.targets(), problems, rehearsal.lines(), trees);
    }

    /** Each application's tree as it runs now, and whether it failed: what a plan is made from. */
    static Map<String, Planner.RunningTree> runningTrees(Node node) {
        Map<String, Planner.RunningTree> trees = new LinkedHashMap<>();
        for (RunningApplication app : node.applications()) {
            trees.put(app.name(), new Planner.RunningTree(app.status() == ApplicationStatus.FAILED, app.supervisor().running()));
        }
        return trees;
    }

    /**
     * Whether this preparation still holds: every staged version is still loaded, and the node runs
     * the very trees it was planned from (no application stopped, failed or restarted differently since).
     */
    boolean isFresh(Node node) {
        return targets.values().stream().noneMatch(t -> t.version().isRetired()) && basis.equals(runningTrees(node));
    }

    void discard(Node node) {
        targets.values().forEach(t -> node.discard(t.version()));
    }
}
