package dev.hotrel.handler;

import dev.hotrel.api.Hotrel;
import dev.hotrel.api.NoSuchServerException;
import dev.hotrel.handler.exec.InstallReport;
import dev.hotrel.release.ReleaseEntry;
import dev.hotrel.release.ReleaseStatus;
import dev.hotrel.runtime.FixtureGate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The release handler end to end: real archives, a real root, real classloaders, real load. */
class ReleaseHandlerTest {

    @TempDir
    Path dir;
    private HandlerTestNode t;

    @BeforeEach
    void start() throws Exception {
        t = HandlerTestNode.create(dir);
        assertEquals("1.1.0", t.handler.unpackRelease("demo-1.1.0.tar.gz"));
        assertEquals("2.0.0", t.handler.unpackRelease("demo-2.0.0.tar.gz"));
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void upAndDownThroughThreeReleasesUnderLoadWithoutAFailedLostOrDuplicatedCall() throws Exception {
        Hotrel.call("counter", "set:100");
        try (Load load = new Load(4)) {
            load.await(200);

            System.clearProperty("fixture.applied.up"); // set by any earlier install of 1.1.0 in this JVM
            InstallReport up = t.handler.installRelease("1.1.0");
            assertEquals(List.of("counter/counter"), up.moved());
            assertEquals("1.1.0", Hotrel.call("counter", "version"));
            assertEquals("hi", t.node.application("greeter").orElseThrow().config().get("greeting"));
            assertEquals("yes", System.getProperty("fixture.applied.up"), "this install ran the appup's apply");
            load.await(200);

            t.handler.installRelease("2.0.0");
            assertThrows(NoSuchServerException.class, () -> Hotrel.call("greeter", "x"));
            assertTrue(Hotrel.call("metrics", "counter") instanceof Long, "metrics reads counter across applications");
            load.await(200);

            InstallReport down = t.handler.installRelease("1.1.0");
            assertEquals("hi you", Hotrel.call("greeter", "you"));
            assertThrows(NoSuchServerException.class, () -> Hotrel.call("metrics", "counter"));
            assertTrue(down.warnings().isEmpty(), down.warnings().toString());
            load.await(200);

            t.handler.installRelease("1.0.0");
            assertEquals("1.0.0", Hotrel.call("counter", "version"));
            load.await(200);
            load.stopAndCheck(); // every reply distinct and contiguous: nothing failed, lost or ran twice
            assertEquals(100L + load.calls(), Hotrel.call("counter", "get"), "state migrated up and down");
        }
        assertEquals(Map.of("1.0.0", ReleaseStatus.PERMANENT, "1.1.0", ReleaseStatus.OLD, "2.0.0", ReleaseStatus.OLD),
                statuses());
        assertEquals(List.of(), t.handler.findLeaks(), "every purged loader was collected");
    }

    @Test
    void installsForceNoGarbageCollection() throws Exception {
        List<String> forced = Collections.synchronizedList(new ArrayList<>());
        javax.management.NotificationListener listener = (n, hb) -> {
            if (com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                        (javax.management.openmbean.CompositeData) n.getUserData());
                if (info.getGcCause().contains("System.gc")) {
                    forced.add(info.getGcName() + ": " + info.getGcCause());
                }
            }
        };
        List<javax.management.NotificationEmitter> emitters = java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()
                .stream().map(javax.management.NotificationEmitter.class::cast).toList();
        emitters.forEach(e -> e.addNotificationListener(listener, null, null));
        try {
            for (int i = 0; i < 3; i++) {
                t.handler.installRelease("1.1.0");
                t.handler.installRelease("1.0.0"); // each purges the code it left
            }
        } finally {
            for (javax.management.NotificationEmitter e : emitters) {
                e.removeNotificationListener(listener);
            }
        }
        assertEquals(List.of(), forced, "collections forced by installs");
    }

    @Test
    void aCheckNamesABusyServerAsNotRehearsedAndStillRehearsesTheOthers() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (FixtureGate gate = new FixtureGate()) {
            Future<Object> busy = pool.submit(() -> Hotrel.call("counter", gate.request(), 60, TimeUnit.SECONDS));
            gate.awaitEntered();
            CheckReport check = t.handler.checkInstallRelease("1.1.0");
            assertTrue(check.conversions().contains("counter/counter: codeChange of counter@1.1.0 converts the state (runs at "
                    + "install; it was busy with a message for over 1 s)"), check.conversions().toString());
            assertTrue(check.installable(), check.problems().toString());
            gate.open();
            assertEquals("opened", busy.get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        t.handler.installRelease("1.1.0");
        assertEquals("1.1.0", Hotrel.call("counter", "version"));
    }

    @Test
    void aFailureAtAnyStepLeavesServersStateAndReleasesFileExactlyAsBefore() throws Exception {
        Hotrel.call("counter", "set:41");
        byte[] releasesFile = Files.readAllBytes(t.root.releasesFile());
        CheckReport check = t.handler.checkInstallRelease("1.1.0");
        assertTrue(check.installable(), check.problems().toString());
        int commit = check.plan().indexOf(check.plan().stream().filter(s -> s.endsWith(". commit")).findFirst().orElseThrow()) + 1;
        for (int step = 1; step <= commit; step++) {
            int failAt = step;
            t.handler.setFaultInjector((index, count, s) -> {
                if (index == failAt) {
                    throw new IllegalStateException("injected");
                }
            });
            HandlerException e = assertThrows(HandlerException.class, () -> t.handler.installRelease("1.1.0"));
            assertEquals(Reason.INSTALL_FAILED, e.reason());
            assertTrue(e.getMessage().matches("install demo-1.1.0 failed at step " + failAt + "/\\d+ \\(.*\\): "
                    + "IllegalStateException: injected; rolled back; current release is demo-1.0.0"), e.getMessage());
            assertUnchanged(releasesFile, 41);
        }
        t.handler.setFaultInjector(null);
        t.handler.installRelease("1.1.0");
        assertEquals(42L, Hotrel.call("counter", "next"));
    }

    @Test
    void realFailuresRollBackInPlace() throws Exception {
        byte[] releasesFile = Files.readAllBytes(t.root.releasesFile());

        Hotrel.call("counter", "set:13"); // counter 1.1.0's codeChange refuses 13
        HandlerException codeChange = assertThrows(HandlerException.class, () -> t.handler.installRelease("1.1.0"));
        assertTrue(codeChange.getMessage().contains("unlucky state: 13"), codeChange.getMessage());
        assertUnchanged(releasesFile, 13);

        Hotrel.call("counter", "set:7");
        System.setProperty("fixture.fail.up", "yes");
        try {
            HandlerException apply = assertThrows(HandlerException.class, () -> t.handler.installRelease("1.1.0"));
            assertTrue(apply.getMessage().contains("apply up asked to fail"), apply.getMessage());
        } finally {
            System.clearProperty("fixture.fail.up");
        }
        assertUnchanged(releasesFile, 7);

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (FixtureGate gate = new FixtureGate()) {
            Future<Object> busy = pool.submit(() -> Hotrel.call("counter", gate.request(), 60, TimeUnit.SECONDS));
            gate.awaitEntered();
            HandlerException timeout = assertThrows(HandlerException.class, () -> t.handler.installRelease("1.1.0"));
            assertTrue(timeout.getMessage().contains("did not finish their current message within 1000 ms"), timeout.getMessage());
            assertFalse(busy.isDone(), "the install gave up while the counter was still busy");
            gate.open();
            assertEquals("opened", busy.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertUnchanged(releasesFile, 7);
    }

    @Test
    void aNodeRestartedBeforeMakePermanentBootsThePermanentRelease() throws Exception {
        t.handler.installRelease("1.1.0");
        assertEquals(ReleaseStatus.CURRENT, statuses().get("1.1.0"));
        assertTrue(Files.readString(t.root.releasesFile()).contains("\"unpacked\""), "current is never written");

        t.restart();
        assertEquals("1.0.0", Hotrel.call("counter", "version"));
        assertEquals(ReleaseStatus.UNPACKED, statuses().get("1.1.0"));

        t.handler.installRelease("1.1.0");
        t.handler.makePermanent("1.1.0");
        assertEquals(Map.of("1.0.0", ReleaseStatus.OLD, "1.1.0", ReleaseStatus.PERMANENT, "2.0.0", ReleaseStatus.UNPACKED),
                statuses());
        t.restart();
        assertEquals("1.1.0", Hotrel.call("counter", "version"));
    }

    @Test
    void aReleaseThatAsksForANodeRestartIsBootedOnceOnTheNextStart() throws Exception {
        Files.copy(FixtureReleases.archive("1.2.0"), t.root.inbox().resolve("demo-1.2.0.tar.gz"));
        t.handler.unpackRelease("demo-1.2.0.tar.gz");
        t.handler.installRelease("1.1.0");
        assertTrue(t.handler.checkInstallRelease("1.2.0").restartNode());
        assertEquals("demo-1.0.0", t.handler.nextBoot().id());
        InstallReport marked = t.handler.installRelease("1.2.0");
        assertEquals(List.of("release demo-1.2.0 asks for a node restart: it boots on the next start of the node, once, as a "
                + "trial (make it permanent then, or the start after boots demo-1.0.0 again); the node still runs demo-1.1.0"),
                marked.warnings());
        assertEquals("hello you", Hotrel.call("greeter", "you"), "nothing switched in place");
        assertEquals("demo-1.2.0", t.handler.nextBoot().id());
        assertFalse(t.handler.pendingRestart().orElseThrow().automatic(), "nothing restarts this node by itself");
        assertEquals(null, t.handler.busy(), "without a restart of its own, the node stays managed");

        t.restart();
        assertEquals("demo-1.2.0", t.handler.current().id(), "booted once, as a trial");
        assertEquals("hello, you!", Hotrel.call("greeter", "you"));
        assertEquals(ReleaseStatus.PERMANENT, statuses().get("1.0.0"));
        assertEquals("demo-1.0.0", t.handler.nextBoot().id(), "the mark is spent");
        assertFalse(Files.exists(t.root.bootNextFile()));

        t.restart();
        assertEquals("demo-1.0.0", t.handler.current().id(), "not made permanent: the next start boots the permanent release");
    }

    @Test
    void aNodeThatRestartsItselfIsToldOnceTheInstallHasEndedAndRefusesLifecycleOperationsFromThen() throws Exception {
        Files.copy(FixtureReleases.archive("1.2.0"), t.root.inbox().resolve("demo-1.2.0.tar.gz"));
        t.handler.unpackRelease("demo-1.2.0.tar.gz");
        t.handler.installRelease("1.1.0");
        List<String> told = new ArrayList<>();
        t.handler.setNodeRestart(release -> told.add(release + " while " + t.handler.busy() + ", next boot "
                + t.handler.nextBoot().id() + ", last: " + t.handler.lastOperation().replaceAll(" \\(.*", "")));

        InstallReport marked = t.handler.installRelease("1.2.0");

        assertEquals(List.of("release demo-1.2.0 asks for a node restart: the node restarts now and boots it once, as a trial "
                + "(make it permanent when it runs, or the next start boots demo-1.0.0 again)"), marked.warnings());
        assertEquals(List.of("demo-1.2.0 while restarting into demo-1.2.0, next boot demo-1.2.0, last: installing 1.2.0: ok"), told,
                "told once, after the install ended and the mark was written");
        assertEquals("1.2.0\n", Files.readString(t.root.bootNextFile()));
        HandlerException busy = assertThrows(HandlerException.class, () -> t.handler.installRelease("2.0.0"));
        assertEquals(Reason.BUSY, busy.reason());
        assertTrue(busy.getMessage().startsWith("busy: restarting into demo-1.2.0 (since "), busy.getMessage());
        assertThrows(HandlerException.class, () -> t.handler.makePermanent("1.1.0"));
        assertEquals("hello you", Hotrel.call("greeter", "you"), "the node serves on until it restarts");
        List<String> audit = Files.readAllLines(t.root.dir().resolve("audit.log"));
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"operation\":\"restart\",\"versions\":\"demo-1.1.0 -> demo-1.2.0\","
                + "\"outcome\":\"requested, the node restarts now\"")), String.join("\n", audit));

        t.restart();
        assertEquals("demo-1.2.0", t.handler.current().id());
        assertEquals("hello, you!", Hotrel.call("greeter", "you"));
    }

    @Test
    void aMarkNamingAReleaseThatIsNotInTheRootIsNeitherClaimedNorBooted() throws Exception {
        Files.writeString(t.root.bootNextFile(), "9.9.9\n");
        assertEquals("demo-1.0.0", t.handler.nextBoot().id());
        t.restart();
        assertEquals("demo-1.0.0", t.handler.current().id());
        assertFalse(Files.exists(t.root.bootNextFile()), "a mark is spent even when it cannot be honoured");
        assertTrue(Files.readString(t.root.dir().resolve("audit.log")).contains(
                "\"operation\":\"boot\",\"versions\":\"9.9.9\",\"outcome\":\"failed: release 9.9.9 is not in the root any more\""));
    }

    @Test
    void rollbackReturnsToThePermanentReleaseInPlace() {
        Hotrel.call("counter", "set:5");
        t.handler.installRelease("1.1.0");
        HandlerException notCurrent = assertThrows(HandlerException.class, () -> t.handler.makePermanent("2.0.0"));
        assertEquals("release demo-2.0.0 is unpacked: only the running release can be made permanent (current: demo-1.1.0)",
                notCurrent.getMessage());
        t.handler.rollback();
        assertEquals("1.0.0", Hotrel.call("counter", "version"));
        assertEquals(5L, Hotrel.call("counter", "get"));
        assertEquals(ReleaseStatus.OLD, statuses().get("1.1.0"));
        assertEquals("nothing to roll back: the node runs its permanent release demo-1.0.0",
                assertThrows(HandlerException.class, () -> t.handler.rollback()).getMessage());
    }

    @Test
    void aSecondLifecycleOperationWhileOneRunsIsBusy() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        t.handler.setFaultInjector((index, count, step) -> {
            if (index == 1) {
                inside.countDown();
                await(release);
            }
        });
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<InstallReport> first = pool.submit(() -> t.handler.installRelease("1.1.0"));
            assertTrue(inside.await(10, TimeUnit.SECONDS));
            assertEquals("installing 1.1.0", t.handler.busy());
            for (Runnable second : List.<Runnable>of(() -> t.handler.installRelease("2.0.0"), () -> t.handler.rollback(),
                    () -> t.handler.removeRelease("2.0.0"), () -> t.handler.makePermanent("1.0.0"))) {
                HandlerException e = assertThrows(HandlerException.class, second::run);
                assertEquals(Reason.BUSY, e.reason());
                assertTrue(e.getMessage().startsWith("busy: installing 1.1.0 (since "), e.getMessage());
            }
            release.countDown();
            first.get(30, TimeUnit.SECONDS);
            assertEquals(null, t.handler.busy());
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void unpackIsIdempotentAndReadsOnlyFromTheInbox() throws Exception {
        assertEquals("1.1.0", t.handler.unpackRelease("demo-1.1.0.tar.gz"));
        HandlerException outside = assertThrows(HandlerException.class, () -> t.handler.unpackRelease("../releases/RELEASES.json"));
        assertEquals(Reason.NOT_IN_INBOX, outside.reason());
        Files.writeString(t.root.inbox().resolve("junk.tar.gz"), "not an archive");
        HandlerException junk = assertThrows(HandlerException.class, () -> t.handler.unpackRelease("junk.tar.gz"));
        assertEquals(Reason.BAD_ARCHIVE, junk.reason());
        assertEquals(3, t.handler.whichReleases().size());
    }

    @Test
    void removeDeletesAReleaseAndTheApplicationVersionsNoOtherReleaseUses() throws Exception {
        assertEquals(List.of(), t.handler.verifyRelease("2.0.0"));
        t.handler.removeRelease("2.0.0");
        assertFalse(Files.exists(t.root.dir().resolve("lib/metrics-1.0.0")));
        assertTrue(Files.exists(t.root.dir().resolve("lib/counter-1.1.0")), "still used by 1.1.0");
        assertFalse(Files.exists(t.root.dir().resolve("releases/2.0.0")));
        assertEquals(Set.of("1.0.0", "1.1.0"), statuses().keySet());
        HandlerException permanent = assertThrows(HandlerException.class, () -> t.handler.removeRelease("1.0.0"));
        assertEquals(Reason.NOT_REMOVABLE, permanent.reason());
        HandlerException unknown = assertThrows(HandlerException.class, () -> t.handler.installRelease("9.9.9"));
        assertEquals("no release 9.9.9 in this release root (known: 1.1.0, 1.0.0)", unknown.getMessage());

        Files.writeString(t.root.dir().resolve("lib/counter-1.1.0/app.json"), "{}");
        List<String> problems = t.handler.verifyRelease("1.1.0");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("'lib/counter-1.1.0/app.json' was changed on disk"), problems.get(0));

        List<String> audit = Files.readAllLines(t.root.dir().resolve("audit.log"));
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"operation\":\"remove\"") && l.contains("\"outcome\":\"ok\"")),
                audit.toString());
    }

    private void assertUnchanged(byte[] releasesFile, long count) throws Exception {
        assertEquals(new String(releasesFile), Files.readString(t.root.releasesFile()), "RELEASES.json changed");
        assertEquals("demo-1.0.0", t.handler.current().id());
        assertEquals(ReleaseStatus.UNPACKED, statuses().get("1.1.0"));
        assertEquals("1.0.0", Hotrel.call("counter", "version"));
        assertEquals(count, Hotrel.call("counter", "get"));
        assertEquals("hello you", Hotrel.call("greeter", "you"));
        assertEquals("RUNNING", t.node.registry().lookup("counter").status().name());
    }

    private Map<String, ReleaseStatus> statuses() {
        return t.handler.whichReleases().stream().collect(Collectors.toMap(e -> e.version().toString(), ReleaseEntry::status));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Client threads calling counter "next" continuously, each keeping every reply. */
    private static final class Load implements AutoCloseable {
        private final ExecutorService pool;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<List<Long>> replies = new ArrayList<>();
        private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        private final List<Future<?>> clients = new ArrayList<>();

        Load(int threads) {
            pool = Executors.newFixedThreadPool(threads);
            for (int i = 0; i < threads; i++) {
                List<Long> mine = Collections.synchronizedList(new ArrayList<>());
                replies.add(mine);
                clients.add(pool.submit(() -> {
                    while (running.get()) {
                        try {
                            mine.add((Long) Hotrel.call("counter", "next", 30, TimeUnit.SECONDS));
                        } catch (RuntimeException e) {
                            failures.add(e);
                            return;
                        }
                    }
                }));
            }
        }

        /** Waits until at least {@code more} further calls were answered. */
        void await(int more) {
            long target = calls() + more;
            dev.hotrel.runtime.TestWaits.await("load to make progress", () -> calls() >= target || !failures.isEmpty());
            assertEquals(List.of(), failures);
        }

        long calls() {
            return replies.stream().mapToLong(List::size).sum();
        }

        void stopAndCheck() throws Exception {
            running.set(false);
            for (Future<?> f : clients) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertEquals(List.of(), failures);
            Set<Long> all = new HashSet<>();
            for (List<Long> mine : replies) {
                for (int i = 1; i < mine.size(); i++) {
                    assertTrue(mine.get(i) > mine.get(i - 1), "a client saw its replies out of order");
                }
                all.addAll(mine);
            }
            assertEquals(calls(), all.size(), "a call was answered twice");
            assertEquals(101L, all.stream().mapToLong(Long::longValue).min().orElseThrow());
            assertEquals(100L + calls(), all.stream().mapToLong(Long::longValue).max().orElseThrow(), "a call was lost");
        }

        @Override
        public void close() {
            running.set(false);
            pool.shutdownNow();
        }
    }
}
