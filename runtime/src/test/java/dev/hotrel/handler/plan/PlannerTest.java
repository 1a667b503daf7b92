package dev.hotrel.handler.plan;

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

/** Golden plans: the exact step lists for an upgrade and its downgrade. */
class PlannerTest {

    private static final String FP = "sha256:" + "0".repeat(64);

    // kv 1.0.0 has store + sessions; kv 1.1.0 adds expiry and drops sessions. metrics is new in 2.0.0.
    private static final AppSpec KV_10 = app("kv", "1.0.0", servers("store", "kv.Store", "sessions", "kv.Sessions"), List.of());
    private static final AppSpec KV_11 = app("kv", "1.1.0", servers("store", "kv.Store", "expiry", "kv.Expiry"), List.of());
    private static final AppSpec COUNTER_10 = app("counter", "1.0.0", servers("counter", "c.Counter"), List.of());
    private static final AppSpec COUNTER_11 = app("counter", "1.1.0", servers("counter", "c.Counter"), List.of());
    private static final AppSpec METRICS_10 = app("metrics", "1.0.0", servers("metrics", "m.Metrics"), List.of("counter"));

    @Test
    void upgradeMovesEveryServerOfAChangedApplicationAndDoesTheIrreversibleAfterTheCommit() {
        RelupPlan relup = new RelupPlan(Version.parse("1.0.0"), FP, List.of(
                new RelupStep.ChangeApplication("counter", v("1.0.0"), v("1.1.0"), List.of(
                        new Instruction.Update("counter", PurgeMode.SOFT, 2_000L, Map.of("step", 2)))),
                new RelupStep.ChangeApplication("kv", v("1.0.0"), v("1.1.0"), List.of(
                        new Instruction.Update("store", PurgeMode.BRUTAL, null, null),
                        new Instruction.Apply("kv.Migrate", "run", List.of("x")))),
                new RelupStep.AddApplication("metrics", v("1.0.0"))));
        UpgradePlan plan = Planner.plan(new Planner.Input("demo-1.0.0", "demo-2.0.0", false, relup,
                apps(COUNTER_10, KV_10), apps(COUNTER_11, KV_11, METRICS_10),
                SysConfig.empty(), SysConfig.of(Map.of("kv", Map.of("ttl", 30))), 5_000));

        assertEquals(List.of(
                "1. check that counter has no old code left (soft purge)",
                "2. check that kv has no old code left (soft purge)",
                "3. start application metrics@1.0.0",
                "4. suspend counter/counter (timeout 2000 ms)",
                "5. suspend kv/store (timeout 5000 ms)",
                "6. switch counter to counter@1.1.0",
                "7. code change of counter/counter (extra {step=2})",
                "8. switch kv to kv@1.1.0",
                "9. code change of kv/store",
                "10. add server kv/expiry",
                "11. apply kv.Migrate.run(x) in kv",
                "12. change the configuration of kv",
                "13. commit",
                "14. resume kv/store, counter/counter",
                "15. remove server kv/sessions",
                "16. soft purge of counter's old code",
                "17. brutal purge of kv's old code"), plan.describe());
        assertFalse(plan.downgrade());
        assertFalse(plan.restartNode());
    }

    @Test
    void downgradeRunsTheDownToInstructionsAndStopsWhatTheOlderReleaseLacks() {
        RelupPlan relup = new RelupPlan(Version.parse("1.0.0"), FP, List.of(
                new RelupStep.RemoveApplication("metrics", v("1.0.0")),
                new RelupStep.ChangeApplication("kv", v("1.1.0"), v("1.0.0"), List.of(
                        new Instruction.Update("store", PurgeMode.SOFT, null, "down")))));
        UpgradePlan plan = Planner.plan(new Planner.Input("demo-2.0.0", "demo-1.0.0", true, relup,
                apps(KV_11, METRICS_10), apps(KV_10), SysConfig.empty(), SysConfig.empty(), 5_000));

        assertEquals(List.of(
                "1. check that kv has no old code left (soft purge)",
                "2. suspend kv/store (timeout 5000 ms)",
                "3. switch kv to kv@1.0.0",
                "4. code change of kv/store (extra down)",
                "5. add server kv/sessions",
                "6. commit",
                "7. resume kv/store",
                "8. remove server kv/expiry",
                "9. stop application metrics",
                "10. soft purge of kv's old code"), plan.describe());
        assertTrue(plan.downgrade());
    }

    @Test
    void restartInstructionsAndRestartNodeAreHonoured() {
        RelupPlan relup = new RelupPlan(Version.parse("1.0.0"), FP, List.of(
                new RelupStep.ChangeApplication("counter", v("1.0.0"), v("1.1.0"), List.of(
                        new Instruction.Restart("counter"), new Instruction.RestartNode()))));
        UpgradePlan plan = Planner.plan(new Planner.Input("demo-1.0.0", "demo-1.1.0", false, relup,
                apps(COUNTER_10), apps(COUNTER_11), SysConfig.empty(), SysConfig.empty(), 5_000));
        assertEquals(List.of(
                "1. check that counter has no old code left (soft purge)",
                "2. switch counter to counter@1.1.0",
                "3. commit",
                "4. restart server counter/counter",
                "5. soft purge of counter's old code"), plan.describe());
        assertTrue(plan.restartNode());
    }

    @Test
    void planCheckRefusesInconsistentPlans() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UpgradePlan("a", "b", false, List.of(
                new Step.Suspend(List.of("kv/store"), 100),
                new Step.CodeChange("kv", "other", null),
                new Step.StopApp("kv"),
                new Step.Commit()), false));
        assertEquals("plan a -> b is inconsistent: step 2 (code change of kv/other) changes code of kv/other, which is not "
                + "suspended; step 3 (stop application kv) cannot be undone but stands before the commit; "
                + "server(s) kv/store are suspended and never resumed", e.getMessage());
    }

    private static Version v(String text) {
        return Version.parse(text);
    }

    private static Map<String, String> servers(String... nameClass) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameClass.length; i += 2) {
            m.put(nameClass[i], nameClass[i + 1]);
        }
        return m;
    }

    private static AppSpec app(String name, String version, Map<String, String> servers, List<String> dependsOn) {
        return new AppSpec(name, Version.parse(version), null, name + ".App", servers, dependsOn, List.of(name + ".jar"));
    }

    private static Map<String, AppSpec> apps(AppSpec... specs) {
        Map<String, AppSpec> m = new LinkedHashMap<>();
        for (AppSpec s : specs) {
            m.put(s.name(), s);
        }
        return m;
    }
}
