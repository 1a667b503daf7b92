package dev.hotrel.handler;

import dev.hotrel.api.ChildSpec;
import dev.hotrel.api.Hotrel;
import dev.hotrel.api.RestartStrategy;
import dev.hotrel.api.RestartType;
import dev.hotrel.api.SupervisorSpec;
import dev.hotrel.handler.exec.AppTarget;
import dev.hotrel.handler.exec.InstallFailedException;
import dev.hotrel.handler.exec.InstallReport;
import dev.hotrel.handler.exec.PlanExecutor;
import dev.hotrel.handler.exec.StepListener;
import dev.hotrel.handler.plan.Step;
import dev.hotrel.handler.plan.UpgradePlan;
import dev.hotrel.release.Instruction;
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

    @Test
    void anApplyIsTakenBackByTheUndoItsAppupGivesWhenALaterStepFails() {
        InstallFailedException e = assertThrows(InstallFailedException.class, () -> new PlanExecutor(node).run(
                withApply("t1", new Instruction.Call("fixture.counter.Hooks", "uncheck", List.of("t1"))), targets(), failAtCommit()));
        assertEquals("undone", System.getProperty("fixture.applied.t1"), "the undo ran");
        assertTrue(e.getMessage().endsWith("IllegalStateException: injected; rolled back"), e.getMessage());
        assertEquals(List.of(), e.notUndone());
        assertEquals("1.0.0", Hotrel.call("a", "version"));
        assertEquals(5L, Hotrel.call("a", "get"));
    }

    @Test
    void anApplyWithoutUndoStaysDoneAndTheRollbackSaysSo() {
        InstallFailedException e = assertThrows(InstallFailedException.class, () -> new PlanExecutor(node).run(
                withApply("t2", null), targets(), failAtCommit()));
        assertEquals("yes", System.getProperty("fixture.applied.t2"), "nothing the node could undo");
        String apply = "apply fixture.counter.Hooks.check(\"t2\") in counter (no undo: a rollback leaves its effects)";
        assertEquals(List.of(apply), e.notUndone());
        assertTrue(e.getMessage().endsWith("IllegalStateException: injected; rolled back; not undone, as its appup gives no "
                + "undo (its effects are the application's): " + apply), e.getMessage());
        assertEquals("1.0.0", Hotrel.call("a", "version"), "everything else was undone");
    }

    @Test
    void anApplyThatThrowsLeavesNothingForItsUndo() {
        System.setProperty("fixture.fail.t3", "yes");
        try {
            InstallFailedException e = assertThrows(InstallFailedException.class, () -> new PlanExecutor(node).run(
                    withApply("t3", new Instruction.Call("fixture.counter.Hooks", "uncheck", List.of("t3"))), targets(),
                    StepListener.NONE));
            assertTrue(e.getMessage().contains("apply t3 asked to fail; rolled back"), e.getMessage());
            assertNull(System.getProperty("fixture.applied.t3"), "its undo was not called");
        } finally {
            System.clearProperty("fixture.fail.t3");
        }
    }

    @Test
    void anUndoThatFailsIsReportedAndTheRestIsStillUndone() {
        InstallFailedException e = assertThrows(InstallFailedException.class, () -> new PlanExecutor(node).run(
                withApply("t4", new Instruction.Call("fixture.counter.Hooks", "nowhere", List.of("t4"))), targets(), failAtCommit()));
        assertTrue(e.getMessage().endsWith("IllegalStateException: injected; rolled back with problems: call "
                + "fixture.counter.Hooks.nowhere(\"t4\") in counter@1.1.0: IllegalStateException: cannot call "
                + "fixture.counter.Hooks.nowhere with 1 string argument(s) in counter@1.1.0: java.lang.NoSuchMethodException: "
                + "fixture.counter.Hooks.nowhere(java.lang.String)"), e.getMessage());
        assertEquals("1.0.0", Hotrel.call("a", "version"));
        assertNull(app.old());
    }

    @Test
    void anAddedSubtreeWhoseThirdChildFailsToStartLeavesNothingRunning() {
        // counter 1.1.0's tree adds a subtree 'extra' of three counters; e3's init fails (once).
        List<ChildSpec> children = new java.util.ArrayList<>(app.supervisor().spec().children());
        children.add(ChildSpec.supervisor("extra", new SupervisorSpec(RestartStrategy.ONE_FOR_ONE, 3, 5_000, List.of(
                counter("e1"), counter("e2"), counter("e3")))));
        SupervisorSpec tree = new SupervisorSpec(RestartStrategy.ONE_FOR_ONE, 10, 10_000, children);
        Map<String, AppTarget> targets = Map.of("counter", new AppTarget(stagedCounter(), "fixture.counter.CounterApp", CONFIG,
                null, tree));
        List<String> all = List.of("counter/a", "counter/b", "counter/echo");
        UpgradePlan plan = plan(List.of(new Step.Suspend(timeouts(all, 1_000)), new Step.SwitchCode("counter", "1.1.0"),
                new Step.CodeChange("counter", "a", null, false), new Step.CodeChange("counter", "b", null, false),
                new Step.CodeChange("counter", "echo", null, false), new Step.AddChild("counter", "", "extra", true),
                new Step.Commit(), new Step.Resume(all)));
        System.setProperty("fixture.failinit.once.e3", "yes");
        try {
            InstallFailedException e = assertThrows(InstallFailedException.class,
                    () -> new PlanExecutor(node).run(plan, targets, StepListener.NONE));
            assertTrue(e.getMessage().contains("(add supervisor counter/extra with its children): IllegalStateException: "
                    + "application counter could not start server e3: e3 cannot start (as asked, once); rolled back"), e.getMessage());
        } finally {
            System.clearProperty("fixture.failinit.once.e3");
        }
        for (String started : List.of("e1", "e2", "e3")) {
            assertNull(node.registry().find(started), started + " was started and must be gone");
        }
        assertEquals(List.of("a", "b", "echo"), app.servers().stream().map(ServerProcess::name).toList());
        assertTrue(app.supervisor().subtree("extra").isEmpty());
        for (ServerProcess s : app.servers()) {
            assertEquals(ServerStatus.RUNNING, s.status(), s.name());
            assertEquals("1.0.0", s.code().version().version(), s.name());
        }
        assertEquals(5L, Hotrel.call("a", "get"));
    }

    @Test
    void anAddedApplicationWhoseTreeFailsAfterSomeServersStartedLeavesNothingRunningAndIsStopped() {
        // tree's start class ran (its side effect is on), top and the pool p1, p2 started, then slow fails.
        AppTarget tree = new AppTarget(load("tree", "1.0.0"), "fixture.tree.TreeApp", Map.of(), null, null);
        UpgradePlan plan = plan(List.of(new Step.StartApp("tree", "1.0.0"), new Step.Commit()));
        System.setProperty("fixture.tree.failinit.slow", "yes");
        System.clearProperty("fixture.tree.running");
        try {
            InstallFailedException e = assertThrows(InstallFailedException.class,
                    () -> new PlanExecutor(node).run(plan, Map.of("tree", tree), StepListener.NONE));
            assertTrue(e.getMessage().contains("(start application tree@1.0.0): IllegalStateException: application tree could not "
                    + "start server slow: slow cannot start (as asked); rolled back"), e.getMessage());
        } finally {
            System.clearProperty("fixture.tree.failinit.slow");
        }
        assertTrue(node.application("tree").isEmpty());
        for (String started : List.of("top", "p1", "p2", "slow")) {
            assertNull(node.registry().find(started), started + " must be gone");
        }
        assertEquals("no", System.getProperty("fixture.tree.running"), "its start ran, so its stop must run too");
    }

    @Test
    void aSwitchWhoseNewTreeCannotBePutInForceChangesNothing() {
        // counter 1.1.0's tree would turn server b into a supervisor: refused after the switch and the new configuration.
        SupervisorSpec before = app.supervisor().spec();
        SupervisorSpec tree = new SupervisorSpec(RestartStrategy.ONE_FOR_ALL, 1, 1_000, List.of(counter("a"),
                ChildSpec.supervisor("b", new SupervisorSpec(RestartStrategy.ONE_FOR_ONE, 3, 5_000, List.of(counter("b2")))),
                new ChildSpec("echo", "fixture.counter.Echo", null, RestartType.PERMANENT, 5_000)));
        Map<String, Object> config = new java.util.HashMap<>(CONFIG);
        config.put("greeting", "hi");
        Map<String, AppTarget> targets = Map.of("counter", new AppTarget(stagedCounter(), "fixture.counter.CounterApp", config,
                null, tree));
        List<String> all = List.of("counter/a", "counter/b", "counter/echo");
        UpgradePlan plan = plan(List.of(new Step.Suspend(timeouts(all, 1_000)), new Step.SwitchCode("counter", "1.1.0"),
                new Step.Commit(), new Step.Resume(all)));
        InstallFailedException e = assertThrows(InstallFailedException.class,
                () -> new PlanExecutor(node).run(plan, targets, StepListener.NONE));
        assertTrue(e.getMessage().contains("(switch counter and its supervisors to counter@1.1.0): IllegalStateException: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; rolled back"), e.getMessage());
        assertEquals("1.0.0", app.current().version());
        assertNull(app.old());
        assertEquals(CONFIG, app.config());
        assertEquals(before, app.supervisor().spec());
        for (ServerProcess s : app.servers()) {
            assertEquals(ServerStatus.RUNNING, s.status(), s.name());
        }
        assertEquals(5L, Hotrel.call("a", "get"));
    }

    private static ChildSpec counter(String name) {
        return new ChildSpec(name, "fixture.counter.Counter", name, RestartType.PERMANENT, 5_000);
    }

    /** The upgrade with an apply of {@code Hooks.check(name)} after the code changes. */
    private static UpgradePlan withApply(String name, Instruction.Call undo) {
        List<String> all = List.of("counter/a", "counter/b", "counter/echo");
        return plan(List.of(new Step.Suspend(timeouts(all, 1_000)), new Step.SwitchCode("counter", "1.1.0"),
                new Step.CodeChange("counter", "a", null, false), new Step.CodeChange("counter", "b", null, false),
                new Step.CodeChange("counter", "echo", null, false),
                new Step.Apply("counter", new Instruction.Call("fixture.counter.Hooks", "check", List.of(name)), undo),
                new Step.Commit(), new Step.Resume(all)));
    }

    private static StepListener failAtCommit() {
        return (index, count, step) -> {
            if (step instanceof Step.Commit) {
                throw new IllegalStateException("injected");
            }
        };
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
        return Map.of("counter", new AppTarget(stagedCounter(), "fixture.counter.CounterApp", CONFIG, null, null));
    }

    private AppVersion stagedCounter() {
        if (staged == null) {
            staged = load("counter", "1.1.0");
        }
        return staged;
    }

    private AppVersion load(String app, String version) {
        return node.load(app, version, List.of(FixtureJars.jar(app, version)));
    }
}
