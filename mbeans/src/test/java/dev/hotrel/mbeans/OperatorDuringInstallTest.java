package dev.hotrel.mbeans;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an operator's JConsole can do to a node while an install runs, on a real node JVM over a
 * real JMX connector: the install is held at its {@code apply} step (the counter suspended and
 * already on its new code) by {@link HeldApply}, and every operation on the server or its
 * application is turned away as busy, so the install keeps the server in its hands until its own
 * resume, or its own undo.
 */
class OperatorDuringInstallTest {

    private static final ObjectName HANDLER = NodeMBeans.RELEASE_HANDLER;
    private static final ObjectName COUNTER = NodeMBeans.serverName("counter", "counter");
    private static final ObjectName COUNTER_APP = NodeMBeans.applicationName("counter");
    private static final Object[] NONE = new Object[0];
    private static final String[] NO_SIGNATURE = new String[0];

    @TempDir
    Path dir;

    @Test
    void serverAndApplicationOperationsAreBusyWhileAnInstallHoldsTheServerAndTheInstallEndsConsistent() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (HeldApply hold = new HeldApply("up");
             NodeProcess node = NodeProcess.start(dir, hold.jvmOption(), "--no-jolokia", "--jmx-port", "0");
             JMXConnector c = node.jmx()) {
            MBeanServerConnection jmx = c.getMBeanServerConnection();
            String before = state(jmx);
            assertEquals("1.1.0", jmx.invoke(HANDLER, "unpackRelease", new Object[] {"demo-1.1.0.tar.gz"}, strings(1)));

            // Held, turned away, then failed at the apply: the undo finds the server as the install left it.
            Future<Object> failing = pool.submit(() -> jmx.invoke(HANDLER, "installRelease", new Object[] {"1.1.0"}, strings(1)));
            hold.awaitHeld();
            assertOperatorIsTurnedAway(jmx);
            hold.fail();
            ExecutionException failed = assertThrows(ExecutionException.class, () -> failing.get(60, TimeUnit.SECONDS));
            MBeanException cause = assertInstanceOf(MBeanException.class, failed.getCause());
            assertTrue(cause.getMessage().matches("install demo-1\\.1\\.0 failed at step 5/\\d+ \\(apply fixture\\.counter\\.Hooks"
                    + "\\.check\\(\"up\"\\) in counter.*\\): .*apply up told to fail while held; rolled back; "
                    + "current release is demo-1\\.0\\.0"), cause.getMessage());
            assertEquals("RUNNING", jmx.getAttribute(COUNTER, "Status"));
            assertEquals("1.0.0", jmx.getAttribute(COUNTER, "Version"));
            assertEquals(before, state(jmx), "back on its old code with its very state");

            // Held, turned away, then let go: installed, the server resumed by the install itself.
            Future<Object> install = pool.submit(() -> jmx.invoke(HANDLER, "installRelease", new Object[] {"1.1.0"}, strings(1)));
            hold.awaitHeld();
            assertOperatorIsTurnedAway(jmx);
            hold.go();
            install.get(60, TimeUnit.SECONDS);
            assertEquals("1.1.0", jmx.getAttribute(HANDLER, "CurrentVersion"));
            assertEquals("RUNNING", jmx.getAttribute(COUNTER, "Status"));
            assertEquals("1.1.0", jmx.getAttribute(COUNTER, "Version"));
            assertTrue(state(jmx).contains("\"note\" : \"migrated from 1.0.0\""), state(jmx));
            assertEquals(Boolean.FALSE, jmx.getAttribute(HANDLER, "Busy"));

            // Idle again: the same operations work.
            jmx.invoke(COUNTER, "suspend", NONE, NO_SIGNATURE);
            assertEquals("SUSPENDED", jmx.getAttribute(COUNTER, "Status"));
            assertTrue(state(jmx).contains("\"note\" : \"migrated from 1.0.0\""), "a server the operator suspended is read");
            jmx.invoke(COUNTER, "resume", NONE, NO_SIGNATURE);
            assertEquals("RUNNING", jmx.getAttribute(COUNTER, "Status"));
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertOperatorIsTurnedAway(MBeanServerConnection jmx) throws Exception {
        assertEquals("SUSPENDED", jmx.getAttribute(COUNTER, "Status"));
        assertEquals(Boolean.TRUE, jmx.getAttribute(HANDLER, "Busy"));
        for (ObjectName mbean : List.of(COUNTER, COUNTER_APP)) {
            List<String> operations = mbean.equals(COUNTER) ? List.of("resume", "suspend", "getState")
                    : List.of("stop", "start", "restart", "softPurge");
            for (String operation : operations) {
                MBeanException e = assertThrows(MBeanException.class, () -> jmx.invoke(mbean, operation, NONE, NO_SIGNATURE),
                        operation + " of " + mbean + " during the install");
                assertTrue(e.getMessage().startsWith("busy: installing 1.1.0"), operation + ": " + e.getMessage());
                assertInstanceOf(IllegalArgumentException.class, e.getTargetException(), "busy is the sender's fault: try again");
            }
        }
        assertEquals("SUSPENDED", jmx.getAttribute(COUNTER, "Status"), "the install still holds the server");
    }

    private static String state(MBeanServerConnection jmx) throws Exception {
        return (String) jmx.invoke(COUNTER, "getState", NONE, NO_SIGNATURE);
    }

    private static String[] strings(int n) {
        String[] s = new String[n];
        java.util.Arrays.fill(s, "java.lang.String");
        return s;
    }
}
