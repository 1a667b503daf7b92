package dev.hotrel.handler;

import dev.hotrel.api.Hotrel;
import dev.hotrel.runtime.app.ApplicationStatus;
import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.server.ServerProcess;
import dev.hotrel.runtime.server.ServerStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server that crashes in a loop while installs run: before every step of every install the
 * counter is sent a message that crashes it (queued while it is suspended, so it also lands on the
 * new code right after the switch), through ten installs up and down. Its supervisor restarts it
 * until its intensity (10 restarts in 10 s) is spent, then the application fails. Whatever the
 * crashes do, every install must end within a bound, committed or rolled back in place with a
 * clear error, never leave a server suspended, never write {@code RELEASES.json}; and once the
 * crashes stop, one install brings the application back running on that release's code.
 */
class CrashLoopDuringInstallTest {

    @TempDir
    Path dir;
    private HandlerTestNode t;

    @BeforeEach
    void start() throws Exception {
        t = HandlerTestNode.create(dir);
        assertEquals("1.1.0", t.handler.unpackRelease("demo-1.1.0.tar.gz"));
    }

    @AfterEach
    void stop() {
        t.handler.setFaultInjector(null);
        t.close();
    }

    @Test
    void everyInstallEndsCommittedOrRolledBackAndTheApplicationComesBackOnceTheCrashesStop() throws Exception {
        byte[] releasesFile = Files.readAllBytes(t.root.releasesFile());
        AtomicInteger crashes = new AtomicInteger();
        t.handler.setFaultInjector((index, count, step) -> {
            try {
                Hotrel.cast("counter", "crash");
                crashes.incrementAndGet();
            } catch (RuntimeException e) {
                // the counter is between a crash and its restart, or its application gave up: nothing to crash
            }
        });
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String target = t.handler.current().version().toString().equals("1.0.0") ? "1.1.0" : "1.0.0";
            CompletableFuture<String> install = CompletableFuture.supplyAsync(() -> {
                try {
                    t.handler.installRelease(target);
                    return "installed " + target;
                } catch (HandlerException e) {
                    return "refused: " + e.reason() + ": " + e.getMessage();
                }
            });
            String outcome = install.get(60, TimeUnit.SECONDS); // bounded: a hung install fails here
            outcomes.add(outcome + " (counter " + t.node.application("counter").map(a -> a.status().name()).orElse("absent") + ")");
            assertTrue(outcome.startsWith("installed") || outcome.contains("rolled back; current release is")
                    || outcome.contains("counter"), "an install during a crash loop ended neither committed nor rolled "
                    + "back, nor refused naming the counter: " + outcome);
            assertNoServerSuspended();
        }
        t.handler.setFaultInjector(null);
        System.out.println("crash loop during installs: " + crashes + " crashes sent; " + outcomes);
        assertTrue(crashes.get() >= 10, "the crashes reached the counter " + crashes + " times");
        assertArrayEquals(releasesFile, Files.readAllBytes(t.root.releasesFile()), "installs write no state");

        // The crashes stopped: an install (or the rollback to the permanent release) brings the counter back.
        String current = t.handler.current().version().toString();
        if (current.equals("1.0.0")) {
            t.handler.installRelease("1.1.0");
        } else {
            t.handler.rollback();
        }
        RunningApplication counter = t.node.application("counter").orElseThrow();
        assertEquals(ApplicationStatus.RUNNING, counter.status());
        String release = t.handler.current().version().toString();
        assertEquals("counter@" + release, counter.current().id(), "the counter runs the current release's code");
        Hotrel.call("counter", "set:5");
        assertEquals(5L, Hotrel.call("counter", "get"));
        assertNoServerSuspended();
    }

    private void assertNoServerSuspended() {
        t.node.application("counter").ifPresent(app -> {
            for (ServerProcess s : app.servers()) {
                assertTrue(s.status() != ServerStatus.SUSPENDED, s + " is left suspended");
            }
        });
    }
}
