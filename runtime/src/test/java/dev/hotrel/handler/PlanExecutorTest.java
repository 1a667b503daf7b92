package dev.hotrel.handler;

import dev.hotrel.api.Hotrel;
import dev.hotrel.handler.exec.AppTarget;
import dev.hotrel.handler.exec.InstallFailedException;
import dev.hotrel.handler.exec.InstallReport;
import dev.hotrel.handler.exec.PlanExecutor;
import dev.hotrel.handler.exec.StepListener;
import dev.hotrel.handler.plan.Step;
import dev.hotrel.handler.plan.UpgradePlan;
import dev.hotrel.runtime.FixtureGate;
import dev.hotrel.runtime.FixtureJars;
import dev.hotrel.runtime.Node;
import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.code.AppVersion;
import dev.hotrel.runtime.purge.PurgeMode;
import dev.hotrel.runtime.server.ServerProcess;
import dev.hotrel.runtime.server.ServerStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanExecutorTest {

    private static final Map<String, Object> CONFIG = Map.of("servers", List.of("a", "b"), "echo", true);

    private Node node;
    private RunningApplication app;

    @BeforeEach
    void start() {
        node = Node.start();
        app = node.startApplication(load("counter", "1.0.0"), "fixture.counter.CounterApp", CONFIG);
        Hotrel.call("a", "set:5");
        Hotrel.call("b", "append:kept");
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void upgradePlanMovesEveryServerAndPurgesOldCode() {
        InstallReport report = new PlanExecutor(node).run(upPlan(), targets(), StepListener.NONE);
        assertEquals(List.of("counter/a", "counter/b", "counter/echo"), report.moved());
        assertEquals(List.of(), report.warnings());
        assertEquals(3, report.pauses().size());
        assertEquals("1.1.0", Hotrel.call("a", "version"));
        assertEquals(6L, Hotrel.call("a", "next"));
        assertEquals(List.of("kept"), Hotrel.call("b", "history"));
        assertNull(app.old(), "old code purged after commit");
        assertEquals("hi", app.config().get("greeting"), "configuration changed as a step");
    }

    @Test
    void aFailureAtAnyStepBeforeTheCommitUndoesEverythingInProcess() {
        UpgradePlan plan = upPlan();
        int commit = plan.steps().indexOf(new Step.Commit()) + 1;
        for (int failAt = 1; failAt <= commit; failAt++) {
            int at = failAt;
            AppVersion before = app.current();
            Object stateA = node.registry().lookup("a").inspect(s -> s, 1, TimeUnit.SECONDS);
            InstallFailedException e = assertThrows(InstallFailedException.class, () -> new PlanExecutor(node).run(plan, targets(),
                    (index, count, step) -> {
                        if (index == at) {
                            throw new IllegalStateException("injected at " + index);
                        }
                    }));
            assertEquals(at, e.step());
            assertTrue(e.getMessage().startsWith("install demo-1.1.0 failed at step " + at + "/" + plan.steps().size()),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("IllegalStateException: injected at " + at + "; rolled back"), e.getMessage());
            assertSame(before, app.current());
            assertNull(app.old());
            for (ServerProcess s : app.servers()) {
                assertEquals(ServerStatus.RUNNING, s.status(), s.name() + " after failing at " + at);
                assertSame(before, s.code().version());
            }
            assertSame(stateA, node.registry().lookup("a").inspect(s -> s, 1, TimeUnit.SECONDS), "the very same state");
            assertEquals("1.0.0", Hotrel.call("a", "version"));
            assertEquals(5L, Hotrel.call("a", "get"));
            assertEquals(CONFIG, app.config(), "configuration restored");
        }
    }

    @Test
    void aThrowingCodeChangeRollsBackServersAlreadyMoved() {
        Hotrel.call("b", "set:13"); // 1.1.0's codeChange refuses 13; a moves first, then b fails
        InstallFailedException e = assertThrows(InstallFailedException.class,
                () -> new PlanExecutor(node).run(upPlan(), targets(), StepListener.NONE));
        assertTrue(e.getMessage().contains("(code change of counter/b): CodeChangeException: code change of server b from "
                + "counter@1.0.0 to counter@1.1.0 failed: java.lang.IllegalArgumentException: unlucky state: 13"), e.getMessage());
        assertEquals("1.0.0", Hotrel.call("a", "version"));
        assertEquals(5L, Hotrel.call("a", "get"));
        assertEquals(13L, Hotrel.call("b", "get"));
        assertNull(app.old());
    }

    @Test
    void aServerRestartedDuringTheInstallCountsAsMovedAndIsPutBackOnARollback() {
        UpgradePlan plan = upPlan();
        int codeChangeOfB = plan.describe().indexOf(plan.describe().stream()
                .filter(l -> l.endsWith("code change of counter/b")).findFirst().orElseThrow()) + 1;
        // b dies and its supervisor restarts it just before its code change: on the new code already.
        StepListener restartB = (index, count, step) -> {
            if (index == codeChangeOfB) {
                app.supervisor().restart("b", "killed during the install");
            }
        };
        InstallReport report = new PlanExecutor(node).run(plan, targets(), restartB);
        assertTrue(report.moved().contains("counter/b"), report.moved().toString());
        assertEquals("1.1.0", Hotrel.call("b", "version"));
        assertEquals(List.of(), report.warnings(), "nothing runs the old code: the purge went through");
    }

    @Test
    void aServerRestartedOnNewCodeGoesBackToOldCodeWhenTheInstallFails() {
        UpgradePlan plan = upPlan();
        List<String> lines = plan.describe();
        int codeChangeOfB = lines.indexOf(lines.stream().filter(l -> l.endsWith("code change of counter/b")).findFirst().orElseThrow()) + 1;
        int commit = lines.indexOf(lines.stream().filter(l -> l.endsWith(". commit")).findFirst().orElseThrow()) + 1;
        StepListener restartThenFail = (index, count, step) -> {
            if (index == codeChangeOfB) {
                app.supervisor().restart("b", "killed during the install");
            } else if (index == commit) {
                throw new IllegalStateException("injected");
            }
        };
        assertThrows(InstallFailedException.class, () -> new PlanExecutor(node).run(plan, targets(), restartThenFail));
        assertEquals("1.0.0", Hotrel.call("b", "version"), "the stray on new code was restarted on the old");
        assertEquals("1.0.0", Hotrel.call("a", "version"));
        assertEquals(5L, Hotrel.call("a", "get"));
        for (ServerProcess s : app.servers()) {
            assertEquals(ServerStatus.RUNNING, s.status(), s.name());
        }
    }

    @Test
    void anErrorFromCodeChangeIsUndoneLikeAnyFailure() {
        List<String> all = List.of("counter/a", "counter/b", "counter/echo");
        UpgradePlan plan = plan(List.of(new Step.Suspend(timeouts(all, 1_000)), new Step.SwitchCode("counter", "1.1.0"),
                new Step.CodeChange("counter", "a", null, false), new Step.CodeChange("counter", "b", "error", false),
                new Step.Commit(), new Step.Resume(all)));
        InstallFailedException e = assertThrows(InstallFailedException.class,
                () -> new PlanExecutor(node).run(plan, targets(), StepListener.NONE));
        assertTrue(e.getMessage().contains("AssertionError: codeChange asked to throw an Error"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; rolled back"), e.getMessage());
        for (ServerProcess s : app.servers()) {
            assertEquals(ServerStatus.RUNNING, s.status(), s.name());
        }
        assertEquals("1.0.0", Hotrel.call("a", "version"));
        assertEquals(5L, Hotrel.call("a", "get"));
        assertNull(app.old());
    }

    @Test
    void aSuspendTimeoutFailsTheInstallAndResumesEveryone() throws Exception {
        try (FixtureGate gate = new FixtureGate()) {
            Thread busy = new Thread(() -> Hotrel.call("a", gate.request(), 30, TimeUnit.SECONDS));
            busy.start();
            gate.awaitEntered();
            UpgradePlan plan = plan(List.of(new Step.PurgeLeftover("counter"),
                    new Step.Suspend(timeouts(List.of("counter/a", "counter/b", "counter/echo"), 100)),
                    new Step.SwitchCode("counter", "1.1.0"), new Step.Commit(),
                    new Step.Resume(List.of("counter/a", "counter/b", "counter/echo"))));
            InstallFailedException e = assertThrows(InstallFailedException.class,
                    () -> new PlanExecutor(node).run(plan, targets(), StepListener.NONE));
            assertTrue(e.getMessage().contains("server(s) a did not finish their current message within 100 ms "
                    + "(a is busy with its current message)"), e.getMessage());
            gate.open();
            busy.join();
        }
        for (ServerProcess s : app.servers()) {
            assertEquals(ServerStatus.RUNNING, s.status());
        }
        assertEquals(5L, Hotrel.call("a", "get"));
    }

    private UpgradePlan upPlan() {
        List<String> all = List.of("counter/a", "counter/b", "counter/echo");
        return plan(List.of(
                new Step.PurgeLeftover("counter"),
                new Step.Suspend(timeouts(all, 1_000)),
                new Step.SwitchCode("counter", "1.1.0"),
                new Step.CodeChange("counter", "a", null, false),
                new Step.CodeChange("counter", "b", null, false),
                new Step.CodeChange("counter", "echo", null, false),
                new Step.Commit(),
                new Step.Resume(all),
                new Step.ConfigChange("counter", CONFIG, withGreeting()),
                new Step.Purge("counter", PurgeMode.SOFT)));
    }

    private static Map<String, Object> withGreeting() {
        Map<String, Object> config = new java.util.HashMap<>(CONFIG);
        config.put("greeting", "hi");
        return config;
    }

    private static UpgradePlan plan(List<Step> steps) {
        return new UpgradePlan("demo-1.0.0", "demo-1.1.0", false, steps, false, List.of());
    }

    private static Map<String, Long> timeouts(List<String> servers, long millis) {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        servers.forEach(s -> m.put(s, millis));
        return m;
    }

    private AppVersion staged;

    private Map<String, AppTarget> targets() {
        if (staged == null) {
            staged = load("counter", "1.1.0");
        }
        return Map.of("counter", new AppTarget(staged, "fixture.counter.CounterApp", CONFIG, null, null));
    }

    private AppVersion load(String app, String version) {
        return node.load(app, version, List.of(FixtureJars.jar(app, version)));
    }
}
