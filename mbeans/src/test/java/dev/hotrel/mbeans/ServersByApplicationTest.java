package dev.hotrel.mbeans;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An application over the node's {@code serverMBeans} limit, on a real node JVM started with
 * {@code -Dhotrel.serverMBeans=2} on the crowd releases ({@link CrowdReleases}: counter runs three
 * servers, five after the install of 1.1.0; greeter one): it has no Server MBeans, and its
 * Application MBean shows and handles every one of its servers, over a real JMX connector (as a
 * remote JConsole) and over real HTTP to Jolokia (as curl and scripts).
 */
class ServersByApplicationTest {

    private static final ObjectName HANDLER = NodeMBeans.RELEASE_HANDLER;
    private static final ObjectName COUNTER_APP = NodeMBeans.applicationName("counter");
    private static final ObjectName GREETER_APP = NodeMBeans.applicationName("greeter");
    private static final String[] ONE_STRING = {"java.lang.String"};
    private static final String LIMIT = "-Dhotrel.serverMBeans=2";
    private static final String OVER_LIMIT = "application counter runs 3 servers, over the serverMBeans limit of 2: its servers "
            + "are shown by its Application MBean (Servers attribute) instead of one MBean each";

    @TempDir
    Path dir;

    @Test
    void overJmxServersAreListedAndHandledByTheirApplicationAndBusyWhileAnInstallHoldsThem() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (HeldApply hold = new HeldApply("up");
             NodeProcess node = NodeProcess.startOn(CrowdReleases.root(dir), jvm(hold.jvmOption()), "--no-jolokia", "--jmx-port", "0");
             JMXConnector c = node.jmx()) {
            MBeanServerConnection jmx = c.getMBeanServerConnection();
            assertEquals(new TreeSet<>(List.of("hotrel:type=ReleaseHandler", "hotrel:name=counter,type=Application",
                            "hotrel:name=greeter,type=Application", "hotrel:app=greeter,name=greeter,type=Server")),
                    names(jmx, "hotrel:*"), "counter's servers have no MBean, greeter's (within the limit) keeps its own");
            assertEquals(Boolean.FALSE, jmx.getAttribute(COUNTER_APP, "ServerMBeans"));
            assertEquals(Boolean.TRUE, jmx.getAttribute(GREETER_APP, "ServerMBeans"));
            assertEquals(List.of("c2 RUNNING 1.0.0 0 0", "c3 RUNNING 1.0.0 0 0", "counter RUNNING 1.0.0 0 0"), rows(jmx, COUNTER_APP));
            assertEquals(List.of("greeter RUNNING 1.0.0 0 0"), rows(jmx, GREETER_APP));
            assertEquals(1, node.output.stream().filter(l -> l.contains(OVER_LIMIT)).count(), node.output.toString());
            assertFalse(node.output.stream().anyMatch(l -> l.contains("application greeter runs")), node.output.toString());
            assertDescribedForJConsole(jmx.getMBeanInfo(COUNTER_APP));

            // Idle: the application's operations work on its servers as a Server MBean's would.
            jmx.invoke(COUNTER_APP, "suspendServer", new Object[] {"c2"}, ONE_STRING);
            assertEquals(List.of("c2 SUSPENDED 1.0.0 0 0", "c3 RUNNING 1.0.0 0 0", "counter RUNNING 1.0.0 0 0"), rows(jmx, COUNTER_APP));
            assertTrue(state(jmx, "c2").contains("\"name\" : \"c2\""), "a server the operator suspended is read: " + state(jmx, "c2"));
            jmx.invoke(COUNTER_APP, "resumeServer", new Object[] {"c2"}, ONE_STRING);
            assertEquals("c2 RUNNING 1.0.0 0 0", rows(jmx, COUNTER_APP).get(0));
            MBeanException notOurs = assertThrows(MBeanException.class, () -> state(jmx, "greeter"));
            assertEquals("application counter has no server 'greeter' (a server of that name belongs to application greeter); "
                    + "the node runs crowd-1.0.0 (permanent: crowd-1.0.0)", notOurs.getMessage());

            // Held inside an install (counter, c2 and c3 suspended on their new code): turned away as busy.
            assertEquals("1.1.0", jmx.invoke(HANDLER, "unpackRelease", new Object[] {"crowd-1.1.0.tar.gz"}, ONE_STRING));
            Future<Object> install = pool.submit(() -> jmx.invoke(HANDLER, "installRelease", new Object[] {"1.1.0"}, ONE_STRING));
            hold.awaitHeld();
            assertEquals(List.of("c2 SUSPENDED", "c3 SUSPENDED", "counter SUSPENDED"),
                    rows(jmx, COUNTER_APP).stream().map(r -> r.substring(0, r.indexOf(" 1."))).toList());
            for (String operation : List.of("resumeServer", "suspendServer", "serverState")) {
                MBeanException e = assertThrows(MBeanException.class,
                        () -> jmx.invoke(COUNTER_APP, operation, new Object[] {"c2"}, ONE_STRING), operation + " during the install");
                assertTrue(e.getMessage().startsWith("busy: installing 1.1.0"), operation + ": " + e.getMessage());
                assertInstanceOf(IllegalArgumentException.class, e.getTargetException(), "busy is the sender's fault: try again");
            }
            hold.go();
            install.get(60, TimeUnit.SECONDS);

            assertEquals(List.of("c2 RUNNING 1.1.0 0 0", "c3 RUNNING 1.1.0 0 0", "c4 RUNNING 1.1.0 0 0", "c5 RUNNING 1.1.0 0 0",
                    "counter RUNNING 1.1.0 0 0"), rows(jmx, COUNTER_APP));
            assertEquals(Set.of(), names(jmx, "hotrel:type=Server,app=counter,*"));
            assertTrue(state(jmx, "c2").contains("\"note\" : \"migrated from 1.0.0\""), state(jmx, "c2"));
            assertTrue(state(jmx, "c4").contains("\"name\" : \"c4\""), "a server the install added: " + state(jmx, "c4"));
            assertEquals(1, node.output.stream().filter(l -> l.contains("application counter runs")).count(),
                    "told once per application: " + node.output);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void overJolokiaServersAreListedAndHandledByTheirApplication() throws Exception {
        try (NodeProcess node = NodeProcess.startOn(CrowdReleases.root(dir), List.of(LIMIT), "--jolokia", "127.0.0.1:0")) {
            Jolokia j = new Jolokia(node.jolokiaUrl);
            String app = "hotrel:type=Application,name=counter";
            Jolokia.Response search = j.post(Map.of("type", "search", "mbean", "hotrel:type=Server,*"));
            assertEquals(200, search.status(), search.body().toString());
            assertEquals(List.of("hotrel:app=greeter,name=greeter,type=Server"), texts(search.value()));
            assertFalse(j.read(app, "ServerMBeans").value().asBoolean());

            JsonNode servers = j.read(app, "Servers").value();
            assertEquals(3, servers.size(), servers.toString());
            JsonNode c3 = servers.get(1);
            assertEquals("c3", c3.path("name").asText());
            assertEquals("RUNNING", c3.path("status").asText());
            assertEquals("1.0.0", c3.path("version").asText());
            assertEquals(0, c3.path("queueLength").asInt());
            assertEquals(0, c3.path("restarts").asInt());

            assertEquals(200, j.exec(app, "suspendServer", "c3").status());
            assertEquals("SUSPENDED", j.read(app, "Servers").value().get(1).path("status").asText());
            Jolokia.Response state = j.exec(app, "serverState", "c3");
            assertEquals(200, state.status(), state.error());
            assertTrue(state.value().asText().contains("\"name\" : \"c3\""), state.value().asText());
            assertEquals(200, j.exec(app, "resumeServer", "c3").status());
            assertEquals("RUNNING", j.read(app, "Servers").value().get(1).path("status").asText());

            Jolokia.Response unknown = j.exec(app, "suspendServer", "nobody");
            assertEquals(500, unknown.status(), unknown.body().toString());
            assertTrue(unknown.error().contains("application counter has no server 'nobody'; the node runs crowd-1.0.0"),
                    unknown.error());
        }
    }

    /** What JConsole needs: every attribute and operation described, every parameter named and described. */
    private static void assertDescribedForJConsole(MBeanInfo info) {
        for (MBeanAttributeInfo a : info.getAttributes()) {
            assertFalse(a.getDescription().equals(a.getName()), "attribute " + a.getName() + " is not described");
        }
        for (String name : List.of("suspendServer", "resumeServer", "serverState")) {
            MBeanOperationInfo op = Arrays.stream(info.getOperations()).filter(o -> o.getName().equals(name)).findFirst().orElseThrow();
            assertFalse(op.getDescription().equals(name), name + " is not described");
            assertEquals(name.equals("serverState") ? MBeanOperationInfo.INFO : MBeanOperationInfo.ACTION, op.getImpact(), name);
            assertEquals(1, op.getSignature().length, name);
            assertEquals("server", op.getSignature()[0].getName(), name);
            assertEquals("java.lang.String", op.getSignature()[0].getType(), name);
            assertFalse(op.getSignature()[0].getDescription().isBlank(), name);
        }
    }

    private static List<String> jvm(List<String> options) {
        List<String> all = new ArrayList<>(options);
        all.add(LIMIT);
        return all;
    }

    private static String state(MBeanServerConnection jmx, String server) throws Exception {
        return (String) jmx.invoke(COUNTER_APP, "serverState", new Object[] {server}, ONE_STRING);
    }

    private static Set<String> names(MBeanServerConnection jmx, String pattern) throws Exception {
        Set<String> names = new TreeSet<>();
        for (ObjectName n : jmx.queryNames(new ObjectName(pattern), null)) {
            names.add(n.getCanonicalName());
        }
        return names;
    }

    /** The Servers attribute, one "name status version queueLength restarts" line per row. */
    private static List<String> rows(MBeanServerConnection jmx, ObjectName app) throws Exception {
        List<String> rows = new ArrayList<>();
        for (CompositeData row : (CompositeData[]) jmx.getAttribute(app, "Servers")) {
            rows.add(row.get("name") + " " + row.get("status") + " " + row.get("version") + " " + row.get("queueLength")
                    + " " + row.get("restarts"));
        }
        return rows;
    }

    /** ObjectNames as Jolokia's search lists them, in canonical form. */
    private static List<String> texts(JsonNode array) throws Exception {
        List<String> texts = new ArrayList<>();
        for (JsonNode n : array) {
            texts.add(new ObjectName(n.asText()).getCanonicalName());
        }
        return texts;
    }
}
