package dev.hotrel.runtime;

import dev.hotrel.api.Hotrel;
import dev.hotrel.runtime.app.ApplicationStatus;
import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.server.ServerProcess;
import dev.hotrel.runtime.server.ServerStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Supervision trees: subtrees, restart delays, failed restarts, and calls that would deadlock. */
class SupervisionTreeTest {

    private TestNode t;

    @BeforeEach
    void start() {
        t = new TestNode();
    }

    @AfterEach
    void stop() {
        System.clearProperty("fixture.tree.failinit.p2");
        t.close();
    }

    @Test
    void aSubtreeThatGivesUpIsRestartedByItsParentAsOneChild() {
        RunningApplication app = startTree(Map.of("poolMax", 1));
        assertEquals(List.of("top", "p1", "p2", "slow"), app.servers().stream().map(ServerProcess::name).toList());
        ServerProcess p1 = server("p1");
        ServerProcess p2 = server("p2");
        Hotrel.call("p2", "ping");

        crash("p1"); // the pool's one restart: one_for_all restarts p2 too
        TestWaits.await("pool restarted once", () -> p1.restarts() == 1 && p2.restarts() == 1 && up(p1) && up(p2));
        crash("p1"); // one more: the pool gives up, and the root restarts it as one child
        TestWaits.await("root restarted the pool", () -> p1.restarts() == 2 && p2.restarts() == 2 && up(p1) && up(p2));

        assertEquals(ApplicationStatus.RUNNING, app.status());
        assertEquals(0, server("top").restarts(), "one_for_one at the root: top untouched");
        assertEquals(1L, Hotrel.call("p2", "ping"), "p2 started afresh with the pool");
    }

    @Test
    void aRestartDelayKeepsTheChildDownThatLongAndItsCallsWaitForIt() throws Exception {
        startTree(Map.of("delay", 400));
        ServerProcess slow = server("slow");
        long crashed = System.nanoTime();
        crash("slow");
        CompletableFuture<Object> queued = CompletableFuture.supplyAsync(() -> Hotrel.call("slow", "ping", 10, TimeUnit.SECONDS));
        TestWaits.await("slow restarted", () -> up(slow));
        long downMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - crashed);
        assertTrue(downMillis >= 400, "restarted after " + downMillis + " ms, before its 400 ms delay");
        assertEquals(1L, queued.get(10, TimeUnit.SECONDS), "the call made while it was down was answered by the restart");
    }

    @Test
    void aFailedRestartNamesTheChildThatFailedToStart() {
        RunningApplication app = startTree(Map.of("poolMax", 5, "rootMax", 0));
        System.setProperty("fixture.tree.failinit.p2", "yes");
        crash("p1"); // one_for_all: p2 must restart too, and cannot
        TestWaits.await("the application to fail", () -> app.status() == ApplicationStatus.FAILED);
        assertTrue(app.failure().contains("restart of server p2 failed: p2 cannot start (as asked)"), app.failure());
    }

    @Test
    void aCallThatWouldCloseACycleIsRefusedAtOnceNamingIt() {
        startTree(Map.of());
        Object reply = Hotrel.call("top", "relay:p1:relay:top:ping");
        assertEquals("refused: call from 'p1' to 'top' would deadlock: p1 waits on top waits on p1; make one of these a "
                + "cast, or reply without calling back", reply);
        assertEquals(ServerStatus.RUNNING, server("top").status());
        assertEquals(ServerStatus.RUNNING, server("p1").status());
    }

    /** Termination owns the server: terminate never runs beside a late handler, and runs once, after it. */
    @Test
    void terminateNeverRunsBesideAMessageStillBeingHandledAndRunsOnceAfterIt() throws Exception {
        RunningApplication app = startTree(Map.of());
        ServerProcess top = server("top");
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
        List<String> terminated = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        System.getProperties().put("fixture.tree.holding", holding);
        System.getProperties().put("fixture.tree.hold", hold);
        System.getProperties().put("fixture.tree.terminated", terminated);
        try {
            CompletableFuture<Object> late = CompletableFuture.supplyAsync(() -> Hotrel.call("top", "hold", 30, TimeUnit.SECONDS));
            assertTrue(holding.await(10, TimeUnit.SECONDS));

            assertFalse(top.terminate("shutdown", 20, TimeUnit.MILLISECONDS), "the handler is still running");
            assertEquals(List.of(), terminated, "terminate ran beside the handler");

            hold.countDown();
            assertEquals(1L, late.get(10, TimeUnit.SECONDS), "the late handler's reply still reaches its caller");
            TestWaits.await("the late handler to end the incarnation", () -> terminated.size() == 1);
            assertEquals("top:shutdown:1", terminated.get(0), "terminate saw the state the late handler left");

            app.supervisor().restart("top", "fresh"); // the ended incarnation is not terminated again
            assertEquals(1L, Hotrel.call("top", "ping"), "a fresh incarnation");
            app.supervisor().restart("top", "again");
            assertEquals(List.of("top:shutdown:1", "top:again:1"), terminated, "each incarnation terminated exactly once");
        } finally {
            System.getProperties().remove("fixture.tree.holding");
            System.getProperties().remove("fixture.tree.hold");
            System.getProperties().remove("fixture.tree.terminated");
        }
    }

    private RunningApplication startTree(Map<String, Object> config) {
        return t.node.startApplication(t.load("tree", "1.0.0"), "fixture.tree.TreeApp", config);
    }

    private ServerProcess server(String name) {
        return t.node.registry().lookup(name);
    }

    private static boolean up(ServerProcess s) {
        return s.status() == ServerStatus.RUNNING;
    }

    private static void crash(String name) {
        assertThrows(RuntimeException.class, () -> Hotrel.call(name, "crash"));
    }
}
