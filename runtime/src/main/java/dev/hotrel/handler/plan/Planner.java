package dev.hotrel.handler.plan;

import dev.hotrel.release.AppSpec;
import dev.hotrel.release.Instruction;
import dev.hotrel.release.RelupPlan;
import dev.hotrel.release.RelupStep;
import dev.hotrel.release.SysConfig;
import dev.hotrel.runtime.purge.PurgeMode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a relup plan (high-level, per application) into an {@link UpgradePlan} (low-level steps),
 * as OTP's {@code systools_rc} turns appup instructions into a relup script. Pure: no I/O, no
 * node; the same input gives the same plan, so plans are tested as exact step lists.
 *
 * <p>The shape of every plan:
 * <ol>
 *   <li>check that changed applications have no old code left;</li>
 *   <li>start the added applications (on the code of the release being left, before anything is
 *       suspended, so a start that fails costs no pause);</li>
 *   <li>suspend every server that moves, at once;</li>
 *   <li>per changed application, in relup order: switch its code, move its servers with
 *       {@code codeChange}, start its new servers, run its {@code apply} calls, change its
 *       configuration; then configuration changes of unchanged applications;</li>
 *   <li>commit;</li>
 *   <li>resume, then what cannot be undone: restarts, removals, stopped applications, and purges
 *       of old code.</li>
 * </ol>
 * Every server of a changed application moves, with or without an instruction: its code comes
 * from the old version's loader, which cannot be purged while it runs. An {@code update}
 * instruction only adds its options ({@code extra}, suspend timeout, purge mode).
 */
public final class Planner {

    /**
     * What the planner needs.
     *
     * @param from the release left, as {@code demo-1.0.0}
     * @param to the release entered
     * @param downgrade whether {@code to} is older
     * @param relup the relup plan that moves from {@code from} to {@code to}
     * @param fromApps the application descriptors of the release left, by name
     * @param toApps the application descriptors of the release entered, by name
     * @param fromConfig the configuration of the release left
     * @param toConfig the configuration of the release entered
     * @param suspendTimeoutMillis the suspend timeout where an instruction gives none
     */
    public record Input(String from, String to, boolean downgrade, RelupPlan relup,
                        Map<String, AppSpec> fromApps, Map<String, AppSpec> toApps,
                        SysConfig fromConfig, SysConfig toConfig, long suspendTimeoutMillis) {
    }

    private Planner() {
    }

    /**
     * @throws IllegalArgumentException if the relup names an application the releases do not have
     */
    public static UpgradePlan plan(Input in) {
        List<Step> checks = new ArrayList<>();
        List<Step> starts = new ArrayList<>();
        Map<String, Long> suspends = new LinkedHashMap<>();
        List<Step> moves = new ArrayList<>();
        List<Step> afterResume = new ArrayList<>();
        List<Step> stops = new ArrayList<>();
        List<Step> purges = new ArrayList<>();
        boolean restartNode = false;
        Set<String> touched = new LinkedHashSet<>();

        for (RelupStep step : in.relup().steps()) {
            String app = step.application();
            touched.add(app);
            if (step instanceof RelupStep.AddApplication add) {
                starts.add(new Step.StartApp(app, add.version().toString()));
            } else if (step instanceof RelupStep.RemoveApplication) {
                stops.add(new Step.StopApp(app));
            } else if (step instanceof RelupStep.ChangeApplication change) {
                AppSpec from = spec(in.fromApps(), app, in.from());
                AppSpec to = spec(in.toApps(), app, in.to());
                restartNode |= change.instructions().stream().anyMatch(i -> i instanceof Instruction.RestartNode);
                checks.add(new Step.PurgeLeftover(app));
                if (change.instructions().stream().anyMatch(i -> i instanceof Instruction.RestartApplication)) {
                    afterResume.add(new Step.RestartApp(app, to.version().toString()));
                    continue;
                }
                changeApplication(in, change, from, to, suspends, moves, afterResume, purges);
            }
        }
        for (String app : in.toApps().keySet()) {
            Map<String, Object> before = in.fromConfig().forApplication(app);
            Map<String, Object> after = in.toConfig().forApplication(app);
            if (!touched.contains(app) && in.fromApps().containsKey(app) && !before.equals(after)) {
                moves.add(new Step.ConfigChange(app, after));
            }
        }

        List<Step> steps = new ArrayList<>(checks);
        steps.addAll(starts);
        Map<Long, List<String>> byTimeout = new LinkedHashMap<>();
        suspends.forEach((server, timeout) -> byTimeout.computeIfAbsent(timeout, t -> new ArrayList<>()).add(server));
        byTimeout.forEach((timeout, servers) -> steps.add(new Step.Suspend(servers, timeout)));
        steps.addAll(moves);
        steps.add(new Step.Commit());
        if (!suspends.isEmpty()) {
            List<String> resume = new ArrayList<>(suspends.keySet());
            Collections.reverse(resume);
            steps.add(new Step.Resume(resume));
        }
        steps.addAll(afterResume);
        steps.addAll(stops);
        steps.addAll(purges);
        return new UpgradePlan(in.from(), in.to(), in.downgrade(), steps, restartNode);
    }

    private static void changeApplication(Input in, RelupStep.ChangeApplication change, AppSpec from, AppSpec to,
                                          Map<String, Long> suspends, List<Step> moves, List<Step> afterResume,
                                          List<Step> purges) {
        String app = change.application();
        Map<String, Instruction.Update> updates = new LinkedHashMap<>();
        Set<String> restarted = new LinkedHashSet<>();
        Set<String> removed = new LinkedHashSet<>();
        Set<String> added = new LinkedHashSet<>();
        List<Step> applies = new ArrayList<>();
        PurgeMode purge = PurgeMode.SOFT;
        for (Instruction i : change.instructions()) {
            if (i instanceof Instruction.Update u) {
                updates.put(u.server(), u);
                if (u.purge() == PurgeMode.BRUTAL) {
                    purge = PurgeMode.BRUTAL;
                }
            } else if (i instanceof Instruction.Restart r) {
                restarted.add(r.server());
            } else if (i instanceof Instruction.RemoveServer r) {
                removed.add(r.server());
            } else if (i instanceof Instruction.AddServer a) {
                added.add(a.server());
            } else if (i instanceof Instruction.Apply a) {
                applies.add(new Step.Apply(app, a.className(), a.method(), a.args()));
            }
        }
        // Servers the new version lacks go, servers it adds come, with or without an instruction.
        for (String server : from.servers().keySet()) {
            if (!to.servers().containsKey(server)) {
                removed.add(server);
            }
        }
        for (String server : to.servers().keySet()) {
            if (!from.servers().containsKey(server)) {
                added.add(server);
            }
        }
        moves.add(new Step.SwitchCode(app, to.version().toString()));
        for (String server : from.servers().keySet()) {
            if (removed.contains(server) || restarted.contains(server) || added.contains(server)) {
                continue;
            }
            Instruction.Update u = updates.get(server);
            long timeout = u != null && u.suspendTimeoutMillis() != null ? u.suspendTimeoutMillis() : in.suspendTimeoutMillis();
            suspends.put(app + "/" + server, timeout);
            moves.add(new Step.CodeChange(app, server, u == null ? null : u.extra()));
        }
        for (String server : added) {
            moves.add(new Step.AddServer(app, server));
        }
        moves.addAll(applies);
        Map<String, Object> configBefore = in.fromConfig().forApplication(app);
        Map<String, Object> configAfter = in.toConfig().forApplication(app);
        if (!Objects.equals(configBefore, configAfter)) {
            moves.add(new Step.ConfigChange(app, configAfter));
        }
        for (String server : restarted) {
            afterResume.add(new Step.RestartServer(app, server));
        }
        for (String server : removed) {
            afterResume.add(new Step.RemoveServer(app, server));
        }
        purges.add(new Step.Purge(app, purge));
    }

    private static AppSpec spec(Map<String, AppSpec> apps, String app, String release) {
        AppSpec spec = apps.get(app);
        if (spec == null) {
            throw new IllegalArgumentException("the relup changes application " + app + ", which release " + release + " does not have");
        }
        return spec;
    }
}
