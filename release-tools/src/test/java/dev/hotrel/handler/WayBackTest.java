package dev.hotrel.handler;

import dev.hotrel.api.Hotrel;
import dev.hotrel.handler.exec.InstallReport;
import dev.hotrel.runtime.code.AppVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The install back to where the last install came from, prepared in the background, and used only while it holds. */
class WayBackTest {

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
        t.close();
    }

    @Test
    void theInstallBackUsesWhatWasPreparedAfterTheInstall() {
        Hotrel.call("counter", "set:5");
        t.handler.installRelease("1.1.0");
        Preparation back = t.handler.awaitWayBack();
        assertNotNull(back, "the way back was prepared");
        assertEquals(List.of(), back.problems());
        assertEquals("demo-1.1.0", back.plan().from());
        assertEquals("demo-1.0.0", back.plan().to());
        AppVersion staged = back.targets().get("counter").version();
        assertEquals("counter@1.0.0", staged.id());

        InstallReport down = t.handler.installRelease("1.0.0");
        assertEquals(List.of("counter/counter"), down.moved());
        assertSame(staged, t.node.application("counter").orElseThrow().current(), "the prepared version runs now");
        assertEquals("1.0.0", Hotrel.call("counter", "version"));
        assertEquals(5L, Hotrel.call("counter", "get"), "state converted back");
    }

    @Test
    void aPreparationWhoseTreesChangedMeanwhileIsDiscardedAndTheInstallPreparesAfresh() {
        t.handler.installRelease("1.1.0");
        Preparation back = t.handler.awaitWayBack();
        assertNotNull(back);
        AppVersion staged = back.targets().get("counter").version();

        t.handler.applications().stop("greeter"); // the node no longer runs the trees the way back was planned from
        InstallReport down = t.handler.installRelease("1.0.0");

        assertTrue(staged.isRetired(), "the stale preparation's version was discarded");
        AppVersion running = t.node.application("counter").orElseThrow().current();
        assertNotSame(staged, running);
        assertEquals("counter@1.0.0", running.id());
        assertEquals("1.0.0", Hotrel.call("counter", "version"));
        assertEquals(List.of("greeter (stopped)"), down.notRunning(), "planned from the node as it is now");
    }
}
