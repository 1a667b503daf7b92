package dev.hotrel.mbeans;

import dev.hotrel.handler.FixtureReleases;
import dev.hotrel.mbeans.Cli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.hotrel.mbeans.Cli.hotrel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A release installed with an application that does not run after it, on a real node JVM: the CLI
 * over Jolokia HTTP and the JMX notification say so, and {@code permanent} refuses it, naming the
 * application and what to do, until {@code restart} brings the application back. The node runs with
 * counter 1.1.0's init set to fail once, and counter is stopped before the install, so that the
 * install restarts it afresh after its commit, and that restart fails.
 */
class IncompleteInstallNodeTest {

    @TempDir
    Path dir;

    @Test
    void theCliAndTheNotificationSayAnApplicationDoesNotRunAndPermanentWaitsForIt() throws Exception {
        try (NodeProcess node = NodeProcess.start(dir, List.of("-Dfixture.failinit.once.counter=yes"),
                "--jolokia", "127.0.0.1:0", "--jmx-port", "0"); JMXConnector c = node.jmx()) {
            String url = node.jolokiaUrl;
            MBeanServerConnection jmx = c.getMBeanServerConnection();
            BlockingQueue<Notification> installed = new LinkedBlockingQueue<>();
            NotificationListener listener = (n, handback) -> {
                if (n.getType().equals("hotrel.release.installed")) {
                    installed.add(n);
                }
            };
            jmx.addNotificationListener(NodeMBeans.RELEASE_HANDLER, listener, null, null);

            assertEquals("stopped counter 1.0.0: STOPPED", hotrel("--url", url, "stop", "counter").out().strip());
            Result deploy = hotrel("--url", url, "deploy", FixtureReleases.archive("1.1.0").toString());
            assertEquals(0, deploy.code(), deploy.toString());
            assertTrue(deploy.out().matches("(?s).*\nwarning: step \\d+ \\(restart application counter on counter@1\\.1\\.0\\) failed: "
                    + "[^\n]*counter cannot start \\(as asked, once\\)\n.*"), deploy.out());
            assertTrue(deploy.out().contains("\nwarning: application(s) counter (stopped) do not run: demo-1.1.0 is installed but "
                    + "cannot be made permanent until they do; restart them (hotrel restart counter) or roll back to demo-1.0.0 "
                    + "(hotrel rollback)\n"), deploy.out());
            assertTrue(deploy.out().endsWith("not permanent yet: counter (stopped) not running; bring them back with: hotrel --url "
                    + url + " restart APP, then make it permanent; or roll back with: hotrel --url " + url + " rollback\n"), deploy.out());

            Notification n = installed.poll(30, TimeUnit.SECONDS);
            assertNotNull(n, "no installed notification");
            assertTrue(n.getMessage().contains("; with 2 warning(s): step "), n.getMessage());
            assertArrayEquals(new String[] {"counter (stopped)"}, (String[]) ((CompositeData) n.getUserData()).get("notRunning"));

            Result refused = hotrel("--url", url, "permanent", "1.1.0");
            assertEquals(1, refused.code(), refused.toString());
            assertEquals("hotrel permanent: makePermanent failed: release demo-1.1.0 cannot be made permanent while application(s) "
                    + "of it do not run: counter (stopped); restart them (hotrel restart counter, or the Application MBean's "
                    + "restart) and try again, or roll back to demo-1.0.0; the node runs demo-1.1.0 (permanent: demo-1.0.0)",
                    refused.err().strip());
            assertTrue(hotrel("--url", url, "status").out().contains("runs 1.1.0, boots 1.0.0"), "still the permanent release boots");

            assertEquals("restarted counter 1.1.0: RUNNING", hotrel("--url", url, "restart", "counter").out().strip());
            Result permanent = hotrel("--url", url, "permanent", "1.1.0");
            assertEquals(0, permanent.code(), permanent.toString());
            assertTrue(hotrel("--url", url, "status").out().contains("runs 1.1.0, boots 1.1.0"));
            jmx.removeNotificationListener(NodeMBeans.RELEASE_HANDLER, listener);
        }
    }
}
