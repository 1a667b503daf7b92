package dev.hotrel.handler;

import dev.hotrel.handler.exec.AppTarget;
import dev.hotrel.handler.plan.Planner;
import dev.hotrel.handler.plan.UpgradePlan;
import dev.hotrel.release.AppSpec;
import dev.hotrel.release.Relup;
import dev.hotrel.release.RelupPlan;
import dev.hotrel.release.RelupStep;
import dev.hotrel.release.ReleaseEntry;
import dev.hotrel.release.SysConfig;
import dev.hotrel.runtime.Node;
import dev.hotrel.runtime.purge.PurgeMode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A release switch made ready: the plan from the running release to the target, and the target's
 * new application versions loaded. Shared by check (which reports it) and install (which runs it).
 *
 * @param plan the checked step list
 * @param targets the staged application versions; empty if there are problems
 * @param problems what stops the install
 */
record Preparation(UpgradePlan plan, Map<String, AppTarget> targets, List<String> problems) {

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
        Map<String, AppSpec> fromApps = files.apps(running.applications());
        Map<String, AppSpec> toApps = files.apps(target.applications());
        SysConfig fromConfig = files.sys(running.version());
        SysConfig toConfig = files.sys(target.version());
        UpgradePlan plan = Planner.plan(new Planner.Input(running.id(), target.id(), downgrade, relupPlan,
                fromApps, toApps, fromConfig, toConfig, suspendTimeoutMillis));

        // Old code left by an earlier install would block loading a third version: unload it now if
        // nothing runs it (as OTP's check_install_release soft-purges), else report who runs it.
        List<String> leftovers = new ArrayList<>();
        for (RelupStep step : relupPlan.steps()) {
            if (step instanceof RelupStep.ChangeApplication) {
                try {
                    node.application(step.application()).ifPresent(a -> {
                        if (a.old() != null) {
                            node.purge(step.application(), PurgeMode.SOFT);
                        }
                    });
                } catch (RuntimeException e) {
                    leftovers.add(e.getMessage());
                }
            }
        }
        if (!leftovers.isEmpty()) {
            return new Preparation(plan, Map.of(), leftovers);
        }

        // Stage what the plan switches to, starts or restarts on.
        Map<String, AppSpec> staged = new LinkedHashMap<>();
        for (RelupStep step : relupPlan.steps()) {
            if (!(step instanceof RelupStep.RemoveApplication)) {
                staged.put(step.application(), toApps.get(step.application()));
            }
        }
        Staging.Result result = Staging.stage(node, files, staged, toConfig);
        Staging.rehearse(node, result.targets());
        return new Preparation(plan, result.targets(), result.problems());
    }

    /** Whether every staged version is still loaded (not discarded since). */
    boolean isFresh() {
        return targets.values().stream().noneMatch(t -> t.version().isRetired());
    }

    void discard(Node node) {
        targets.values().forEach(t -> node.discard(t.version()));
    }
}
