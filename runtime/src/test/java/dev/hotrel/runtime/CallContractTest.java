package dev.hotrel.runtime;

import dev.hotrel.api.CallException;
import dev.hotrel.api.CallTimeoutException;
import dev.hotrel.api.Hotrel;
import dev.hotrel.runtime.server.ServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What Hotrel.call promises holds on every path: the timeout, interrupts, and whose thread runs application code. */
class CallContractTest {

    private final TestNode t = new TestNode();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        System.getProperties().remove("fixture.tree.holding");
        System.getProperties().remove("fixture.tree.hold");
        t.close();
    }

    @Test
    void theTimeoutBoundsTheCallersWaitEvenWhenTheCallbackBlocks() throws Exception {
        startTree(Map.of());
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch hold = new CountDownLatch(1);
        System.getProperties().put("fixture.tree.holding", holding);
        System.getProperties().put("fixture.tree.hold", hold);
        // Where the callback ran on the caller's thread, this call would block until released: let go
        // after 10 s so that such a runtime fails this test instead of hanging it.
        java.util.concurrent.CompletableFuture.delayedExecutor(10, TimeUnit.SECONDS).execute(hold::countDown);
        assertThrows(CallTimeoutException.class, () -> Hotrel.call("top", "hold", 100, TimeUnit.MILLISECONDS));
        assertEquals(1, hold.getCount(), "the call returned while its callback was still blocked");
        hold.countDown();
        TestWaits.await("the held message to finish", () -> !t.node.registry().lookup("top").isHandling());
        assertEquals(2L, Hotrel.call("top", "ping"), "the timed-out request was still handled, once");
    }

    @Test
    void anInterruptedCallerEndsOnlyItsOwnWaitNotTheServersChannels() throws Exception {
        Path file = Files.writeString(dir.resolve("data"), "x");
        startTree(Map.of("file", file.toString()));
        ServerProcess filer = t.node.registry().lookup("filer");
        Thread.currentThread().interrupt();
        try {
            assertThrows(CallException.class, () -> Hotrel.call("filer", "read"));
        } finally {
            Thread.interrupted();
        }
        assertEquals(true, Hotrel.call("filer", "read"), "the server's FileChannel is still open");
        assertEquals(0, filer.restarts(), "the server did not crash");
    }

    @Test
    void applicationCodeRunsOnNodeThreadsNeverOnTheCallers() {
        String caller = Thread.currentThread().getName();
        startTree(Map.of());
        assertTrue(System.getProperty("fixture.tree.initthread.top").startsWith("hotrel-server-"),
                "init ran on " + System.getProperty("fixture.tree.initthread.top"));
        Object ran = Hotrel.call("top", "tl"); // sets a ThreadLocal of the application's where it runs
        assertNotEquals(caller, ran, "a callback's ThreadLocal landed on the caller's thread");
        assertTrue(String.valueOf(ran).startsWith("hotrel-server-"), String.valueOf(ran));

        assertThrows(RuntimeException.class, () -> Hotrel.call("top", "crash"));
        TestWaits.await("the crash's terminate", () -> System.getProperty("fixture.tree.terminatethread.top") != null);
        assertTrue(System.getProperty("fixture.tree.terminatethread.top").startsWith("hotrel-server-"),
                "terminate of a crash ran on " + System.getProperty("fixture.tree.terminatethread.top"));
    }

    private void startTree(Map<String, Object> config) {
        System.clearProperty("fixture.tree.initthread.top");
        System.clearProperty("fixture.tree.terminatethread.top");
        t.node.startApplication(t.load("tree", "1.0.0"), "fixture.tree.TreeApp", config);
    }
}
