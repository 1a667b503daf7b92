package dev.hotrel.handler;

import dev.hotrel.api.Hotrel;
import dev.hotrel.handler.plan.Step;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An appup's {@code apply} paired with an {@code undo}, end to end: counter 1.1.0's appup applies
 * {@code Hooks.check("up")} and names {@code Hooks.uncheck("up")} as its undo; packed, unpacked,
 * checked and installed on a real root.
 */
class ApplyUndoTest {

    @TempDir
    Path dir;
    private HandlerTestNode t;

    @BeforeEach
    void start() throws Exception {
        t = HandlerTestNode.create(dir);
        assertEquals("1.1.0", t.handler.unpackRelease("demo-1.1.0.tar.gz"));
        System.clearProperty("fixture.applied.up");
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void aRollbackAfterTheApplyCallsItsUndoAndTheCheckSaysItWill() {
        CheckReport check = t.handler.checkInstallRelease("1.1.0");
        assertTrue(check.plan().contains("5. apply fixture.counter.Hooks.check(\"up\") in counter "
                + "(undone by fixture.counter.Hooks.uncheck(\"up\"))"), check.plan().toString());

        t.handler.setFaultInjector((index, count, step) -> {
            if (step instanceof Step.Commit) {
                throw new IllegalStateException("injected");
            }
        });
        HandlerException e = assertThrows(HandlerException.class, () -> t.handler.installRelease("1.1.0"));
        assertEquals(Reason.INSTALL_FAILED, e.reason());
        assertTrue(e.getMessage().endsWith("IllegalStateException: injected; rolled back; current release is demo-1.0.0"),
                e.getMessage());
        assertEquals("undone", System.getProperty("fixture.applied.up"), "the apply's undo ran on the rollback");
        assertEquals("1.0.0", Hotrel.call("counter", "version"));

        t.handler.setFaultInjector(null);
        t.handler.installRelease("1.1.0");
        assertEquals("yes", System.getProperty("fixture.applied.up"));
    }
}
