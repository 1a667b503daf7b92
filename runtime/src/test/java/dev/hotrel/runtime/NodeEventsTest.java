package dev.hotrel.runtime;

import dev.hotrel.api.Hotrel;
import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.server.ServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Node events reach listeners on the node's event thread, in order, never under a lock of the node's. */
class NodeEventsTest {

    private final TestNode t = new TestNode();

    @AfterEach
    void stop() {
        System.getProperties().remove("fixture.tree.block.top");
        System.getProperties().remove("fixture.tree.entered.top");
        t.close();
    }

    /**
     * The lock-order deadlock of issue 10: an application starting (its init held open) while a
     * supervisor of another application stops a temporary child, and a listener that, like the
     * MBean reconciler, holds its own monitor while it asks the node for its applications.
     */
    @Test
    void aListenerAskingTheNodeCannotDeadlockAnApplicationThatIsStarting() throws Exception {
        Object monitor = new Object();
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        t.node.addListener(new NodeListener() {
            @Override
            public void serverStarted(ServerProcess server) {
                synchronized (monitor) {
                    threads.add(Thread.currentThread());
                    heard.add("started " + server.name());
                }
            }

            @Override
            public void serverStopped(ServerProcess server, String reason) {
                synchronized (monitor) {
                    t.node.applications();
                    heard.add("stopped " + server.name());
                }
            }
        });
        t.startCounter("1.0.0", Map.of("servers", List.of("t1"), "restart", "TEMPORARY"));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch block = new CountDownLatch(1);
        System.getProperties().put("fixture.tree.entered.top", entered);
        System.getProperties().put("fixture.tree.block.top", block);
        CompletableFuture<RunningApplication> starting = CompletableFuture.supplyAsync(() ->
                t.node.startApplication(t.load("tree", "1.0.0"), "fixture.tree.TreeApp", Map.of()));
        assertTrue(entered.await(10, TimeUnit.SECONDS), "top's init did not start");

        assertThrows(RuntimeException.class, () -> Hotrel.call("t1", "stop")); // a temporary child stops for good
        TestWaits.await("the listener to hear the stop while tree is still starting", () -> heard.contains("stopped t1"));

        block.countDown();
        RunningApplication tree = starting.get(10, TimeUnit.SECONDS);
        t.node.settleEvents();
        assertTrue(heard.contains("started top"), heard.toString());
        assertEquals(tree, t.node.application("tree").orElseThrow());
        for (Thread th : threads) {
            assertNotEquals(Thread.currentThread(), th);
            assertTrue(th.getName().startsWith("hotrel-events-"), "a listener ran on " + th.getName());
        }
    }
}
