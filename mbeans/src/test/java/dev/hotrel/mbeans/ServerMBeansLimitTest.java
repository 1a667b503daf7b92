package dev.hotrel.mbeans;

import dev.hotrel.config.Config;
import dev.hotrel.handler.ReleaseHandler;
import dev.hotrel.release.root.ReleaseRoot;
import dev.hotrel.runtime.Node;
import dev.hotrel.tools.archive.ArchiveLimits;
import dev.hotrel.tools.node.NodeArchives;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link NodeMBeans}'s reconcile against the {@code serverMBeans} limit, in process: a real node
 * booted from the crowd releases ({@link CrowdReleases}: counter runs three servers, then five;
 * greeter one), its MBeans in an MBeanServer of the test's own.
 */
class ServerMBeansLimitTest {

    private static final ObjectName COUNTER_APP = NodeMBeans.applicationName("counter");
    private static final ObjectName GREETER_APP = NodeMBeans.applicationName("greeter");
    private static final String OVER_LIMIT = "application counter runs %s servers, over the serverMBeans limit of %s: its "
            + "servers are shown by its Application MBean (Servers attribute) instead of one MBean each";

    @TempDir
    Path dir;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Logger log = Logger.getLogger("dev.hotrel.mbeans"); // held: the JDK keeps loggers weakly
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Node node;
    private ReleaseHandler handler;
    private MBeanServer mbeanServer;
    private NodeMBeans mbeans;

    private void boot(long limit) throws Exception {
        log.addHandler(capture);
        node = Node.start();
        handler = ReleaseHandler.boot(node, ReleaseRoot.open(CrowdReleases.root(dir)), new NodeArchives(ArchiveLimits.DEFAULT),
                Config.of(Map.of(), Map.of(), Map.of()));
        mbeanServer = MBeanServerFactory.newMBeanServer();
        mbeans = NodeMBeans.register(handler, mbeanServer, limit);
        node.settleEvents();
    }

    @AfterEach
    void stop() {
        log.removeHandler(capture);
        if (mbeans != null) {
            mbeans.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theReconcileRegistersNothingPerServerForAnApplicationOverTheLimit() throws Exception {
        boot(2);
        assertEquals(new TreeSet<>(List.of("hotrel:type=ReleaseHandler", "hotrel:name=counter,type=Application",
                        "hotrel:name=greeter,type=Application", "hotrel:app=greeter,name=greeter,type=Server")),
                names("hotrel:*"), "counter's three servers have no MBean; greeter's one has");
        assertEquals(Boolean.FALSE, mbeanServer.getAttribute(COUNTER_APP, "ServerMBeans"));
        assertEquals(Boolean.TRUE, mbeanServer.getAttribute(GREETER_APP, "ServerMBeans"));
        assertEquals(List.of("c2 RUNNING 1.0.0 0 0", "c3 RUNNING 1.0.0 0 0", "counter RUNNING 1.0.0 0 0"), rows(COUNTER_APP));
        assertEquals(List.of("greeter RUNNING 1.0.0 0 0"), rows(GREETER_APP));
        assertEquals(List.of(OVER_LIMIT.formatted(3, 2)), logged);

        // Events of the big application's servers change nothing: still nothing of theirs is registered.
        mbeanServer.invoke(COUNTER_APP, "restart", new Object[0], new String[0]);
        node.settleEvents();
        assertEquals(Set.of(), names("hotrel:type=Server,app=counter,*"));
        assertEquals(3, rows(COUNTER_APP).size());
        assertEquals(List.of(OVER_LIMIT.formatted(3, 2)), logged, "told once per application");
    }

    @Test
    void aLimitOfZeroRegistersNoServerMBeanAtAll() throws Exception {
        boot(0);
        assertEquals(Set.of(), names("hotrel:type=Server,*"));
        assertEquals(Boolean.FALSE, mbeanServer.getAttribute(GREETER_APP, "ServerMBeans"));
        assertEquals(List.of("greeter RUNNING 1.0.0 0 0"), rows(GREETER_APP));
        assertTrue(logged.contains("application greeter runs 1 server, over the serverMBeans limit of 0: its servers are shown "
                + "by its Application MBean (Servers attribute) instead of one MBean each"), logged.toString());
    }

    @Test
    void aNegativeLimitIsRefused() throws Exception {
        node = Node.start();
        handler = ReleaseHandler.boot(node, ReleaseRoot.open(CrowdReleases.root(dir)), new NodeArchives(ArchiveLimits.DEFAULT),
                Config.of(Map.of(), Map.of(), Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NodeMBeans.register(handler, MBeanServerFactory.newMBeanServer(), -1));
        assertEquals("setting 'serverMBeans' must be 0 or more (0: no Server MBeans at all), got -1", e.getMessage());
    }

    @Test
    void serverMBeansFollowAnApplicationAcrossTheLimitBothWays() throws Exception {
        boot(3);
        Set<String> counters = new TreeSet<>(List.of("hotrel:app=counter,name=counter,type=Server",
                "hotrel:app=counter,name=c2,type=Server", "hotrel:app=counter,name=c3,type=Server"));
        assertEquals(counters, names("hotrel:type=Server,app=counter,*"), "three servers, a limit of three: one MBean each");
        assertEquals(Boolean.TRUE, mbeanServer.getAttribute(COUNTER_APP, "ServerMBeans"));
        assertEquals(List.of(), logged);

        handler.unpackRelease("crowd-1.1.0.tar.gz");
        handler.installRelease("1.1.0");
        assertEquals(Set.of(), names("hotrel:type=Server,app=counter,*"), "five servers: none has an MBean, not even the old three");
        assertEquals(Boolean.FALSE, mbeanServer.getAttribute(COUNTER_APP, "ServerMBeans"));
        assertEquals(List.of("c2 RUNNING 1.1.0 0 0", "c3 RUNNING 1.1.0 0 0", "c4 RUNNING 1.1.0 0 0", "c5 RUNNING 1.1.0 0 0",
                "counter RUNNING 1.1.0 0 0"), rows(COUNTER_APP));
        assertTrue(mbeanServer.isRegistered(NodeMBeans.serverName("greeter", "greeter")), "greeter is within the limit still");
        assertEquals(1, logged.size(), logged.toString());
        assertTrue(List.of(OVER_LIMIT.formatted(4, 3), OVER_LIMIT.formatted(5, 3)).contains(logged.get(0)), "the count when it went over (an install adds c4, "
                + "then c5, and a reconcile may come between): " + logged);

        handler.installRelease("1.0.0");
        assertEquals(counters, names("hotrel:type=Server,app=counter,*"), "back to three: their MBeans are back");
        assertEquals(Boolean.TRUE, mbeanServer.getAttribute(COUNTER_APP, "ServerMBeans"));
        assertEquals("1.0.0", mbeanServer.getAttribute(NodeMBeans.serverName("counter", "c2"), "Version"));

        handler.installRelease("1.1.0");
        assertEquals(Set.of(), names("hotrel:type=Server,app=counter,*"));
        assertEquals(1, logged.size(), "told once per application: " + logged);
    }

    private Set<String> names(String pattern) throws Exception {
        Set<String> names = new TreeSet<>();
        for (ObjectName n : mbeanServer.queryNames(new ObjectName(pattern), null)) {
            names.add(n.getCanonicalName());
        }
        return names;
    }

    /** The Servers attribute, one "name status version queueLength restarts" line per row. */
    private List<String> rows(ObjectName app) throws Exception {
        List<String> rows = new ArrayList<>();
        for (CompositeData row : (CompositeData[]) mbeanServer.getAttribute(app, "Servers")) {
            rows.add(Arrays.stream(new String[] {"name", "status", "version", "queueLength", "restarts"})
                    .map(k -> String.valueOf(row.get(k))).reduce((a, b) -> a + " " + b).orElseThrow());
        }
        return rows;
    }
}
