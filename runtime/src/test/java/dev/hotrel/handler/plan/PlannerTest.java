package dev.hotrel.handler.plan;

import dev.hotrel.api.ChildSpec;
import dev.hotrel.api.RestartStrategy;
import dev.hotrel.api.RestartType;
import dev.hotrel.api.SupervisorSpec;
import dev.hotrel.release.AppSpec;
import dev.hotrel.release.Instruction;
import dev.hotrel.release.RelupPlan;
import dev.hotrel.release.RelupStep;
import dev.hotrel.release.SysConfig;
import dev.hotrel.release.Version;
import dev.hotrel.runtime.purge.PurgeMode;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Golden plans: the exact step lists for an upgrade and its downgrade, from what runs and the new trees. */
class PlannerTest {

    private static final String FP = "sha256:" + "0".repeat(64);

    // app.json descriptors: no 'servers' lists: what moves comes from the trees.
    private static final AppSpec KV_10 = app("kv", "1.0.0", List.of());
    private static final AppSpec KV_11 = app("kv", "1.1.0", List.of());
    private static final AppSpec COUNTER_10 = app("counter", "1.0.0", List.of());
    private static final AppSpec COUNTER_11 = app("counter", "1.1.0", List.of());
    private static final AppSpec METRICS_10 = app("metrics", "1.0.0", List.of("counter"));

    // kv 1.0.0 runs store + sessions; kv 1.1.0 has store + expiry. counter has one server.
    private static final SupervisorSpec KV_10_TREE = tree(server("store"), server("sessions"));
    private static final SupervisorSpec KV_11_TREE = tree(server("store"), server("expiry"));
    private static final SupervisorSpec COUNTER_TREE = tree(server("counter"));

    @Test
    void upgradeMovesWhatRunsAndDoesTheIrreversibleAfterTheCommit() {
        RelupPlan relup = new RelupPlan(Version.parse("1.0.0"), FP, List.of(
                new RelupStep.ChangeApplication("counter", v("1.0.0"), v("1.1.0"), List.of(
                        new Instruction.Update("counter", PurgeMode.SOFT, 2_000L, Map.of("step", 2)))),
                new RelupStep.ChangeApplication("kv", v("1.0.0"), v("1.1.0"), List.of(
                        new Instruction.Update("store", PurgeMode.BRUTAL, null, null),
                        new Instruction.Apply("kv.Migrate", "run", List.of("x"),
                                new Instruction.Call("kv.Migrate", "unrun", List.of("x"))))),
                new RelupStep.AddApplication("metrics", v("1.0.0"))));
        UpgradePlan plan = Planner.plan(new Planner.Input("demo-1.0.0", "demo-2.0.0", false, relup,
                apps(COUNTER_10, KV_10), apps(COUNTER_11, KV_11, METRICS_10),
                SysConfig.empty(), SysConfig.of(Map.of("kv", Map.of("ttl", 30))),
                running("counter", COUNTER_TREE, "kv", KV_10_TREE), Map.of("counter", COUNTER_TREE, "kv", KV_11_TREE), 5_000));

        assertEquals(List.of(
                "1. check that counter has no old code left (soft purge)",
                "2. check that kv has no old code left (soft purge)",
                "3. start application metrics@1.0.0",
                "4. suspend counter/counter (timeout 2000 ms); kv/store (timeout 5000 ms)",
                "5. switch counter and its supervisors to counter@1.1.0",
                "6. code change of counter/counter (extra {step=2})",
                "7. switch kv and its supervisors to kv@1.1.0",
                "8. code change of kv/store",
                "9. apply kv.Migrate.run(\"x\") in kv (undone by kv.Migrate.unrun(\"x\"))",
                "10. add server kv/expiry",
                "11. commit",
                "12. resume kv/store, counter/counter",
                "13. change the configuration of kv",
                "14. remove server kv/sessions",
                "15. soft purge of counter's old code",
                "16. brutal purge of kv's old code"), plan.describe());
        assertEquals(List.of(), plan.problems());
        assertFalse(plan.downgrade());
        assertFalse(plan.restartNode());
    }

    @Test
    void downgradeConvertsDownAndStopsWhatTheOlderReleaseLacks() {
        RelupPlan relup = new RelupPlan(Version.parse("1.0.0"), FP, List.of(
                new RelupStep.RemoveApplication("metrics", v("1.0.0")),
                new RelupStep.ChangeApplication("kv", v("1.1.0"), v("1.0.0"), List.of(
                        new Instruction.Update("store", PurgeMode.SOFT, null, "down")))));
        UpgradePlan plan = Planner.plan(new Planner.Input("demo-2.0.0", "demo-1.0.0", true, relup,
                apps(KV_11, METRICS_10), apps(KV_10), SysConfig.empty(), SysConfig.empty(),
                running("kv", KV_11_TREE, "metrics", tree(server("metrics"))), Map.of("kv", KV_10_TREE), 5_000));

        assertEquals(List.of(
                "1. check that kv has no old code left (soft purge)",
                "2. suspend kv/store (timeout 5000 ms)",
                "3. switch kv and its supervisors to kv@1.0.0",
                "4. downgrade state and code change of kv/store (extra down)",
                "5. add server kv/sessions",
                "6. commit",
                "7. resume kv/store",
                "8. remove server kv/expiry",
                "9. stop application metrics",
                "10. soft purge of kv's old code"), plan.describe());
        assertTrue(plan.downgrade());
    }

    @Test
    void aServerMissingFromAppJsonStillMovesBecauseItRuns() {
        // app.json lists no servers at all; the running tree has three, one of them in a subtree.
        SupervisorSpec runs = tree(server("listener"), sup("rooms", tree(server("lobby"))), server("store"));
        RelupPlan relup = change("chat", "1.0.0", "1.1.0");
        UpgradePlan plan = Planner.plan(new Planner.Input("c-1", "c-2", false, relup,
                apps(app("chat", "1.0.0", List.of())), apps(app("chat", "1.1.0", List.of())),
                SysConfig.empty(), SysConfig.empty(), running("chat", runs), Map.of("chat", runs), 5_000));
        assertEquals(List.of(
                "1. check that chat has no old code left (soft purge)",
                "2. suspend chat/listener, chat/lobby, chat/store (timeout 5000 ms)",
                "3. switch chat and its supervisors to chat@1.1.0",
                "4. code change of chat/listener",
                "5. code change of chat/lobby",
                "6. code change of chat/store",
                "7. commit",
                "8. resume chat/store, chat/lobby, chat/listener",
                "9. soft purge of chat's old code"), plan.describe());
    }

    @Test
    void wholeSubtreesAreAddedAndRemovedAsOneChild() {
        SupervisorSpec before = tree(server("listener"), sup("rooms", tree(server("lobby"), server("games"))));
        SupervisorSpec after = tree(server("listener"), sup("pools", tree(server("p1"), sup("deep", tree(server("p2"))))));
        RelupPlan relup = change("chat", "1.0.0", "1.1.0");
        UpgradePlan plan = Planner.plan(new Planner.Input("c-1", "c-2", false, relup,
                apps(app("chat", "1.0.0", List.of())), apps(app("chat", "1.1.0", List.of())),
                SysConfig.empty(), SysConfig.empty(), running("chat", before), Map.of("chat", after), 5_000));
        assertEquals(List.of(
                "1. check that chat has no old code left (soft purge)",
                "2. suspend chat/listener (timeout 5000 ms)",
                "3. switch chat and its supervisors to chat@1.1.0",
                "4. code change of chat/listener",
                "5. add supervisor chat/pools with its children",
                "6. commit",
                "7. resume chat/listener",
                "8. remove supervisor chat/rooms",
                "9. soft purge of chat's old code"), plan.describe());
    }

    @Test
    void instructionsRunInTheOrderWritten() {
        SupervisorSpec before = tree(server("a"), server("b"), server("old1"), server("old2"));
        SupervisorSpec after = tree(server("a"), server("b"), server("n1"), server("n2"));
        RelupPlan relup = new RelupPlan(Version.parse("1.0.0"), FP, List.of(
                new RelupStep.ChangeApplication("x", v("1.0.0"), v("1.1.0"), List.of(
                        new Instruction.AddServer("n2"),
                        new Instruction.Apply("x.M", "first", List.of()),
                        new Instruction.Update("b", PurgeMode.SOFT, null, null),
                        new Instruction.AddServer("n1"),
                        new Instruction.RemoveServer("old2"),
                        new Instruction.Restart("a"),
                        new Instruction.RemoveServer("old1")))));
        UpgradePlan plan = Planner.plan(new Planner.Input("x-1", "x-2", false, relup,
                apps(app("x", "1.0.0", List.of())), apps(app("x", "1.1.0", List.of())),
                SysConfig.empty(), SysConfig.empty(), running("x", before), Map.of("x", after), 5_000));
        assertEquals(List.of(
                "1. check that x has no old code left (soft purge)",
                "2. suspend x/b (timeout 5000 ms)",
                "3. switch x and its supervisors to x@1.1.0",
                "4. add server x/n2",
                "5. apply x.M.first() in x (no undo: a rollback leaves its effects)",
                "6. code change of x/b",
                "7. add server x/n1",
                "8. commit",
                "9. resume x/b",
                "10. remove server x/old2",
                "11. restart server x/a",
                "12. remove server x/old1",
                "13. soft purge of x's old code"), plan.describe());
        assertEquals(List.of(), plan.problems());
    }

    @Test
    void instructionsTheTreesDoNotBearOutAreProblemsNotSurprisesAfterTheCommit() {
        SupervisorSpec before = tree(server("a"), sup("s", tree(server("b"))));
        SupervisorSpec after = tree(server("a"), server("b"), server("c"));
        RelupPlan relup = new RelupPlan(Version.parse("1.0.0"), FP, List.of(
                new RelupStep.ChangeApplication("x", v("1.0.0"), v("1.1.0"), List.of(
                        new Instruction.Update("ghost", PurgeMode.SOFT, null, null),
                        new Instruction.AddServer("a"),
                        new Instruction.RemoveServer("c"),
                        new Instruction.Update("b", PurgeMode.SOFT, null, null)))));
        UpgradePlan plan = Planner.plan(new Planner.Input("x-1", "x-2", false, relup,
                apps(app("x", "1.0.0", List.of())), apps(app("x", "1.1.0", List.of())),
                SysConfig.empty(), SysConfig.empty(), running("x", before), Map.of("x", after), 5_000));
        assertEquals(List.of(
                "appup of x (1.0.0 -> 1.1.0): update names server 'ghost', which does not run in x's supervision tree (running: a, b)",
                "appup of x (1.0.0 -> 1.1.0): add names 'a', which x@1.1.0's tree does not add (it runs already)",
                "appup of x (1.0.0 -> 1.1.0): remove names 'c', which x@1.1.0's tree still has",
                "server x/b moves from supervisor s to (root): a server cannot change supervisor in place; restart the "
                        + "application (restartApplication) in the appup of x"), plan.problems());
    }

    @Test
    void aFailedApplicationIsRestartedOnTheNewCodeInsteadOfMoved() {
        RelupPlan relup = change("counter", "1.0.0", "1.1.0");
        UpgradePlan plan = Planner.plan(new Planner.Input("demo-1.0.0", "demo-1.1.0", false, relup,
                apps(COUNTER_10), apps(COUNTER_11), SysConfig.empty(), SysConfig.empty(),
                Map.of("counter", new Planner.RunningTree(true, tree())), Map.of("counter", COUNTER_TREE), 5_000));
        assertEquals(List.of(
                "1. check that counter has no old code left (soft purge)",
                "2. commit",
                "3. restart application counter on counter@1.1.0"), plan.describe());
    }

    @Test
    void aStoppedApplicationIsStartedOnTheNewCodeWithNothingToPurgeFirst() {
        // Stopped by an operator: it has no code loaded, so there is no old code to check for.
        RelupPlan relup = change("counter", "1.0.0", "1.1.0");
        UpgradePlan plan = Planner.plan(new Planner.Input("demo-1.0.0", "demo-1.1.0", false, relup,
                apps(COUNTER_10), apps(COUNTER_11), SysConfig.empty(), SysConfig.empty(),
                Map.of(), Map.of("counter", COUNTER_TREE), 5_000));
        assertEquals(List.of(
                "1. commit",
                "2. restart application counter on counter@1.1.0"), plan.describe());
    }

    @Test
    void restartInstructionsAndRestartNodeAreHonoured() {
        RelupPlan relup = new RelupPlan(Version.parse("1.0.0"), FP, List.of(
                new RelupStep.ChangeApplication("counter", v("1.0.0"), v("1.1.0"), List.of(
                        new Instruction.Restart("counter"), new Instruction.RestartNode()))));
        UpgradePlan plan = Planner.plan(new Planner.Input("demo-1.0.0", "demo-1.1.0", false, relup,
                apps(COUNTER_10), apps(COUNTER_11), SysConfig.empty(), SysConfig.empty(),
                running("counter", COUNTER_TREE), Map.of("counter", COUNTER_TREE), 5_000));
        assertEquals(List.of(
                "1. check that counter has no old code left (soft purge)",
                "2. switch counter and its supervisors to counter@1.1.0",
                "3. commit",
                "4. restart server counter/counter",
                "5. soft purge of counter's old code"), plan.describe());
        assertTrue(plan.restartNode());
    }

    @Test
    void planCheckRefusesInconsistentPlans() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UpgradePlan("a", "b", false, List.of(
                new Step.Suspend(Map.of("kv/store", 100L)),
                new Step.CodeChange("kv", "other", null, false),
                new Step.StopApp("kv"),
                new Step.Commit()), false, List.of()));
        assertEquals("plan a -> b is inconsistent: step 2 (code change of kv/other) changes code of kv/other, which is not "
                + "suspended; step 3 (stop application kv) cannot be undone but stands before the commit; "
                + "server(s) kv/store are suspended and never resumed", e.getMessage());
    }

    private static RelupPlan change(String app, String from, String to) {
        return new RelupPlan(Version.parse("1.0.0"), FP, List.of(new RelupStep.ChangeApplication(app, v(from), v(to), List.of())));
    }

    private static Version v(String text) {
        return Version.parse(text);
    }

    private static ChildSpec server(String name) {
        return new ChildSpec(name, "x." + name, null, RestartType.PERMANENT, 5_000);
    }

    private static ChildSpec sup(String name, SupervisorSpec subtree) {
        return ChildSpec.supervisor(name, subtree);
    }

    private static SupervisorSpec tree(ChildSpec... children) {
        return new SupervisorSpec(RestartStrategy.ONE_FOR_ONE, 3, 5_000, List.of(children));
    }

    private static Map<String, Planner.RunningTree> running(Object... appTree) {
        Map<String, Planner.RunningTree> m = new LinkedHashMap<>();
        for (int i = 0; i < appTree.length; i += 2) {
            m.put((String) appTree[i], new Planner.RunningTree(false, (SupervisorSpec) appTree[i + 1]));
        }
        return m;
    }

    private static AppSpec app(String name, String version, List<String> dependsOn) {
        return new AppSpec(name, Version.parse(version), null, name + ".App", Map.of(), dependsOn, List.of(name + ".jar"));
    }

    private static Map<String, AppSpec> apps(AppSpec... specs) {
        Map<String, AppSpec> m = new LinkedHashMap<>();
        for (AppSpec s : specs) {
            m.put(s.name(), s);
        }
        return m;
    }
}
