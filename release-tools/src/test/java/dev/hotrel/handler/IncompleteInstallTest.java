package dev.hotrel.handler;

import dev.hotrel.api.Hotrel;
import dev.hotrel.handler.exec.InstallReport;
import dev.hotrel.release.ReleaseStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An install whose plan ran to the end but left an application of the release not running (its
 * restart after the commit failed): the release is current and says so, and it is not made
 * permanent until the application runs.
 */
class IncompleteInstallTest {

    @TempDir
    Path dir;
    private HandlerTestNode t;
    private final List<InstallReport> told = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        t = HandlerTestNode.create(dir);
        assertEquals("1.1.0", t.handler.unpackRelease("demo-1.1.0.tar.gz"));
        t.handler.addListener(new HandlerListener() {
            @Override
            public void installed(InstallReport report) {
                told.add(report);
            }
        });
    }

    @AfterEach
    void stop() {
        System.clearProperty("fixture.failinit.once.counter");
        t.close();
    }

    @Test
    void aRestartThatFailsAfterTheCommitIsReportedAndKeepsTheReleaseFromBeingMadePermanentUntilTheApplicationRuns()
            throws Exception {
        t.handler.applications().stop("counter"); // a stopped application is restarted afresh by the install, after its commit
        System.setProperty("fixture.failinit.once.counter", "yes");
        InstallReport report = t.handler.installRelease("1.1.0");

        assertEquals("demo-1.1.0", t.handler.current().id());
        assertEquals(List.of("counter (stopped)"), report.notRunning());
        assertTrue(report.warnings().stream().anyMatch(w -> w.matches("step \\d+ \\(restart application counter on counter@1\\.1\\.0\\) "
                + "failed: .*counter cannot start \\(as asked, once\\)")), report.warnings().toString());
        assertEquals("application(s) counter (stopped) do not run: demo-1.1.0 is installed but cannot be made permanent until "
                + "they do; restart them (hotrel restart counter) or roll back to demo-1.0.0 (hotrel rollback)",
                report.warnings().get(report.warnings().size() - 1));
        assertEquals(List.of(report), told, "listeners (the notification) hear the same report");

        byte[] releasesFile = Files.readAllBytes(t.root.releasesFile());
        HandlerException refused = assertThrows(HandlerException.class, () -> t.handler.makePermanent("1.1.0"));
        assertEquals(Reason.APPLICATIONS_NOT_RUNNING, refused.reason());
        assertEquals("release demo-1.1.0 cannot be made permanent while application(s) of it do not run: counter (stopped); "
                + "restart them (hotrel restart counter, or the Application MBean's restart) and try again, or roll back to "
                + "demo-1.0.0", refused.getMessage());
        assertArrayEquals(releasesFile, Files.readAllBytes(t.root.releasesFile()), "RELEASES.json untouched");
        assertEquals("demo-1.0.0", t.handler.permanent().id());

        t.handler.applications().restart("counter");
        assertEquals("1.1.0", Hotrel.call("counter", "version"));
        t.handler.makePermanent("1.1.0");
        assertEquals("demo-1.1.0", t.handler.permanent().id());
        assertEquals(ReleaseStatus.PERMANENT, t.handler.current().status());
    }

    @Test
    void anApplicationStoppedOrFailedSinceTheInstallKeepsItsReleaseFromBeingMadePermanent() {
        InstallReport report = t.handler.installRelease("1.1.0");
        assertEquals(List.of(), report.notRunning());
        assertEquals(List.of(), report.warnings());

        t.handler.applications().stop("greeter");
        HandlerException refused = assertThrows(HandlerException.class, () -> t.handler.makePermanent("1.1.0"));
        assertEquals(Reason.APPLICATIONS_NOT_RUNNING, refused.reason());
        assertTrue(refused.getMessage().contains(": greeter (stopped); restart them (hotrel restart greeter, "), refused.getMessage());

        t.handler.applications().start("greeter");
        t.handler.makePermanent("1.1.0");
        assertEquals("demo-1.1.0", t.handler.permanent().id());
        t.handler.makePermanent("1.1.0"); // idempotent
    }

    @Test
    void aRollbackWhoseRestartFailsSaysTheApplicationDoesNotRun() throws Exception {
        t.handler.installRelease("1.1.0");
        t.handler.applications().stop("counter");
        HandlerException refused = assertThrows(HandlerException.class, () -> t.handler.makePermanent("1.1.0"));
        assertEquals(Reason.APPLICATIONS_NOT_RUNNING, refused.reason());
        // Back to the permanent release: the stopped counter is started afresh there, after the commit.
        InstallReport back = t.handler.rollback();
        assertEquals(List.of(), back.notRunning(), back.warnings().toString());
        assertEquals("1.0.0", Hotrel.call("counter", "version"));
    }
}
