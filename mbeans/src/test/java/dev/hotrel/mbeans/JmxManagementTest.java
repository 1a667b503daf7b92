package dev.hotrel.mbeans;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real node JVM driven over a real RMI JMX connector, as a remote JConsole would. */
class JmxManagementTest {

    private static final ObjectName HANDLER = NodeMBeans.RELEASE_HANDLER;
    private static final Set<String> EDITABLE = Set.of("java.lang.String", "int", "long", "boolean");

    @TempDir
    Path dir;

    @Test
    void everyMBeanIsDescribedForJConsoleWithEditableParameters() throws Exception {
        try (NodeProcess node = NodeProcess.start(dir, "--no-jolokia", "--jmx-port", "0"); JMXConnector c = node.jmx()) {
            MBeanServerConnection jmx = c.getMBeanServerConnection();
            Set<ObjectName> names = Set.of();
            // Polled for two seconds after the start, while the node practises installs after boot (a few hundred
            // ms): the practice's node has MBeans of its own, on an MBeanServer of its own, never on this one.
            for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2); System.nanoTime() < end; Thread.sleep(10)) {
                names = jmx.queryNames(new ObjectName("hotrel:*"), null);
                assertEquals(new TreeSet<>(List.of("hotrel:type=ReleaseHandler", "hotrel:name=counter,type=Application",
                        "hotrel:name=greeter,type=Application", "hotrel:app=counter,name=counter,type=Server",
                        "hotrel:app=greeter,name=greeter,type=Server")),
                        new TreeSet<>(names.stream().map(ObjectName::getCanonicalName).toList()));
            }
            for (ObjectName name : names) {
                MBeanInfo info = jmx.getMBeanInfo(name);
                assertFalse(info.getDescription().isBlank(), name + " has no description");
                for (MBeanAttributeInfo a : info.getAttributes()) {
                    assertNotEquals(a.getName(), a.getDescription(), name + " attribute " + a.getName() + " is not described");
                }
                for (MBeanOperationInfo op : info.getOperations()) {
                    String what = name + " operation " + op.getName();
                    assertNotEquals(op.getName(), op.getDescription(), what + " is not described");
                    assertTrue(op.getImpact() == MBeanOperationInfo.ACTION || op.getImpact() == MBeanOperationInfo.INFO, what);
                    for (MBeanParameterInfo p : op.getSignature()) {
                        assertFalse(p.getName().matches("p\\d+"), what + " has an unnamed parameter " + p.getName());
                        assertTrue(EDITABLE.contains(p.getType()), what + " parameter " + p.getName() + " has type " + p.getType()
                                + ", which JConsole cannot edit");
                        assertFalse(p.getDescription().isBlank(), what + " parameter " + p.getName());
                    }
                }
            }
            MBeanOperationInfo install = Arrays.stream(jmx.getMBeanInfo(HANDLER).getOperations())
                    .filter(o -> o.getName().equals("installRelease")).findFirst().orElseThrow();
            assertEquals("version", install.getSignature()[0].getName());
            assertEquals(MBeanOperationInfo.ACTION, install.getImpact());
            Set<String> types = new TreeSet<>();
            for (MBeanNotificationInfo n : jmx.getMBeanInfo(HANDLER).getNotifications()) {
                types.addAll(List.of(n.getNotifTypes()));
            }
            assertTrue(types.containsAll(List.of("hotrel.release.unpacked", "hotrel.install.started", "hotrel.release.installed",
                    "hotrel.install.rolledBack", "hotrel.release.permanent", "hotrel.release.removed", "hotrel.purge.refused",
                    "hotrel.loader.leaked", "hotrel.server.restarted")), types.toString());
            assertTrue(Arrays.stream(jmx.getMBeanInfo(NodeMBeans.serverName("counter", "counter")).getOperations())
                    .anyMatch(o -> o.getName().equals("getState")), "getState is an operation");
        }
    }

    @Test
    void theWholeLifecycleOverJmxWithNotifications() throws Exception {
        try (NodeProcess node = NodeProcess.start(dir, "--no-jolokia", "--jmx-port", "0"); JMXConnector c = node.jmx()) {
            MBeanServerConnection jmx = c.getMBeanServerConnection();
            BlockingQueue<Notification> notes = new LinkedBlockingQueue<>();
            NotificationListener listener = (n, handback) -> notes.add(n);
            jmx.addNotificationListener(HANDLER, listener, null, null);

            // Deliver the archive through JMX itself, in pieces, as a client without shared disk would.
            Path inboxCopy = node.root.resolve("inbox/demo-1.1.0.tar.gz");
            byte[] archiveBytes = Files.readAllBytes(inboxCopy);
            Files.delete(inboxCopy);
            String archive = upload(jmx, archiveBytes, "demo-1.1.0.tar.gz");
            assertEquals("demo-1.1.0.tar.gz", archive);
            assertEquals("1.1.0", jmx.invoke(HANDLER, "unpackRelease", new Object[] {archive}, sig(1)));
            assertEquals("hotrel.release.unpacked", next(notes).getType());

            CompositeData check = (CompositeData) jmx.invoke(HANDLER, "checkInstallRelease", new Object[] {"1.1.0"}, sig(1));
            assertEquals(Boolean.TRUE, check.get("installable"));
            assertTrue(Arrays.asList((String[]) check.get("plan")).contains("6. commit"), Arrays.toString((String[]) check.get("plan")));
            assertArrayEquals(new String[] {"counter/counter: codeChange of counter@1.1.0 converts the state (runs at install)"},
                    (String[]) check.get("conversions"));

            CompositeData installed = (CompositeData) jmx.invoke(HANDLER, "installRelease", new Object[] {"1.1.0"}, sig(1));
            assertArrayEquals(new String[] {"counter/counter"}, (String[]) installed.get("moved"));
            assertEquals("hotrel.install.started", next(notes).getType());
            Notification done = next(notes);
            assertEquals("hotrel.release.installed", done.getType());
            assertEquals("demo-1.1.0", ((CompositeData) done.getUserData()).get("to"));
            assertEquals("1.1.0", jmx.getAttribute(HANDLER, "CurrentVersion"));
            assertEquals("1.0.0", jmx.getAttribute(HANDLER, "PermanentVersion"));
            ObjectName counter = NodeMBeans.serverName("counter", "counter");
            assertEquals("1.1.0", jmx.getAttribute(counter, "Version"));
            assertTrue(((String) jmx.invoke(counter, "getState", new Object[0], new String[0])).contains("\"note\" : \"migrated from 1.0.0\""));

            jmx.invoke(counter, "suspend", new Object[0], new String[0]);
            assertEquals("SUSPENDED", jmx.getAttribute(counter, "Status"));
            jmx.invoke(counter, "resume", new Object[0], new String[0]);
            assertEquals("RUNNING", jmx.getAttribute(counter, "Status"));

            ObjectName greeter = NodeMBeans.applicationName("greeter");
            jmx.invoke(greeter, "stop", new Object[0], new String[0]);
            assertEquals("STOPPED", jmx.getAttribute(greeter, "Status"));
            assertFalse(jmx.isRegistered(NodeMBeans.serverName("greeter", "greeter")), "a stopped application's servers go");
            jmx.invoke(greeter, "start", new Object[0], new String[0]);
            assertEquals("RUNNING", jmx.getAttribute(greeter, "Status"));
            assertTrue(jmx.isRegistered(NodeMBeans.serverName("greeter", "greeter")));
            assertEquals("counter has no old code to purge",
                    jmx.invoke(NodeMBeans.applicationName("counter"), "softPurge", new Object[0], new String[0]));

            jmx.invoke(HANDLER, "makePermanent", new Object[] {"1.1.0"}, sig(1));
            MBeanException nothing = assertThrows(MBeanException.class, () -> jmx.invoke(HANDLER, "rollback", new Object[0], new String[0]));
            assertEquals("nothing to roll back: the node runs its permanent release demo-1.1.0; the node runs demo-1.1.0 "
                    + "(permanent: demo-1.1.0)", nothing.getMessage());
            assertTrue(nothing.getTargetException() instanceof IllegalArgumentException, "a JDK exception a remote JConsole can read");

            assertEquals("2.0.0", jmx.invoke(HANDLER, "unpackRelease", new Object[] {"demo-2.0.0.tar.gz"}, sig(1)));
            jmx.invoke(HANDLER, "installRelease", new Object[] {"2.0.0"}, sig(1));
            assertTrue(jmx.isRegistered(NodeMBeans.applicationName("metrics")), "an added application appears");
            assertFalse(jmx.isRegistered(NodeMBeans.applicationName("greeter")), "a removed application disappears");
            assertTrue(jmx.isRegistered(NodeMBeans.serverName("metrics", "metrics")));

            MBeanException failed = assertThrows(MBeanException.class,
                    () -> jmx.invoke(HANDLER, "removeRelease", new Object[] {"1.1.0"}, sig(1)));
            assertTrue(failed.getMessage().startsWith("release demo-1.1.0 is permanent and cannot be removed"), failed.getMessage());
            jmx.invoke(HANDLER, "removeRelease", new Object[] {"1.0.0"}, sig(1));
            assertEquals(2, ((CompositeData[]) jmx.getAttribute(HANDLER, "Releases")).length);
            assertArrayEquals(new String[0], (String[]) jmx.invoke(HANDLER, "verifyRelease", new Object[] {"2.0.0"}, sig(1)));
            assertArrayEquals(new String[0], (String[]) jmx.invoke(HANDLER, "findLeaks", new Object[0], new String[0]));
            jmx.removeNotificationListener(HANDLER, listener);
        }
    }

    @Test
    void aJmxPasswordFileIsEnforced() throws Exception {
        Path passwords = dir.resolve("jmx.password");
        Files.writeString(passwords, "ops s3cret\n");
        try (NodeProcess node = NodeProcess.start(dir, "--no-jolokia", "--jmx-port", "0", "--jmx-password-file", passwords.toString())) {
            JMXServiceURL url = new JMXServiceURL(node.jmxUrl);
            assertThrows(SecurityException.class, () -> JMXConnectorFactory.connect(url).close());
            assertThrows(SecurityException.class, () -> JMXConnectorFactory.connect(url,
                    Map.of(JMXConnector.CREDENTIALS, new String[] {"ops", "wrong"})).close());
            try (JMXConnector c = JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {"ops", "s3cret"}))) {
                assertEquals("1.0.0", c.getMBeanServerConnection().getAttribute(HANDLER, "CurrentVersion"));
            }
        }
    }

    @Test
    void sigtermStopsTheNodeCleanlyServersInReverseStartOrder() throws Exception {
        NodeProcess node = NodeProcess.start(dir, "--no-jolokia");
        int code = node.stop();
        assertTrue(code == 0 || code == 143, "exit code " + code);
        List<String> out = new ArrayList<>(node.output);
        int greeter = indexOf(out, "stopped greeter@1.0.0");
        int counter = indexOf(out, "stopped counter@1.0.0");
        assertTrue(greeter >= 0 && counter > greeter, out.toString());
        assertTrue(out.contains("hotrel-node: stopped"), out.toString());
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    static String upload(MBeanServerConnection jmx, byte[] bytes, String as) throws Exception {
        String id = (String) jmx.invoke(HANDLER, "uploadBegin", new Object[] {as, (long) bytes.length},
                new String[] {"java.lang.String", "long"});
        for (int off = 0; off < bytes.length; off += 4096) {
            byte[] piece = Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + 4096));
            jmx.invoke(HANDLER, "uploadChunk", new Object[] {id, Base64.getEncoder().encodeToString(piece)},
                    new String[] {"java.lang.String", "java.lang.String"});
        }
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        return (String) jmx.invoke(HANDLER, "uploadEnd", new Object[] {id, sha}, new String[] {"java.lang.String", "java.lang.String"});
    }

    private static Notification next(BlockingQueue<Notification> notes) throws InterruptedException {
        Notification n = notes.poll(30, TimeUnit.SECONDS);
        assertNotNull(n, "no notification came");
        return n;
    }

    private static String[] sig(int strings) {
        String[] s = new String[strings];
        Arrays.fill(s, "java.lang.String");
        return s;
    }
}
