package dev.hotrel.handler;

import dev.hotrel.api.Hotrel;
import dev.hotrel.handler.exec.InstallReport;
import dev.hotrel.handler.plan.Step;
import dev.hotrel.runtime.server.ServerProcess;
import dev.hotrel.runtime.server.ServerStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An operator's suspend, resume and state of one server, through the release handler, on a real
 * root; and what they get while an install holds the server (held by the fault injector at a step).
 */
class ServerControlTest {

    @TempDir
    Path dir;
    private HandlerTestNode t;
    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @BeforeEach
    void start() throws Exception {
        t = HandlerTestNode.create(dir);
        assertEquals("1.1.0", t.handler.unpackRelease("demo-1.1.0.tar.gz"));
        Hotrel.call("counter", "set:41");
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        t.close();
    }

    @Test
    void suspendResumeAndStateOfAServerWhenNoOperationRuns() {
        ServerControl servers = t.handler.servers();
        servers.suspend("counter", "counter");
        assertEquals(ServerStatus.SUSPENDED, counter().status());
        assertTrue(servers.state("counter", "counter").contains("\"count\" : 41"), "a suspended server is read at once");
        servers.suspend("counter", "counter");
        servers.resume("counter", "counter");
        assertEquals(ServerStatus.RUNNING, counter().status());
        assertEquals(42L, Hotrel.call("counter", "next"));
        assertTrue(t.handler.lastOperation().startsWith("resuming server counter/counter: ok"), t.handler.lastOperation());
    }

    @Test
    void aServerIsNamedWithItsApplication() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.handler.servers().resume("greeter", "counter"));
        assertEquals("application greeter has no server 'counter' (a server of that name belongs to application counter)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.handler.servers().state("counter", "nope"));
        assertEquals("application counter has no server 'nope'", e.getMessage());
    }

    @Test
    void whileAnInstallHoldsTheServerOperatorsAreBusyAndTheInstallFinishesWithIt() throws Exception {
        Held held = holdAt(step -> step instanceof Step.Apply);
        Future<InstallReport> install = pool.submit(() -> t.handler.installRelease("1.1.0"));
        held.await();
        assertTurnedAway();
        held.release();
        install.get(30, TimeUnit.SECONDS);
        assertEquals(ServerStatus.RUNNING, counter().status());
        assertEquals("1.1.0", Hotrel.call("counter", "version"));
        assertEquals(42L, Hotrel.call("counter", "next"), "the state moved, once");
    }

    @Test
    void whileAnInstallHoldsTheServerOperatorsAreBusyAndItsUndoFindsTheServerAsItLeftIt() throws Exception {
        Held held = holdAt(step -> step instanceof Step.Apply);
        t.handler.setFaultInjector(held.then(step -> step instanceof Step.Commit, "injected at the commit"));
        Future<InstallReport> install = pool.submit(() -> t.handler.installRelease("1.1.0"));
        held.await();
        assertTurnedAway();
        held.release();
        ExecutionException e = assertThrows(ExecutionException.class, () -> install.get(30, TimeUnit.SECONDS));
        HandlerException failed = assertInstanceOf(HandlerException.class, e.getCause());
        assertEquals(Reason.INSTALL_FAILED, failed.reason());
        assertTrue(failed.getMessage().endsWith("injected at the commit; rolled back; current release is demo-1.0.0"),
                failed.getMessage());
        assertEquals(ServerStatus.RUNNING, counter().status());
        assertEquals("1.0.0", Hotrel.call("counter", "version"));
        assertEquals(42L, Hotrel.call("counter", "next"), "its very state, nothing ran on the code taken back");
    }

    /** Every operator operation on the held server and its application is busy; the server stays the install's. */
    private void assertTurnedAway() {
        assertTrue(counter().isSuspended());
        ServerControl servers = t.handler.servers();
        ApplicationControl apps = t.handler.applications();
        for (Runnable operation : List.<Runnable>of(() -> servers.resume("counter", "counter"),
                () -> servers.suspend("counter", "counter"), () -> servers.state("counter", "counter"),
                () -> apps.restart("counter"), () -> apps.stop("counter"))) {
            HandlerException e = assertThrows(HandlerException.class, operation::run);
            assertEquals(Reason.BUSY, e.reason());
            assertTrue(e.getMessage().startsWith("busy: installing 1.1.0"), e.getMessage());
        }
        assertTrue(counter().isSuspended(), "still suspended: the install resumes it, or its undo does");
        assertFalse(servers.state("greeter", "greeter").isEmpty(), "a server the install did not suspend is read as always");
    }

    private ServerProcess counter() {
        return t.node.registry().lookup("counter");
    }

    private Held holdAt(Predicate<Step> at) {
        Held held = new Held(at);
        t.handler.setFaultInjector(held.then(s -> false, null));
        return held;
    }

    /** Holds the install before the first step that matches, until released. */
    private static final class Held {
        private final Predicate<Step> at;
        private final CountDownLatch inside = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);

        Held(Predicate<Step> at) {
            this.at = at;
        }

        /** The fault injector: holds at {@code at}, then throws {@code failure} before {@code failAt}. */
        dev.hotrel.handler.exec.StepListener then(Predicate<Step> failAt, String failure) {
            return (index, count, step) -> {
                if (at.test(step) && inside.getCount() > 0) {
                    inside.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (failAt.test(step)) {
                    throw new IllegalStateException(failure);
                }
            };
        }

        void await() throws InterruptedException {
            assertTrue(inside.await(30, TimeUnit.SECONDS), "the install never reached the step");
        }

        void release() {
            release.countDown();
        }
    }
}
