package dev.hotrel.runtime;

import dev.hotrel.api.CallTimeoutException;
import dev.hotrel.api.Hotrel;
import dev.hotrel.api.ServerDownException;
import dev.hotrel.handler.exec.AppTarget;
import dev.hotrel.handler.exec.InstallReport;
import dev.hotrel.handler.exec.PlanExecutor;
import dev.hotrel.handler.exec.StepListener;
import dev.hotrel.handler.plan.Step;
import dev.hotrel.handler.plan.UpgradePlan;
import dev.hotrel.runtime.purge.PurgeMode;
import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.code.AppVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an OTP developer reaches for beyond call, cast and info, on real servers of the fixture
 * {@code genserver}: deferred replies, continuations, cancellable timers, monitors and write
 * readiness, each alone and each across a real install of a new version of its application by the
 * release handler's executor (1.0.0 → 1.1.0, whose servers prefix everything with "v2"), after which
 * the old version's loader must be collected.
 */
class GenServerTest {

    private static final Duration SOON = Duration.ofSeconds(5);
    /** More than a loopback socket buffers, so that a peer that does not read leaves bytes unsent. */
    private static final int BIG = 16 * 1024 * 1024;
    /** How long the fixture's Starter takes for its first step when a test says: far longer than a start. */
    private static final long WARM_MILLIS = 3_000;

    private TestNode t;
    private RunningApplication app;

    @BeforeEach
    void start() {
        t = new TestNode();
        app = t.node.startApplication(t.load("genserver", "1.0.0"), "fixture.genserver.GenApp", Map.of());
    }

    @AfterEach
    void stop() {
        t.close();
    }

    // ---- deferred replies -------------------------------------------------------------------------

    @Test
    void aCallAnsweredLaterFromAnotherMessageReachesItsWaitingCallers() throws Exception {
        CompletableFuture<Object> first = callLater("desk", "wait");
        CompletableFuture<Object> second = callLater("desk", "wait");
        TestWaits.await("two callers waiting on the desk", SOON, () -> (Integer) Hotrel.call("desk", "waiting") == 2);
        assertFalse(first.isDone() || second.isDone());

        Hotrel.cast("desk", "release:go");
        List<Object> answers = List.of(first.get(5, TimeUnit.SECONDS), second.get(5, TimeUnit.SECONDS));
        assertTrue(answers.contains("v1:go:last") && answers.contains("v1:go:other"), answers.toString());
    }

    @Test
    void theFirstAnswerWinsAndANoReplyWithoutAHandleCrashesTheServer() {
        assertEquals("v1:early", Hotrel.call("desk", "first-wins"), "replied through the handle before returning a Reply");

        ServerDownException e = assertThrows(ServerDownException.class, () -> Hotrel.call("desk", "forgot"));
        assertTrue(e.getMessage().contains("without taking Hotrel.replyTo()"), e.getMessage());
        TestWaits.await("the desk restarted", SOON, () -> t.node.registry().lookup("desk").restarts() == 1);
    }

    @Test
    void callersWaitingOnADeferredReplyLearnAtOnceThatTheServerCrashed() {
        CompletableFuture<Object> waiting = callLater("desk", "wait");
        TestWaits.await("a caller waiting on the desk", SOON, () -> (Integer) Hotrel.call("desk", "waiting") == 1);
        long start = System.nanoTime();
        Hotrel.cast("desk", "crash");
        ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
        assertInstanceOf(ServerDownException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("desk crashed on purpose"), e.getCause().getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "not its timeout");
    }

    // ---- continuations ----------------------------------------------------------------------------

    @Test
    void stepsAskedForByInitRunBeforeAnyMessage() {
        // The very first call, sent while init's slow step may still run, finds both steps done.
        assertEquals(List.of("v1:init", "v1:continued:warm", "v1:continued:second"), Hotrel.call("starter", "log"));

        Hotrel.cast("starter", "x");
        Hotrel.call("starter", "twice");
        assertEquals(List.of("v1:init", "v1:continued:warm", "v1:continued:second", "v1:cast:x", "v1:continued:after-x",
                "v1:refused second step", "v1:continued:one"), Hotrel.call("starter", "log"));
    }

    @Test
    void initStepsDoNotHoldUpTheStartOfTheApplication() {
        t.node.stopApplication("genserver");
        long start = System.nanoTime();
        t.node.startApplication(t.load("genserver", "1.0.0"), "fixture.genserver.GenApp", Map.of("warmMillis", WARM_MILLIS));
        long startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(List.of("v1:init", "v1:continued:warm", "v1:continued:second"), Hotrel.call("starter", "log"));
        assertTrue(startMillis < WARM_MILLIS, "start took " + startMillis + " ms, the first step alone takes " + WARM_MILLIS);
    }

    // ---- timers -----------------------------------------------------------------------------------

    @Test
    void aTimerCancelledInTimeNeverFiresAndOneThatFiredCannotBeCancelled() throws Exception {
        Hotrel.call("clock", "arm:soon:50");
        Hotrel.call("clock", "arm:late:60000");
        TestWaits.await("the short timer fired", SOON, () -> ((List<?>) Hotrel.call("clock", "fired")).contains("v1:soon"));
        assertEquals(false, Hotrel.call("clock", "cancel:soon"), "fired already");
        assertEquals(true, Hotrel.call("clock", "cancel:late"));
        assertEquals(false, Hotrel.call("clock", "cancel:late"), "cancelled already");

        Hotrel.call("clock", "arm:cancelled:200");
        assertEquals(true, Hotrel.call("clock", "cancel:cancelled"));
        Thread.sleep(400);
        assertEquals(List.of("v1:soon"), Hotrel.call("clock", "fired"));
    }

    // ---- monitors ---------------------------------------------------------------------------------

    @Test
    void aMonitorTellsOnceWhyTheWatchedServerWentDown() {
        Hotrel.call("watcher", "monitor:target");
        assertThrows(ServerDownException.class, () -> Hotrel.call("target", "crash"));
        awaitDowns("v1:target:java.lang.IllegalStateException: target crashed on purpose:true");

        TestWaits.await("the target restarted", SOON, () -> t.node.registry().lookup("target").code() != null);
        Hotrel.call("watcher", "monitor:target");
        assertThrows(ServerDownException.class, () -> Hotrel.call("target", "stop"));
        awaitDowns("v1:target:java.lang.IllegalStateException: target crashed on purpose:true", "v1:target:normal:true");

        TestWaits.await("the target restarted", SOON, () -> t.node.registry().lookup("target").code() != null);
        Hotrel.call("watcher", "monitor:target");
        app.supervisor().restart("target", "purged");
        awaitDowns("v1:target:java.lang.IllegalStateException: target crashed on purpose:true", "v1:target:normal:true",
                "v1:target:purged:true");
    }

    @Test
    void aMonitorOfAServerThatIsNotRunningFiresAtOnceWithNoproc() {
        Hotrel.call("watcher", "monitor:nobody");
        awaitDowns("v1:nobody:noproc:true");
    }

    @Test
    void afterDemonitorNoDownArrives() {
        Hotrel.call("watcher", "monitor:target");
        assertEquals(true, Hotrel.call("watcher", "demonitor:target"));
        assertThrows(ServerDownException.class, () -> Hotrel.call("target", "crash"));
        // The crash's Down would have been queued before the crashing call returned; this one comes after it.
        Hotrel.call("watcher", "monitor:nobody");
        awaitDowns("v1:nobody:noproc:true");
    }

    @Test
    void theMonitorsOfAServerEndWithItsIncarnation() {
        Hotrel.call("watcher", "monitor:target");
        app.supervisor().restart("watcher", "restarted by the test");
        assertThrows(ServerDownException.class, () -> Hotrel.call("target", "crash"));
        // Neither the old incarnation's monitor fires into the new one, nor does the new one inherit it.
        Hotrel.call("watcher", "monitor:nobody");
        awaitDowns("v1:nobody:noproc:true");
    }

    // ---- write readiness --------------------------------------------------------------------------

    @Test
    void aServerWritesToASlowReaderOnlyWhenItCanTakeMore() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Hotrel.call("pipe", "connect:" + listener.getLocalPort());
            try (Socket peer = listener.accept()) {
                int left = (Integer) Hotrel.call("pipe", "send:" + BIG);
                assertTrue(left > 0, "the peer reads nothing yet, so bytes are left: " + left);
                assertEquals(List.of(), Hotrel.call("pipe", "events"), "the pipe keeps serving while it waits");
                assertEquals(BIG, readAll(peer, BIG));
                TestWaits.await("the pipe drained", SOON, () -> ((List<?>) Hotrel.call("pipe", "events")).contains("v1:drained"));
                assertTrue(((List<?>) Hotrel.call("pipe", "events")).contains("v1:writable:bytes"));
            }
        }
    }

    @Test
    void aReadWatchAndAWriteWatchOnOneChannelFireIndependentlyWithTheirOwnTags() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Hotrel.call("pipe", "connect:" + listener.getLocalPort());
            try (Socket peer = listener.accept()) {
                Hotrel.call("pipe", "both");
                TestWaits.await("the empty connection is writable", SOON,
                        () -> Hotrel.call("pipe", "events").equals(List.of("v1:writable:write")));
                peer.getOutputStream().write('x');
                peer.getOutputStream().flush();
                TestWaits.await("then readable, the read watch still armed", SOON,
                        () -> Hotrel.call("pipe", "events").equals(List.of("v1:writable:write", "v1:readable:read")));
            }
        }
    }

    @Test
    void afterUnwatchAWriteWatchNeverFires() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Hotrel.call("pipe", "connect:" + listener.getLocalPort());
            try (Socket peer = listener.accept()) {
                assertTrue((Integer) Hotrel.call("pipe", "send:" + BIG) > 0);
                Hotrel.call("pipe", "unwatch");
                int taken = readAvailable(peer, Duration.ofMillis(500));
                assertTrue(taken > 0, "the peer took what was written before the unwatch");
                Thread.sleep(200); // a write watch still armed would have fired by now: the connection is empty
                assertEquals(List.of(), Hotrel.call("pipe", "events"));
            }
        }
    }

    // ---- across a code change ---------------------------------------------------------------------

    @Test
    void everyPieceCrossesACodeChangeOfItsApplication() throws Exception {
        AppVersion v11 = t.load("genserver", "1.1.0");
        assertEquals(List.of("v1:init", "v1:continued:warm", "v1:continued:second"), Hotrel.call("starter", "log"));
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Hotrel.call("pipe", "connect:" + listener.getLocalPort());
            try (Socket peer = listener.accept()) {
                // Set up on 1.0.0: a caller waits on a deferred reply, two timers run, a monitor watches, bytes wait.
                CompletableFuture<Object> waiting = callLater("desk", "wait");
                TestWaits.await("a caller waiting on the desk", SOON, () -> (Integer) Hotrel.call("desk", "waiting") == 1);
                Hotrel.call("clock", "arm:late:60000");
                Hotrel.call("clock", "arm:soon:1500");
                Hotrel.call("watcher", "monitor:target");
                assertTrue((Integer) Hotrel.call("pipe", "send:" + BIG) > 0);

                install(v11);

                assertEquals("v2", Hotrel.call("target", "version"));
                List<?> log = (List<?>) Hotrel.call("starter", "log");
                assertEquals("v2:continued:upgraded-from-1.0.0", log.get(log.size() - 1), "the step codeChange asked for ran first");

                Hotrel.cast("desk", "release:after");
                assertEquals("v2:after:last", waiting.get(5, TimeUnit.SECONDS), "the new code answered with the old handle");

                assertEquals(true, Hotrel.call("clock", "cancel:late"), "the new code cancelled the old timer");
                TestWaits.await("the other timer fired on the new code", SOON,
                        () -> ((List<?>) Hotrel.call("clock", "fired")).contains("v2:soon"));

                assertThrows(ServerDownException.class, () -> Hotrel.call("target", "crash"));
                awaitDowns("v2:target:java.lang.IllegalStateException: target crashed on purpose:true");

                assertEquals(BIG, readAll(peer, BIG));
                TestWaits.await("the pipe drained on the new code", SOON,
                        () -> ((List<?>) Hotrel.call("pipe", "events")).contains("v2:drained"));
                assertEquals(List.of("v2:writable:bytes"), ((List<?>) Hotrel.call("pipe", "events")).stream()
                        .filter(e -> ((String) e).contains("writable")).distinct().toList(),
                        "the write watch armed by 1.0.0 reached 1.1.0, its tag converted");
            }
        }
        // No handle kept in a state (a reply, a timer, a monitor) holds on to the code that made it.
        assertEquals("genserver@1.0.0", t.node.purge("genserver", PurgeMode.SOFT).purged());
        assertEquals(List.of(), t.node.checkLoaders(10, TimeUnit.SECONDS));
    }

    @Test
    void aCallerOfADeferredReplyStillTimesOutWhenNobodyAnswers() {
        CallTimeoutException e = assertThrows(CallTimeoutException.class,
                () -> Hotrel.call("desk", "wait", 200, TimeUnit.MILLISECONDS));
        assertTrue(e.getMessage().contains("desk"), e.getMessage());
        assertEquals(1, Hotrel.call("desk", "waiting"));
        assertEquals(0, Hotrel.call("desk", "answer-all"), "a reply to a caller that gave up is dropped, and says so");
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static CompletableFuture<Object> callLater(String server, String request) {
        return CompletableFuture.supplyAsync(() -> Hotrel.call(server, request, 30, TimeUnit.SECONDS));
    }

    private static void awaitDowns(String... expected) {
        TestWaits.await("downs " + List.of(expected), SOON, () -> Hotrel.call("watcher", "downs").equals(List.of(expected)));
    }

    private static int readAll(Socket peer, int bytes) throws IOException {
        peer.setSoTimeout(10_000);
        InputStream in = peer.getInputStream();
        byte[] buffer = new byte[256 * 1024];
        int total = 0;
        while (total < bytes) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /** A real install of {@code to} by the release handler's executor: suspend all as one set, switch, code change each, commit, resume. */
    /** Reads until nothing came for {@code quiet}; returns how many bytes came. */
    private static int readAvailable(Socket peer, Duration quiet) throws IOException {
        peer.setSoTimeout((int) quiet.toMillis());
        InputStream in = peer.getInputStream();
        byte[] buffer = new byte[256 * 1024];
        int total = 0;
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
            }
        } catch (java.net.SocketTimeoutException e) {
            // quiet: all that was sent has come
        }
        return total;
    }

    private void install(AppVersion to) {
        List<String> servers = app.servers().stream().map(s -> "genserver/" + s.name()).toList();
        Map<String, Long> timeouts = new java.util.LinkedHashMap<>();
        servers.forEach(s -> timeouts.put(s, 2_000L));
        List<Step> steps = new java.util.ArrayList<>();
        steps.add(new Step.Suspend(timeouts));
        steps.add(new Step.SwitchCode("genserver", to.version()));
        app.servers().forEach(s -> steps.add(new Step.CodeChange("genserver", s.name(), null, false)));
        steps.add(new Step.Commit());
        steps.add(new Step.Resume(servers));
        InstallReport report = new PlanExecutor(t.node).run(new UpgradePlan("gen-1.0.0", "gen-1.1.0", false, steps, false, List.of()),
                Map.of("genserver", new AppTarget(to, "fixture.genserver.GenApp", Map.of(), null, null)), StepListener.NONE);
        assertEquals(servers.size(), report.moved().size(), report.moved().toString());
    }
}
