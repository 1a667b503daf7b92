package dev.hotrel.handler;

import dev.hotrel.api.Hotrel;
import dev.hotrel.api.NoSuchServerException;
import dev.hotrel.api.ServerDownException;
import dev.hotrel.handler.exec.InstallReport;
import dev.hotrel.runtime.NodeListener;
import dev.hotrel.runtime.app.ApplicationStatus;
import dev.hotrel.runtime.app.RunningApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An operator's start, stop and restart of one application, through the release handler, on a real root. */
class ApplicationControlTest {

    @TempDir
    Path dir;
    private HandlerTestNode t;

    @BeforeEach
    void start() throws Exception {
        t = HandlerTestNode.create(dir);
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void startForgetsAFailedApplicationAndStartsItAfreshOnTheRunningReleasesVersion() throws Exception {
        RunningApplication failed = failCounter();
        t.handler.applications().start("counter");
        RunningApplication started = t.node.application("counter").orElseThrow();
        assertNotSame(failed, started);
        assertEquals(ApplicationStatus.RUNNING, started.status());
        assertEquals("counter@1.0.0", started.current().id());
        assertEquals(1L, Hotrel.call("counter", "next"));

        t.handler.applications().start("counter");
        assertSame(started, t.node.application("counter").orElseThrow(), "a running application is left alone");
    }

    @Test
    void stopForgetsAFailedApplicationAndRestartBringsOneBack() throws Exception {
        failCounter();
        t.handler.applications().stop("counter");
        assertTrue(t.node.application("counter").isEmpty());

        failCounterAfter(() -> t.handler.applications().start("counter"));
        t.handler.applications().restart("counter");
        assertEquals(ApplicationStatus.RUNNING, t.node.application("counter").orElseThrow().status());
        assertEquals(1L, Hotrel.call("counter", "next"));
    }

    @Test
    void applicationOperationsAreBusyWhileAnInstallRuns() throws Exception {
        assertEquals("1.1.0", t.handler.unpackRelease("demo-1.1.0.tar.gz"));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        t.handler.setFaultInjector((index, count, step) -> {
            if (index == 1) {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<InstallReport> install = pool.submit(() -> t.handler.installRelease("1.1.0"));
            assertTrue(inside.await(10, TimeUnit.SECONDS));
            for (Runnable operation : List.<Runnable>of(() -> t.handler.applications().start("greeter"),
                    () -> t.handler.applications().stop("greeter"), () -> t.handler.applications().restart("greeter"))) {
                HandlerException e = assertThrows(HandlerException.class, operation::run);
                assertEquals(Reason.BUSY, e.reason());
                assertTrue(e.getMessage().startsWith("busy: installing 1.1.0 (since "), e.getMessage());
            }
            release.countDown();
            install.get(30, TimeUnit.SECONDS);
            assertEquals(ApplicationStatus.RUNNING, t.node.application("greeter").orElseThrow().status());
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void anApplicationTheRunningReleaseDoesNotNameIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.handler.applications().start("nope"));
        assertEquals("release demo-1.0.0 has no application 'nope'", e.getMessage());
    }

    private RunningApplication failCounter() throws Exception {
        return failCounterAfter(() -> { });
    }

    /** Runs {@code before}, then crashes the counter until its supervisor gives up (more than 10 restarts). */
    private RunningApplication failCounterAfter(Runnable before) throws Exception {
        CompletableFuture<RunningApplication> failed = new CompletableFuture<>();
        NodeListener listener = new NodeListener() {
            @Override
            public void applicationFailed(RunningApplication app) {
                failed.complete(app);
            }
        };
        t.node.addListener(listener);
        try {
            before.run();
            for (int crash = 0; crash < 100 && !failed.isDone(); crash++) {
                try {
                    Hotrel.call("counter", "crash");
                } catch (ServerDownException | NoSuchServerException e) {
                    // crashed, or already stopped by its supervisor
                }
            }
            RunningApplication app = failed.get(10, TimeUnit.SECONDS);
            assertEquals(ApplicationStatus.FAILED, app.status());
            assertSame(app, t.node.application("counter").orElseThrow(), "a failed application stays, with its reason");
            return app;
        } finally {
            t.node.removeListener(listener);
        }
    }
}
