package dev.hotrel.runtime;

import dev.hotrel.api.CallTimeoutException;
import dev.hotrel.api.Hotrel;
import dev.hotrel.api.NoSuchServerException;
import dev.hotrel.api.ServerDownException;
import dev.hotrel.runtime.server.ServerProcess;
import dev.hotrel.runtime.server.ServerStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerMessagingTest {

    private TestNode t;

    @BeforeEach
    void start() {
        t = new TestNode();
        t.startCounter("1.0.0", Map.of());
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void callToAnIdleServerRunsOnANodeThreadNeverTheCallers() {
        Object thread = Hotrel.call("counter", "thread");
        assertTrue(thread instanceof String name && name.startsWith("hotrel-server-"), String.valueOf(thread));
        assertEquals("counter", Hotrel.call("counter", "self"));
    }

    @Test
    void callToABusyServerWaitsInTheMailboxAndRunsOnAServerThread() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (FixtureGate gate = new FixtureGate()) {
            Future<Object> busy = pool.submit(() -> Hotrel.call("counter", gate.request(), 30, TimeUnit.SECONDS));
            gate.awaitEntered();
            ServerProcess counter = t.node.registry().lookup("counter");
            Future<List<Object>> queued = pool.submit(() -> List.of(Thread.currentThread().getName(),
                    Hotrel.call("counter", "thread", 30, TimeUnit.SECONDS)));
            TestNode.await("the second call to wait in the mailbox", Duration.ofSeconds(30), () -> counter.queueLength() == 1);
            assertFalse(queued.isDone(), "a call to a busy server was answered while it was busy");

            gate.open();
            assertEquals("opened", busy.get(30, TimeUnit.SECONDS));
            List<Object> callerAndHandler = queued.get(30, TimeUnit.SECONDS);
            assertNotEquals(callerAndHandler.get(0), callerAndHandler.get(1), "ran on its caller's thread");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void suspendedServerQueuesCallsAndCastsAndAnswersThemInOrderAfterResume() throws Exception {
        int threads = 4;
        int perThread = 200;
        ServerProcess counter = t.node.registry().lookup("counter");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch halfway = new CountDownLatch(threads);
        CountDownLatch suspended = new CountDownLatch(1);
        List<Future<?>> senders = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String who = "t" + i;
            senders.add(pool.submit(() -> {
                for (int n = 0; n < perThread; n++) {
                    if (n == perThread / 2) {
                        halfway.countDown();
                        await(suspended);
                    }
                    // Alternate casts and calls: both must keep this sender's order.
                    if (n % 2 == 0) {
                        Hotrel.cast("counter", "append:" + who + ":" + n);
                    } else {
                        Hotrel.call("counter", "append:" + who + ":" + n, 30, TimeUnit.SECONDS);
                    }
                }
                return null;
            }));
        }
        assertTrue(halfway.await(10, TimeUnit.SECONDS));
        assertTrue(counter.suspend(5, TimeUnit.SECONDS), "suspend");
        assertEquals(ServerStatus.SUSPENDED, counter.status());
        int handledAtSuspend = history(counter).size();
        suspended.countDown();
        TestNode.await("every sender to queue a message", Duration.ofSeconds(10), () -> counter.queueLength() >= threads);
        assertEquals(handledAtSuspend, history(counter).size(), "a suspended server handled a message");

        counter.resume();
        for (Future<?> f : senders) {
            f.get(30, TimeUnit.SECONDS);
        }
        @SuppressWarnings("unchecked")
        List<String> history = (List<String>) Hotrel.call("counter", "history");
        assertEquals(threads * perThread, history.size(), "lost or duplicated messages");
        assertEquals(threads * perThread, new HashSet<>(history).size(), "duplicated messages");
        for (int i = 0; i < threads; i++) {
            String prefix = "t" + i + ":";
            List<Integer> seen = history.stream().filter(h -> h.startsWith(prefix))
                    .map(h -> Integer.parseInt(h.substring(prefix.length()))).toList();
            for (int n = 0; n < perThread; n++) {
                assertEquals(n, seen.get(n), "order of sender t" + i);
            }
        }
        pool.shutdownNow();
    }

    @Test
    void unknownServerAndTimeoutGiveClearErrors() {
        NoSuchServerException none = assertThrows(NoSuchServerException.class, () -> Hotrel.call("nobody", "get"));
        assertEquals("no server named 'nobody' runs on this node", none.getMessage());

        ServerProcess counter = t.node.registry().lookup("counter");
        assertTrue(counter.suspend(1, TimeUnit.SECONDS));
        CallTimeoutException late = assertThrows(CallTimeoutException.class,
                () -> Hotrel.call("counter", "get", 50, TimeUnit.MILLISECONDS));
        assertTrue(late.getMessage().startsWith("call to 'counter' got no reply within 50 ms (server is suspended"),
                late.getMessage());
        counter.resume();
        assertEquals(0L, Hotrel.call("counter", "get"));
    }

    @Test
    void crashFailsTheCallAndQueuedMessagesWaitForTheRestartedServer() {
        ServerDownException down = assertThrows(ServerDownException.class, () -> Hotrel.call("counter", "crash"));
        assertTrue(down.getMessage().contains("asked to crash"), down.getMessage());
        TestNode.await("restart", Duration.ofSeconds(5),
                () -> t.node.registry().lookup("counter").status() == ServerStatus.RUNNING);
        assertEquals(1, t.node.registry().lookup("counter").restarts());

        // A cast crash followed by more mail from the same sender: the mail survives the crash.
        Hotrel.cast("counter", "crash");
        Hotrel.cast("counter", "add:5");
        TestNode.await("the second restart", Duration.ofSeconds(5),
                () -> t.node.registry().lookup("counter").restarts() == 2);
        assertEquals(5L, Hotrel.call("counter", "get"));
    }

    @Test
    void applicationTypesDoNotCrossIntoAnotherApplication() {
        t.node.startApplication(t.load("leaky", "1.1.0"), "fixture.leaky.LeakyApp", Map.of());
        Object counterState = Hotrel.call("counter", "state-object");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Hotrel.call("leaky", counterState));
        assertTrue(e.getMessage().contains("fixture.counter.CounterState from counter@1.0.0 cannot cross into application leaky"),
                e.getMessage());
        // JDK values cross freely.
        assertEquals("1.1.0", Hotrel.call("leaky", Set.of("anything")));
    }

    @Test
    void hotrelSelfOutsideAServerIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, Hotrel::self);
        assertEquals("Hotrel.self() works only inside a server callback", e.getMessage());
    }

    private static List<?> history(ServerProcess counter) {
        return (List<?>) counter.inspect(state -> {
            try {
                var f = state.getClass().getDeclaredField("history");
                f.setAccessible(true);
                return List.copyOf((List<?>) f.get(state));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }, 5, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
