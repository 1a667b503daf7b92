package dev.hotrel.handler;

import dev.hotrel.api.Hotrel;
import dev.hotrel.api.RestartStrategy;
import dev.hotrel.handler.exec.InstallReport;
import dev.hotrel.runtime.app.ApplicationStatus;
import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.server.ServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Upgrade semantics on an application shaped unlike the examples (the chat fixtures): two
 * applications whose servers call each other synchronously in every message (chatapi's listener →
 * chatcore's store → chatcore's index), no {@code servers} in any app.json, a supervisor that
 * changes strategy and gains a subtree, a state whose downgrade only the newer version can write,
 * and a configuration change whose callback calls its own server. Real archives, real loaders.
 */
class UpgradeSemanticsTest {

    @TempDir
    Path dir;
    private HandlerTestNode t;

    @BeforeEach
    void start() throws Exception {
        System.clearProperty("fixture.chatcore.starts");
        System.clearProperty("fixture.chatcore.store.init.1.1.0");
        t = HandlerTestNode.create(dir, "chat-1.0.0", "chat-1.1.0", "chat-1.2.0", "chat-1.3.0", "chat-1.4.0");
        assertEquals("1.1.0", t.handler.unpackRelease("chat-1.1.0.tar.gz"));
        assertEquals("1.2.0", t.handler.unpackRelease("chat-1.2.0.tar.gz"));
    }

    @AfterEach
    void stop() {
        t.close();
    }

    /** Point 2 and 9: calls between moving servers, across two applications, never deadlock an install. */
    @Test
    void aHundredInstallsUpAndDownUnderCallsBetweenMovingServersNeverDeadlock() throws Exception {
        try (Talk talk = new Talk(4)) {
            talk.await(100);
            for (int i = 0; i < 50; i++) {
                t.handler.installRelease("1.1.0");
                talk.await(5);
                t.handler.installRelease("1.0.0");
                talk.await(5);
            }
            talk.stopAndCheck();
        }
        assertEquals("1.0.0", Hotrel.call("store", "version"));
    }

    /** Point 1: the newer version converts its state down; 1.0.0 was written without knowing 1.1.0. */
    @Test
    void aDowngradeIsConvertedByTheVersionBeingLeft() {
        say("a", "b");
        t.handler.installRelease("1.1.0");
        say("c");
        assertEquals(List.of("a", "b", "c"), Hotrel.call("store", "lines"));

        CheckReport check = t.handler.checkInstallRelease("1.0.0");
        assertTrue(check.installable(), check.problems().toString());
        assertTrue(check.conversions().contains("chatcore/store: downgradeState of chatcore@1.1.0 converts the state "
                + "(runs at install, then into fixture.chat.core.Store$State by field names)"), check.conversions().toString());
        assertTrue(check.conversions().contains("chatcore/index: state converts by field names into "
                + "fixture.chat.core.Index$State (rehearsed)"), check.conversions().toString());

        t.handler.installRelease("1.0.0");
        assertEquals("1.0.0", Hotrel.call("store", "version"));
        assertEquals(List.of("a", "b", "c"), Hotrel.call("store", "lines"));
        say("d");
        assertEquals(List.of("a", "b", "c", "d"), Hotrel.call("store", "lines"), "1.0.0 goes on with the state it was given");
    }

    /** Point 1: a throwing downgradeState aborts the switch like a throwing codeChange. */
    @Test
    void aThrowingDowngradeRollsBackInPlace() {
        t.handler.installRelease("1.1.0");
        say("poison", "x");
        HandlerException e = assertThrows(HandlerException.class, () -> t.handler.installRelease("1.0.0"));
        assertEquals(Reason.INSTALL_FAILED, e.reason());
        assertTrue(e.getMessage().contains("entry 'poison' cannot go down to 1.0.0"), e.getMessage());
        assertEquals("1.1.0", Hotrel.call("store", "version"));
        assertEquals(List.of("poison", "x"), Hotrel.call("store", "lines"));
        assertEquals("chat-1.1.0", t.handler.current().id());
        RunningApplication core = t.node.application("chatcore").orElseThrow();
        assertEquals(RestartStrategy.ONE_FOR_ALL, core.supervisor().spec().strategy(), "the supervisor's change was undone too");
        assertEquals(List.of("index", "store", "lobby"), names(core.servers()));
    }

    /** Point 1 and 5: a conversion the runtime would make and cannot is a check problem naming the field. */
    @Test
    void aFieldThatCannotBeConvertedIsNamedByTheCheckBeforeAnythingIsSuspended() {
        t.handler.installRelease("1.1.0");
        say("m1");
        CheckReport check = t.handler.checkInstallRelease("1.2.0");
        assertFalse(check.installable());
        assertTrue(check.problems().stream().anyMatch(p -> p.startsWith("server chatcore/index: its state cannot be converted "
                + "from chatcore@1.1.0 to chatcore@1.2.0") && p.contains("field 'words.m1'")), check.problems().toString());
        assertTrue(check.problems().stream().noneMatch(p -> p.contains("byte offset") || p.contains("reference chain")),
                check.problems().toString());
        HandlerException e = assertThrows(HandlerException.class, () -> t.handler.installRelease("1.2.0"));
        assertEquals(Reason.PROBLEMS, e.reason());
        assertEquals("1.1.0", Hotrel.call("index", "version"), "nothing moved");
    }

    /** Point 3: strategy, intensity and children of the new tree take effect, and go back on a downgrade. */
    @Test
    void supervisorsChangeWithTheCode() throws Exception {
        RunningApplication core = t.node.application("chatcore").orElseThrow();
        assertEquals(RestartStrategy.ONE_FOR_ONE, core.supervisor().spec().strategy());
        t.handler.installRelease("1.1.0");
        assertEquals(RestartStrategy.ONE_FOR_ALL, core.supervisor().spec().strategy());
        assertEquals(10, core.supervisor().spec().maxRestarts());
        assertEquals(1L, Hotrel.call("lobby", "hi"), "the new subtree runs");
        assertEquals(List.of("index", "store", "lobby"), names(core.servers()));

        ServerProcess store = t.node.registry().lookup("store");
        int before = store.restarts();
        assertThrows(RuntimeException.class, () -> Hotrel.call("index", "crash"));
        dev.hotrel.runtime.TestWaits.await("one_for_all to restart the store too", () -> store.restarts() == before + 1
                && store.code() != null);

        t.handler.installRelease("1.0.0");
        assertEquals(RestartStrategy.ONE_FOR_ONE, core.supervisor().spec().strategy());
        assertEquals(List.of("index", "store"), names(core.servers()));
        assertFalse(Hotrel.exists("lobby"), "the subtree went with the downgrade");
        int after = store.restarts();
        ServerProcess index = t.node.registry().lookup("index");
        int indexBefore = index.restarts();
        assertThrows(RuntimeException.class, () -> Hotrel.call("index", "crash"));
        dev.hotrel.runtime.TestWaits.await("index restarted alone", () -> index.restarts() == indexBefore + 1 && index.code() != null);
        assertEquals(after, store.restarts(), "one_for_one again: the store was not restarted");
    }

    /** Point 4: no app.json lists a server, yet every running server moves and the old code is purged. */
    @Test
    void whatMovesIsWhatRuns() {
        InstallReport up = t.handler.installRelease("1.1.0");
        assertEquals(List.of("chatcore/index", "chatcore/store", "chatapi/listener"), up.moved());
        assertEquals(List.of(), up.warnings());
        for (RunningApplication app : t.node.applications()) {
            assertNull(app.old(), app.name() + "'s old code was purged");
            for (ServerProcess s : app.servers()) {
                assertEquals("1.1.0", s.code().version().version(), s.name());
            }
        }
    }

    /** Point 5: a check changes nothing, runs no start, initializes no callback class. */
    @Test
    void checkIsADryRun() {
        int starts = Integer.getInteger("fixture.chatcore.starts");
        assertNull(System.getProperty("fixture.chatcore.store.init.1.1.0"));
        CheckReport check = t.handler.checkInstallRelease("1.1.0");
        assertTrue(check.installable(), check.problems().toString());
        assertEquals(starts, Integer.getInteger("fixture.chatcore.starts"), "Application.start ran during a check");
        assertNull(System.getProperty("fixture.chatcore.store.init.1.1.0"), "a callback class was initialized by a check");
        assertEquals("1.0.0", Hotrel.call("store", "version"));

        t.handler.installRelease("1.1.0");
        assertEquals(starts, Integer.getInteger("fixture.chatcore.starts"), "an in-place switch is not a start");
        assertEquals("yes", System.getProperty("fixture.chatcore.store.init.1.1.0"));
    }

    /** Point 5: a release the node cannot run is refused by the check, naming both versions. */
    @Test
    void checkRefusesANewerRuntimeOrJdkNamingBothVersions() throws Exception {
        t.handler.installRelease("1.1.0");
        assertEquals("1.3.0", t.handler.unpackRelease("chat-1.3.0.tar.gz"));
        assertEquals("1.4.0", t.handler.unpackRelease("chat-1.4.0.tar.gz"));
        FixtureReleases.markForNewerJava(t.root.dir().resolve("lib/chatapi-1.4.0/chatapi-1.4.0.jar"), 99);
        CheckReport runtime = t.handler.checkInstallRelease("1.3.0");
        assertEquals(List.of("release chat-1.3.0 cannot run on this node: it is built for Hotrel runtime 0.2.0 and this "
                + "node runs 0.1.0: run it on a node of that runtime"), runtime.problems());
        CheckReport jdk = t.handler.checkInstallRelease("1.4.0");
        assertEquals(List.of("application chatapi@1.4.0 needs Java 55 (chatapi-1.4.0.jar is compiled for it) and this node "
                + "runs Java " + Runtime.version().feature() + ": run the node on Java 55 or newer"), jdk.problems());
        assertEquals("1.1.0", Hotrel.call("listener", "version"), "nothing moved");
    }

    /** Point 9: configChange runs once the servers run again, so it may call its own server. */
    @Test
    void configChangeMayCallItsOwnServers() {
        InstallReport up = t.handler.installRelease("1.1.0");
        assertEquals(List.of(), up.warnings());
        assertEquals("welcome", Hotrel.call("store", "lastConfig"));
    }

    /** Point 6: application-typed casts queued during an install, and a pending timer, are handled once, by the new code. */
    @Test
    void messagesInFlightReachTheNewCodeConverted() throws Exception {
        Hotrel.call("index", "later:t1:3000"); // fires well after the install
        java.lang.reflect.Constructor<?> note = t.node.application("chatcore").orElseThrow().current()
                .loadClass("fixture.chat.core.Note").getConstructor(String.class);
        t.handler.setFaultInjector((index, count, step) -> {
            if (step.describe().startsWith("switch chatcore")) { // the index is suspended now: these queue
                for (int i = 0; i < 3; i++) {
                    try {
                        Hotrel.cast("index", note.newInstance("n" + i));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        });
        t.handler.installRelease("1.1.0");
        t.handler.setFaultInjector(null);
        for (int i = 0; i < 3; i++) {
            String key = "note@1.1.0:n" + i;
            dev.hotrel.runtime.TestWaits.await(key, () -> Integer.valueOf(1).equals(Hotrel.call("index", key)));
            assertEquals(0, Hotrel.call("index", "note@1.0.0:n" + i), "a queued note was handled by the old code");
        }
        assertEquals(0, Hotrel.call("index", "timer@1.1.0:t1"), "the timer fired before the install ended: this run proves nothing");
        dev.hotrel.runtime.TestWaits.await("the timer set by 1.0.0 to reach 1.1.0",
                () -> Integer.valueOf(1).equals(Hotrel.call("index", "timer@1.1.0:t1")));
        assertEquals(0, Hotrel.call("index", "timer@1.0.0:t1"));
    }

    /** Point 6: a message in flight the target version cannot receive is a check problem naming its type. */
    @Test
    void aMessageInFlightOfATypeTheTargetLacksIsACheckProblem() throws Exception {
        t.handler.installRelease("1.1.0");
        ServerProcess index = t.node.registry().lookup("index");
        assertTrue(index.suspend(5, TimeUnit.SECONDS));
        try {
            Object note = t.node.application("chatcore").orElseThrow().current()
                    .loadClass("fixture.chat.core.Note").getConstructor(String.class).newInstance("stuck");
            Hotrel.cast("index", note);
            CheckReport check = t.handler.checkInstallRelease("1.2.0");
            assertTrue(check.problems().contains("server chatcore/index: a message of type fixture.chat.core.Note from "
                    + "chatcore@1.1.0 cannot reach chatcore@1.2.0: it has no class of that name"), check.problems().toString());
        } finally {
            index.resume();
        }
        dev.hotrel.runtime.TestWaits.await("the note handled", () -> Integer.valueOf(1).equals(Hotrel.call("index", "note@1.1.0:stuck")));
    }

    /** Point 7: an install restarts a failed application on the target version. */
    @Test
    void anInstallOrRollbackRestartsAFailedApplicationOnItsTargetVersion() {
        failChatcore();
        t.handler.installRelease("1.1.0");
        assertEquals(ApplicationStatus.RUNNING, t.node.application("chatcore").orElseThrow().status());
        assertEquals("1.1.0", Hotrel.call("store", "version"));
        assertEquals(1, Hotrel.call("listener", "say:after"));

        failChatcore();
        t.handler.rollback();
        assertEquals(ApplicationStatus.RUNNING, t.node.application("chatcore").orElseThrow().status());
        assertEquals("1.0.0", Hotrel.call("store", "version"));
        assertEquals(1, Hotrel.call("listener", "say:back"));
    }

    /** Crashes chatcore's index until its supervisor gives up. */
    private void failChatcore() {
        RunningApplication core = t.node.application("chatcore").orElseThrow();
        for (int i = 0; i < 20 && core.status() != ApplicationStatus.FAILED; i++) {
            try {
                Hotrel.call("index", "crash");
            } catch (RuntimeException expected) {
                // each crash counts against the intensity
            }
            dev.hotrel.runtime.TestWaits.await("index restarted or the application failed",
                    () -> core.status() == ApplicationStatus.FAILED || (Hotrel.exists("index")
                            && t.node.registry().lookup("index").code() != null));
        }
        assertEquals(ApplicationStatus.FAILED, core.status());
    }

    private static void say(String... ids) {
        for (String id : ids) {
            Hotrel.call("listener", "say:" + id);
        }
    }

    private static List<String> names(List<ServerProcess> servers) {
        return servers.stream().map(ServerProcess::name).toList();
    }

    /** Clients saying unique lines through the listener, with the call timeout OTP has (5 s). */
    private static final class Talk implements AutoCloseable {
        private final ExecutorService pool;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<List<String>> said = new ArrayList<>();
        private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        private final List<Future<?>> clients = new ArrayList<>();

        Talk(int threads) {
            pool = Executors.newFixedThreadPool(threads);
            for (int c = 0; c < threads; c++) {
                List<String> mine = Collections.synchronizedList(new ArrayList<>());
                said.add(mine);
                int client = c;
                clients.add(pool.submit(() -> {
                    for (int n = 0; running.get(); n++) {
                        String id = client + "-" + n;
                        try {
                            Hotrel.call("listener", "say:" + id);
                            mine.add(id);
                        } catch (RuntimeException e) {
                            failures.add(e);
                            return;
                        }
                    }
                }));
            }
        }

        long count() {
            return said.stream().mapToLong(List::size).sum();
        }

        void await(int more) {
            long target = count() + more;
            dev.hotrel.runtime.TestWaits.await("clients to make progress", () -> count() >= target || !failures.isEmpty());
            assertEquals(List.of(), failures);
        }

        /** Every line answered is in the store exactly once, and nothing else is. */
        @SuppressWarnings("unchecked")
        void stopAndCheck() throws Exception {
            running.set(false);
            for (Future<?> f : clients) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertEquals(List.of(), failures);
            List<String> stored = (List<String>) Hotrel.call("store", "lines");
            Set<String> unique = new HashSet<>(stored);
            assertEquals(stored.size(), unique.size(), "a request was handled twice");
            Set<String> answered = new HashSet<>();
            said.forEach(answered::addAll);
            assertEquals(answered, unique, "a request was lost or handled without an answer");
        }

        @Override
        public void close() {
            running.set(false);
            pool.shutdownNow();
        }
    }
}
