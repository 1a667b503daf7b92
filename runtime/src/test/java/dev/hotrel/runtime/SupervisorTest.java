package dev.hotrel.runtime;

import dev.hotrel.api.Hotrel;
import dev.hotrel.api.NoSuchServerException;
import dev.hotrel.api.ServerDownException;
import dev.hotrel.runtime.app.ApplicationStatus;
import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.server.ServerStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SupervisorTest {

    private static final List<String> ABC = List.of("a", "b", "c");

    private TestNode t;

    @BeforeEach
    void start() {
        t = new TestNode();
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void oneForOneRestartsOnlyTheChildThatDied() {
        crashBAndAwaitRestarts("ONE_FOR_ONE");
        assertEquals(List.of(0, 1, 0), restarts());
        assertEquals(List.of(1L, 0L, 1L), counts(), "siblings keep their state");
    }

    @Test
    void oneForAllRestartsEveryChild() {
        crashBAndAwaitRestarts("ONE_FOR_ALL");
        assertEquals(List.of(1, 1, 1), restarts());
        assertEquals(List.of(0L, 0L, 0L), counts());
    }

    @Test
    void restForOneRestartsTheChildAndThoseStartedAfterIt() {
        crashBAndAwaitRestarts("REST_FOR_ONE");
        assertEquals(List.of(0, 1, 1), restarts());
        assertEquals(List.of(1L, 0L, 0L), counts());
    }

    @Test
    void exceedingTheRestartIntensityStopsEveryChildAndFailsTheApplicationVisibly() throws Exception {
        CompletableFuture<RunningApplication> failed = new CompletableFuture<>();
        t.node.addListener(new NodeListener() {
            @Override
            public void applicationFailed(RunningApplication app) {
                failed.complete(app);
            }
        });
        RunningApplication app = t.startCounter("1.0.0", Map.of("servers", ABC, "maxRestarts", 2));
        for (int i = 0; i < 2; i++) {
            assertThrows(ServerDownException.class, () -> Hotrel.call("a", "crash"));
            int expected = i + 1;
            TestNode.await("restart " + expected, Duration.ofSeconds(5),
                    () -> t.node.registry().lookup("a").restarts() == expected
                            && t.node.registry().lookup("a").status() == ServerStatus.RUNNING);
        }
        assertEquals(ApplicationStatus.RUNNING, app.status());
        assertThrows(ServerDownException.class, () -> Hotrel.call("a", "crash"));

        assertEquals(app, failed.get(5, TimeUnit.SECONDS));
        assertEquals(ApplicationStatus.FAILED, app.status());
        assertTrue(app.failure().startsWith("supervisor of counter gave up after more than 2 restart(s) in 10000 ms; "
                + "last: server a exited (java.lang.IllegalStateException: asked to crash)"), app.failure());
        for (String name : ABC) {
            assertThrows(NoSuchServerException.class, () -> Hotrel.call(name, "get"));
        }
    }

    @Test
    void transientChildStoppedNormallyIsNotRestartedButACrashedOneIs() {
        t.startCounter("1.0.0", Map.of("servers", List.of("a", "b"), "restart", "TRANSIENT"));
        assertThrows(ServerDownException.class, () -> Hotrel.call("a", "stop"));
        TestNode.await("a to be removed", Duration.ofSeconds(5), () -> !Hotrel.exists("a"));
        assertThrows(ServerDownException.class, () -> Hotrel.call("b", "crash"));
        TestNode.await("b to restart", Duration.ofSeconds(5), () -> t.node.registry().lookup("b").restarts() == 1);
        assertEquals(0L, Hotrel.call("b", "get"));
    }

    @Test
    void temporaryChildIsNeverRestarted() {
        t.startCounter("1.0.0", Map.of("servers", List.of("a"), "restart", "TEMPORARY"));
        assertThrows(ServerDownException.class, () -> Hotrel.call("a", "crash"));
        TestNode.await("a to be removed", Duration.ofSeconds(5), () -> !Hotrel.exists("a"));
    }

    @Test
    void stoppingAnApplicationStopsItsServersAndFailsTheirQueuedCalls() {
        RunningApplication app = t.startCounter("1.0.0", Map.of("servers", List.of("a")));
        assertTrue(t.node.registry().lookup("a").suspend(1, TimeUnit.SECONDS));
        CompletableFuture<Object> queued = CompletableFuture.supplyAsync(() -> Hotrel.call("a", "get"));
        TestNode.await("the call to queue", Duration.ofSeconds(5), () -> t.node.registry().lookup("a").queueLength() == 1);
        t.node.stopApplication("counter");
        assertEquals(ApplicationStatus.STOPPED, app.status());
        Throwable cause = assertThrows(Exception.class, () -> queued.get(5, TimeUnit.SECONDS)).getCause();
        assertTrue(cause instanceof ServerDownException, String.valueOf(cause));
        assertFalse(Hotrel.exists("a"));
    }

    private void crashBAndAwaitRestarts(String strategy) {
        t.startCounter("1.0.0", Map.of("servers", ABC, "strategy", strategy));
        Hotrel.call("a", "next");
        Hotrel.call("c", "next");
        assertThrows(ServerDownException.class, () -> Hotrel.call("b", "crash"));
        TestNode.await("b to restart", Duration.ofSeconds(5), () -> t.node.registry().lookup("b").restarts() == 1
                && ABC.stream().allMatch(n -> t.node.registry().lookup(n).status() == ServerStatus.RUNNING));
    }

    private List<Integer> restarts() {
        return ABC.stream().map(n -> t.node.registry().lookup(n).restarts()).toList();
    }

    private List<Long> counts() {
        return ABC.stream().map(n -> (Long) Hotrel.call(n, "get")).toList();
    }
}
