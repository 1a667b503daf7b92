package dev.hotrel.handler.plan;

import dev.hotrel.api.SupervisorSpec;
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
 * node; what runs is given as data (the running supervision trees, as OTP's
 * {@code get_supervised_procs} finds them), so the same input gives the same plan and plans are
 * tested as exact step lists.
 *
 * <p><b>What moves is what runs.</b> The servers of a changed application that move are those
 * running in its supervision tree that the new version's tree still has, wherever they sit;
 * servers the new tree adds start, servers it drops stop, with or without an appup instruction.
 * An instruction that names a server the trees do not bear out is a problem, reported before
 * anything is suspended.
 *
 * <p>The shape of every plan:
 * <ol>
 *   <li>check that changed applications have no old code left;</li>
 *   <li>start the added applications (before anything is suspended, so a start that fails costs no
 *       pause);</li>
 *   <li>suspend every moving server, of every application, as one set;</li>
 *   <li>per changed application, in relup order: switch its code and supervisors; move the
 *       servers no {@code update} names; then its {@code update}, {@code add} and {@code apply}
 *       instructions in the order written; then children the new tree adds unasked;</li>
 *   <li>commit;</li>
 *   <li>resume; configuration changes (so {@code configChange} can call its own servers); per
 *       application its {@code restart} and {@code remove} instructions in the order written, then
 *       children the new tree dropped unasked; applications restarted (asked, or failed) and
 *       stopped; purges of old code.</li>
 * </ol>
 */
public final class Planner {

    /**
     * What runs of one application now.
     *
     * @param failed whether its supervisor gave up (nothing of it runs)
     * @param tree its tree as it runs, in the form of a spec
     */
    public record RunningTree(boolean failed, SupervisorSpec tree) {
    }

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
     * @param running what runs now, by application (an application of {@code from} that is missing
     *                does not run at all)
     * @param targetTrees the supervision tree of each changed application's new version
     * @param suspendTimeoutMillis the suspend timeout where an instruction gives none
     */
    public record Input(String from, String to, boolean downgrade, RelupPlan relup,
                        Map<String, AppSpec> fromApps, Map<String, AppSpec> toApps,
                        SysConfig fromConfig, SysConfig toConfig,
                        Map<String, RunningTree> running, Map<String, SupervisorSpec> targetTrees,
                        long suspendTimeoutMillis) {
    }

    /** The plan being built, in its sections. */
    private static final class Sections {
        final List<Step> checks = new ArrayList<>();
        final List<Step> starts = new ArrayList<>();
        final Map<String, Long> suspends = new LinkedHashMap<>();
        final List<Step> moves = new ArrayList<>();
        final List<Step> configs = new ArrayList<>();
        final List<Step> afterResume = new ArrayList<>();
        final List<Step> stops = new ArrayList<>();
        final List<Step> purges = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
    }

    private Planner() {
    }

    /**
     * @throws IllegalArgumentException if the relup names an application the releases do not have
     */
    public static UpgradePlan plan(Input in) {
        Sections out = new Sections();
        boolean restartNode = false;
        Set<String> touched = new LinkedHashSet<>();

        for (RelupStep step : in.relup().steps()) {
            String app = step.application();
            touched.add(app);
            if (step instanceof RelupStep.AddApplication add) {
                out.starts.add(new Step.StartApp(app, add.version().toString()));
            } else if (step instanceof RelupStep.RemoveApplication) {
                out.stops.add(new Step.StopApp(app));
            } else if (step instanceof RelupStep.ChangeApplication change) {
                spec(in.fromApps(), app, in.from());
                AppSpec to = spec(in.toApps(), app, in.to());
                restartNode |= change.instructions().stream().anyMatch(i -> i instanceof Instruction.RestartNode);
                RunningTree running = in.running().get(app);
                if (running != null) {
                    // A stopped application has no code loaded: nothing can be left over.
                    out.checks.add(new Step.PurgeLeftover(app));
                }
                boolean restart = change.instructions().stream().anyMatch(i -> i instanceof Instruction.RestartApplication);
                if (restart || running == null || running.failed()) {
                    // A failed or stopped application has nothing to move: it starts afresh on the new code.
                    out.stops.add(new Step.RestartApp(app, to.version().toString()));
                    continue;
                }
                SupervisorSpec target = in.targetTrees().get(app);
                if (target == null) {
                    out.problems.add("the supervision tree of " + app + "@" + to.version() + " is not known");
                    continue;
                }
                new ApplicationChange(in, change, to, TreeIndex.of(running.tree()), TreeIndex.of(target), out).plan();
            }
        }
        for (String app : in.toApps().keySet()) {
            Map<String, Object> before = in.fromConfig().forApplication(app);
            Map<String, Object> after = in.toConfig().forApplication(app);
            if (!touched.contains(app) && in.fromApps().containsKey(app) && !before.equals(after)) {
                out.configs.add(new Step.ConfigChange(app, before, after));
            }
        }

        List<Step> steps = new ArrayList<>(out.checks);
        steps.addAll(out.starts);
        if (!out.suspends.isEmpty()) {
            steps.add(new Step.Suspend(out.suspends));
        }
        steps.addAll(out.moves);
        steps.add(new Step.Commit());
        if (!out.suspends.isEmpty()) {
            List<String> resume = new ArrayList<>(out.suspends.keySet());
            Collections.reverse(resume);
            steps.add(new Step.Resume(resume));
        }
        steps.addAll(out.configs);
        steps.addAll(out.afterResume);
        steps.addAll(out.stops);
        steps.addAll(out.purges);
        return new UpgradePlan(in.from(), in.to(), in.downgrade(), steps, restartNode, out.problems);
    }

    /** One changed application's part of the plan, from its running tree and its new tree. */
    private static final class ApplicationChange {
        private final Input in;
        private final RelupStep.ChangeApplication change;
        private final AppSpec to;
        private final TreeIndex now;
        private final TreeIndex next;
        private final Sections out;
        private final String app;
        private final String where;

        ApplicationChange(Input in, RelupStep.ChangeApplication change, AppSpec to, TreeIndex now, TreeIndex next,
                          Sections out) {
            this.in = in;
            this.change = change;
            this.to = to;
            this.now = now;
            this.next = next;
            this.out = out;
            this.app = change.application();
            this.where = "appup of " + app + " (" + change.from() + " -> " + change.to() + ")";
        }

        void plan() {
            Map<String, Instruction.Update> updates = new LinkedHashMap<>();
            Set<String> restarted = new LinkedHashSet<>();
            Set<String> removedAsked = new LinkedHashSet<>();
            Set<String> addedAsked = new LinkedHashSet<>();
            Set<PurgeMode> purgeModes = new LinkedHashSet<>();
            List<Step> written = new ArrayList<>();
            List<Step> writtenAfter = new ArrayList<>();
            List<String> addedChildren = added();
            List<String> removedChildren = removed();
            for (Instruction i : change.instructions()) {
                if (i instanceof Instruction.Update u) {
                    if (moving(u.server(), "update")) {
                        updates.put(u.server(), u);
                        purgeModes.add(u.purge());
                        written.add(codeChange(u.server(), u.extra()));
                    }
                } else if (i instanceof Instruction.Restart r) {
                    if (moving(r.server(), "restart")) {
                        restarted.add(r.server());
                        writtenAfter.add(new Step.RestartServer(app, r.server()));
                    }
                } else if (i instanceof Instruction.AddServer a) {
                    String child = find(addedChildren, a.server());
                    if (child == null) {
                        out.problems.add(where + ": add names '" + a.server() + "', which " + app + "@" + to.version()
                                + "'s tree does not add (" + (now.servers().containsKey(a.server()) ? "it runs already"
                                : "it has no such child") + ")");
                    } else if (addedAsked.add(child)) {
                        written.add(addChild(child));
                    }
                } else if (i instanceof Instruction.RemoveServer r) {
                    String child = find(removedChildren, r.server());
                    if (child == null) {
                        out.problems.add(where + ": remove names '" + r.server() + "', which "
                                + (next.servers().containsKey(r.server()) ? app + "@" + to.version() + "'s tree still has"
                                : "does not run in " + app + "'s tree"));
                    } else if (removedAsked.add(child)) {
                        writtenAfter.add(removeChild(child));
                    }
                } else if (i instanceof Instruction.Apply a) {
                    written.add(new Step.Apply(app, a.call(), a.undo()));
                }
            }
            for (String server : now.servers().keySet()) {
                String parent = now.servers().get(server);
                String nextParent = next.servers().get(server);
                if (nextParent != null && !nextParent.equals(parent)) {
                    out.problems.add("server " + app + "/" + server + " moves from supervisor " + display(parent) + " to "
                            + display(nextParent) + ": a server cannot change supervisor in place; restart the application "
                            + "(restartApplication) in the appup of " + app);
                }
                if (next.supervisors().containsKey(Step.path(parent, server))) {
                    out.problems.add("child " + app + "/" + Step.path(parent, server) + " changes from a server to a "
                            + "supervisor; restart the application (restartApplication) instead");
                }
            }
            out.moves.add(new Step.SwitchCode(app, to.version().toString()));
            for (String server : now.servers().keySet()) {
                if (next.servers().containsKey(server) && !restarted.contains(server) && !updates.containsKey(server)) {
                    out.moves.add(codeChange(server, null));
                }
            }
            out.moves.addAll(written);
            for (String child : addedChildren) {
                if (!addedAsked.contains(child)) {
                    out.moves.add(addChild(child));
                }
            }
            for (String server : now.servers().keySet()) {
                if (next.servers().containsKey(server) && !restarted.contains(server)) {
                    Instruction.Update u = updates.get(server);
                    out.suspends.put(app + "/" + server, u != null && u.suspendTimeoutMillis() != null
                            ? u.suspendTimeoutMillis() : in.suspendTimeoutMillis());
                }
            }
            Map<String, Object> configBefore = in.fromConfig().forApplication(app);
            Map<String, Object> configAfter = in.toConfig().forApplication(app);
            if (!Objects.equals(configBefore, configAfter)) {
                out.configs.add(new Step.ConfigChange(app, configBefore, configAfter));
            }
            out.afterResume.addAll(writtenAfter);
            for (String child : removedChildren) {
                if (!removedAsked.contains(child)) {
                    out.afterResume.add(removeChild(child));
                }
            }
            // One mode per application: its appup entry refuses mixed modes (AppupEntry).
            out.purges.add(new Step.Purge(app, purgeModes.isEmpty() ? PurgeMode.SOFT : purgeModes.iterator().next()));
        }

        /** Whether an instruction's server runs and stays; a problem is recorded if not. */
        private boolean moving(String server, String kind) {
            if (!now.servers().containsKey(server)) {
                out.problems.add(where + ": " + kind + " names server '" + server + "', which does not run in "
                        + app + "'s supervision tree" + known(now));
                return false;
            }
            if (!next.servers().containsKey(server)) {
                out.problems.add(where + ": " + kind + " names server '" + server + "', which " + app + "@" + to.version()
                        + "'s tree no longer has (remove it instead)");
                return false;
            }
            return true;
        }

        private Step codeChange(String server, Object extra) {
            return new Step.CodeChange(app, server, extra, in.downgrade());
        }

        /** Children the new tree adds, top-most only: a new subtree brings its own. */
        private List<String> added() {
            return TreeIndex.topMostOnlyIn(next, now);
        }

        /** Children the new tree drops, top-most only. */
        private List<String> removed() {
            return TreeIndex.topMostOnlyIn(now, next);
        }

        private Step addChild(String child) {
            boolean supervisor = next.supervisors().containsKey(child);
            String parent = supervisor ? next.supervisors().get(child) : next.servers().get(child);
            return new Step.AddChild(app, parent, TreeIndex.name(child), supervisor);
        }

        private Step removeChild(String child) {
            boolean supervisor = now.supervisors().containsKey(child);
            String parent = supervisor ? now.supervisors().get(child) : now.servers().get(child);
            return new Step.RemoveChild(app, parent, TreeIndex.name(child), supervisor);
        }
    }

    /** The child of {@code children} an instruction names: a server by name, a supervisor by path or name. */
    private static String find(List<String> children, String named) {
        for (String child : children) {
            if (child.equals(named)) {
                return child;
            }
        }
        for (String child : children) {
            if (TreeIndex.name(child).equals(named)) {
                return child;
            }
        }
        return null;
    }

    private static String known(TreeIndex tree) {
        return tree.servers().isEmpty() ? " (no server runs)" : " (running: " + String.join(", ", tree.servers().keySet()) + ")";
    }

    private static String display(String path) {
        return path.isEmpty() ? "(root)" : path;
    }

    private static AppSpec spec(Map<String, AppSpec> apps, String app, String release) {
        AppSpec spec = apps.get(app);
        if (spec == null) {
            throw new IllegalArgumentException("the relup changes application " + app + ", which release " + release + " does not have");
        }
        return spec;
    }
}
