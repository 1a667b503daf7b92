package dev.hotrel.mbeans;

import dev.hotrel.mbeans.Cli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.hotrel.mbeans.Cli.hotrel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secure by default, over real HTTP and real JMX to real node JVMs: credentials on every request
 * (loopback too), a generated first password, observer and deployer roles, no secrets and no
 * diagnostics for anyone, the opt-out and its warning, binds beyond loopback.
 */
class ManagementAccessTest {

    private static final String HANDLER = "hotrel:type=ReleaseHandler";
    private static final Map<String, Object> READ_VERSION = Map.of("type", "read", "mbean", HANDLER, "attribute", "CurrentVersion");

    @TempDir
    Path dir;

    @Test
    void theFirstStartGeneratesAPasswordOnlyItsOwnerReadsAndEveryRequestNeedsIt() throws Exception {
        Path root = NodeProcess.makeRoot(dir);
        String password;
        try (NodeProcess node = NodeProcess.startUnseeded(root, "--jolokia", "127.0.0.1:0")) {
            Path file = root.resolve("conf/jolokia.password");
            password = Files.readAllLines(file).get(0);
            assertTrue(password.length() >= 20, password);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("conf/jolokia.users"))));
            assertFalse(Files.readString(root.resolve("conf/jolokia.users")).contains(password), "the node keeps a hash only");
            assertTrue(node.output.stream().anyMatch(l -> l.startsWith("hotrel-node: first start: management user hotrel created; "
                    + "its password is in " + file)), node.output.toString());

            assertEquals(401, Jolokia.anonymous(node.jolokiaUrl).post(READ_VERSION).http(), "loopback too");
            assertEquals(401, new Jolokia(node.jolokiaUrl, "hotrel", password + "x").post(READ_VERSION).http());
            Jolokia.Response ok = new Jolokia(node.jolokiaUrl, "hotrel", password).post(READ_VERSION);
            assertEquals("1.0.0", ok.value().asText(), ok.body().toString());

            Result found = hotrel("--root", root.toString(), "--url", node.jolokiaUrl, "status");
            assertEquals(0, found.code(), found.toString());
            Result given = hotrel("--url", node.jolokiaUrl, "--user", "hotrel", "--password-file", file.toString(), "status");
            assertEquals(0, given.code(), given.toString());
            Result none = withoutCliSettings(() -> hotrel("--url", node.jolokiaUrl, "status"));
            assertEquals(1, none.code());
            assertEquals("hotrel status: the node at " + node.jolokiaUrl + " asks for credentials (HTTP 401): give --root ROOT "
                    + "(the node's release root: its generated conf/jolokia.password) or --user USER --password-file FILE\n", none.err());
        }
        try (NodeProcess again = NodeProcess.startUnseeded(root, "--jolokia", "127.0.0.1:0")) {
            assertEquals(password, Files.readAllLines(root.resolve("conf/jolokia.password")).get(0), "generated once");
            assertEquals(200, new Jolokia(again.jolokiaUrl, "hotrel", password).post(READ_VERSION).http());
            assertTrue(again.output.stream().noneMatch(l -> l.contains("first start")), again.output.toString());
        }
    }

    @Test
    void anObserverAddedBeforeTheFirstStartLeavesTheGeneratedDeployerInPlace() throws Exception {
        Path root = NodeProcess.makeRoot(dir);
        Path watcherPassword = Files.writeString(dir.resolve("watcher.password"), "a-long-password-for-watching\n");
        int code = new picocli.CommandLine(new dev.hotrel.mbeans.node.HotrelNode()).execute("--root", root.toString(),
                "--add-user", "watcher", "--role", "observer", "--password-file", watcherPassword.toString());
        assertEquals(0, code);
        Path generated = root.resolve("conf/jolokia.password");
        assertTrue(Files.exists(generated), "the deployer a first start would make is made first");
        try (NodeProcess node = NodeProcess.startUnseeded(root, "--jolokia", "127.0.0.1:0")) {
            Result deployer = hotrel("--root", root.toString(), "--url", node.jolokiaUrl, "unpack", "demo-1.1.0.tar.gz");
            assertEquals(0, deployer.code(), deployer.toString());
            Result observer = hotrel("--url", node.jolokiaUrl, "--user", "watcher", "--password-file", watcherPassword.toString(),
                    "status");
            assertEquals(0, observer.code(), observer.toString());
            assertTrue(node.output.stream().noneMatch(l -> l.contains("first start")), "the users were there already");
        }
    }

    @Test
    void anObserverReadsButCannotUploadOrInstallADeployerCan() throws Exception {
        try (NodeProcess node = NodeProcess.start(dir, "--jolokia", "127.0.0.1:0")) {
            Jolokia observer = new Jolokia(node.jolokiaUrl, TestUsers.OBSERVER, TestUsers.OBSERVER_PASSWORD);
            String releases = Files.readString(node.root.resolve("releases/RELEASES.json"));

            assertEquals("1.0.0", observer.read(HANDLER, "CurrentVersion").value().asText());
            assertEquals(200, observer.read("hotrel:type=Server,app=counter,name=counter", "Version").status());
            assertEquals(200, observer.exec(HANDLER, "verifyRelease", "1.0.0").status());
            assertEquals(200, observer.exec(HANDLER, "findLeaks").status());
            for (Jolokia.Response refused : List.of(observer.exec(HANDLER, "unpackRelease", "demo-1.1.0.tar.gz"),
                    observer.exec(HANDLER, "installRelease", "1.1.0"),
                    observer.exec(HANDLER, "checkInstallRelease", "1.1.0"),
                    observer.exec(HANDLER, "uploadBegin", "demo-9.tar.gz", 10),
                    observer.exec("hotrel:type=Application,name=counter", "stop"),
                    observer.exec("hotrel:type=Server,app=counter,name=counter", "suspend"))) {
                assertEquals(403, refused.status(), refused.body().toString());
            }
            String watcherPassword = write("watcher.password", TestUsers.OBSERVER_PASSWORD);
            Result status = hotrel("--url", node.jolokiaUrl, "--user", TestUsers.OBSERVER, "--password-file", watcherPassword, "status");
            assertEquals(0, status.code(), status.toString());
            assertTrue(status.out().contains("runs 1.0.0, boots 1.0.0"), status.out());
            Result cli = hotrel("--url", node.jolokiaUrl, "--user", TestUsers.OBSERVER, "--password-file", watcherPassword,
                    "install", "1.1.0");
            assertEquals(1, cli.code());
            assertEquals("hotrel install: installRelease is not allowed by the node's access policy (HTTP 403) for user watcher: "
                    + "it takes a deployer's credentials\n", cli.err());
            assertEquals(releases, Files.readString(node.root.resolve("releases/RELEASES.json")), "nothing changed");
            assertEquals("RUNNING", observer.read("hotrel:type=Application,name=counter", "Status").value().asText());

            Jolokia deployer = new Jolokia(node.jolokiaUrl, TestUsers.DEPLOYER, TestUsers.DEPLOYER_PASSWORD);
            assertEquals("1.1.0", deployer.exec(HANDLER, "unpackRelease", "demo-1.1.0.tar.gz").value().asText());
            assertEquals(200, deployer.exec(HANDLER, "installRelease", "1.1.0").status());
            assertEquals("1.1.0", observer.read(HANDLER, "CurrentVersion").value().asText());
        }
    }

    @Test
    void secretsAndDiagnosticsAreDeniedToEveryRole() throws Exception {
        try (NodeProcess node = NodeProcess.start(dir, List.of("-Dsome.db.password=hunter2"), "--jolokia", "127.0.0.1:0")) {
            for (Jolokia j : List.of(new Jolokia(node.jolokiaUrl), new Jolokia(node.jolokiaUrl, TestUsers.OBSERVER,
                    TestUsers.OBSERVER_PASSWORD))) {
                for (String secret : List.of("SystemProperties", "InputArguments", "ClassPath", "BootClassPath", "LibraryPath")) {
                    Jolokia.Response r = j.read("java.lang:type=Runtime", secret);
                    assertEquals(403, r.status(), secret + ": " + r.body());
                }
                Jolokia.Response all = j.post(Map.of("type", "read", "mbean", "java.lang:type=Runtime"));
                assertFalse(all.body().toString().contains("hunter2"), all.body().toString());
                Jolokia.Response everything = j.post(Map.of("type", "read", "mbean", "java.lang:*"));
                assertFalse(everything.body().toString().contains("hunter2"), "a pattern read leaks nothing either");
                for (String ok : List.of("Uptime", "VmVersion", "SpecVersion", "StartTime")) {
                    assertEquals(200, j.read("java.lang:type=Runtime", ok).status(), ok);
                }
                assertEquals(200, j.read("java.lang:type=Memory", "HeapMemoryUsage").status());
                assertEquals(200, j.read("java.lang:type=Threading", "ThreadCount").status());

                List<Jolokia.Response> denied = new ArrayList<>(List.of(
                        j.exec("com.sun.management:type=DiagnosticCommand", "vmSystemProperties"),
                        j.exec("com.sun.management:type=DiagnosticCommand", "compilerDirectivesAdd", "/tmp/x"),
                        j.read("com.sun.management:type=HotSpotDiagnostic", "DiagnosticOptions"),
                        j.exec("com.sun.management:type=HotSpotDiagnostic", "dumpHeap", "/tmp/heap.hprof", true),
                        j.exec("jdk.management.jfr:type=FlightRecorder", "newRecording"),
                        j.exec("java.util.logging:type=Logging", "setLoggerLevel", "", "OFF"),
                        j.exec("java.lang:type=Threading", "dumpAllThreads", true, true),
                        j.exec("java.lang:type=Memory", "gc"),
                        j.post(Map.of("type", "write", "mbean", "java.lang:type=Memory", "attribute", "Verbose", "value", true)),
                        j.exec("JMImplementation:type=MBeanServerDelegate", "getAttribute", "x")));
                for (Jolokia.Response r : denied) {
                    assertEquals(403, r.status(), r.body().toString());
                }
            }
            // Jolokia's JVM agent would serve /jolokia/config without authentication, through the same handler.
            assertEquals(401, Jolokia.anonymous(node.jolokiaUrl + "config").post(READ_VERSION).http());
        }
    }

    @Test
    void theOptOutWorksOnLoopbackOnlyAndSaysSoLoudly() throws Exception {
        try (NodeProcess node = NodeProcess.start(dir, "--jolokia", "127.0.0.1:0", "--no-auth")) {
            assertEquals(200, Jolokia.anonymous(node.jolokiaUrl).post(READ_VERSION).http());
            assertTrue(node.output.stream().anyMatch(l -> l.startsWith("hotrel-node: WARNING: --no-auth: Jolokia and JMX ask NO "
                    + "credentials; anyone who can reach their ports on this machine can install and run code in this node.")),
                    node.output.toString());
            assertEquals(403, Jolokia.anonymous(node.jolokiaUrl).read("java.lang:type=Runtime", "SystemProperties").status(),
                    "the policy still holds");
        }
        List<String> console = new ArrayList<>();
        assertEquals(1, NodeProcess.startFailing(dir.resolve("root"), console, "--jolokia", "0.0.0.0:0", "--no-auth"));
        assertTrue(console.stream().anyMatch(l -> l.startsWith("hotrel-node: refusing to expose Jolokia on 0.0.0.0:0 without "
                + "credentials (--no-auth is for loopback only)")), console.toString());
    }

    @Test
    void beyondLoopbackOnlyWithCredentialsGivenForIt() throws Exception {
        Path root = NodeProcess.makeRoot(dir);
        TestUsers.seed(root);
        List<String> console = new ArrayList<>();
        assertEquals(1, NodeProcess.startFailing(root, console, "--no-jolokia", "--jmx-host", "0.0.0.0", "--jmx-port", "0"));
        assertTrue(console.contains("hotrel-node: refusing to open JMX on 0.0.0.0:0 without credentials configured for it: "
                + "give --jmx-password-file or --jolokia-users FILE, or keep it on loopback"), console.toString());
        try (NodeProcess node = NodeProcess.startOn(root, "--jolokia", "0.0.0.0:0", "--jolokia-users",
                root.resolve("conf/jolokia.users").toString())) {
            String local = "http://127.0.0.1:" + node.jolokiaUrl.replaceAll(".*:(\\d+)/.*|.*:(\\d+)$", "$1$2") + "/jolokia";
            assertEquals(401, Jolokia.anonymous(local).post(READ_VERSION).http());
            assertEquals(200, new Jolokia(local).post(READ_VERSION).http());
        }
    }

    @Test
    void remoteJmxAsksTheSameUsersAndKeepsTheSamePolicy() throws Exception {
        try (NodeProcess node = NodeProcess.start(dir, "--no-jolokia", "--jmx-port", "0")) {
            JMXServiceURL url = new JMXServiceURL(node.jmxUrl);
            assertThrows(SecurityException.class, () -> JMXConnectorFactory.connect(url).close(), "loopback too");
            assertThrows(SecurityException.class, () -> node.jmx(TestUsers.OBSERVER, "wrong").close());
            ObjectName handler = new ObjectName(HANDLER);
            ObjectName runtime = new ObjectName("java.lang:type=Runtime");
            try (JMXConnector c = node.jmx(TestUsers.OBSERVER, TestUsers.OBSERVER_PASSWORD)) {
                MBeanServerConnection jmx = c.getMBeanServerConnection();
                assertEquals("1.0.0", jmx.getAttribute(handler, "CurrentVersion"));
                SecurityException install = assertThrows(SecurityException.class, () -> jmx.invoke(handler, "installRelease",
                        new Object[] {"1.1.0"}, new String[] {String.class.getName()}));
                assertTrue(install.getMessage().contains("operation installRelease of hotrel:type=ReleaseHandler is not allowed"),
                        install.getMessage());
                assertThrows(SecurityException.class, () -> jmx.getAttribute(runtime, "SystemProperties"));
                assertEquals(List.of("Uptime"), jmx.getAttributes(runtime, new String[] {"Uptime", "InputArguments"}).asList()
                        .stream().map(Attribute::getName).toList(), "several at once: the secret one left out");
            }
            try (JMXConnector c = node.jmx()) {
                MBeanServerConnection jmx = c.getMBeanServerConnection();
                assertThrows(SecurityException.class, () -> jmx.getAttribute(runtime, "InputArguments"), "a deployer neither");
                assertThrows(SecurityException.class, () -> jmx.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                        "vmSystemProperties", new Object[0], new String[0]));
                assertThrows(SecurityException.class, () -> jmx.createMBean("javax.management.loading.MLet",
                        new ObjectName("x:type=MLet")));
                assertEquals("1.1.0", jmx.invoke(handler, "unpackRelease", new Object[] {"demo-1.1.0.tar.gz"},
                        new String[] {String.class.getName()}));
            }
        }
    }

    @Test
    void theAuditLogNamesTheUserAndTheArchiveOfEachOperation() throws Exception {
        Path archive = dev.hotrel.handler.FixtureReleases.archive("1.1.0");
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(archive)));
        try (NodeProcess node = NodeProcess.start(dir, "--jolokia", "127.0.0.1:0", "--jmx-port", "0")) {
            Files.delete(node.root.resolve("inbox").resolve(archive.getFileName()));
            Result deploy = hotrel("--url", node.jolokiaUrl, "deploy", archive.toString());
            assertEquals(0, deploy.code(), deploy.toString());
            try (JMXConnector c = node.jmx()) {
                c.getMBeanServerConnection().invoke(new ObjectName(HANDLER), "makePermanent", new Object[] {"1.1.0"},
                        new String[] {String.class.getName()});
            }
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(node.root.resolve("audit.log"))) {
                com.fasterxml.jackson.databind.JsonNode entry = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
                lines.add(entry.path("operation").asText() + " " + entry.path("user").asText() + " "
                        + entry.path("sha256").asText("-") + " " + entry.path("outcome").asText());
            }
            assertEquals(List.of("boot node - ok", "upload hotrel " + sha + " ok", "unpack hotrel " + sha + " ok",
                    "install hotrel " + sha + " ok", "makePermanent hotrel " + sha + " ok"), lines);
        }
    }

    private String write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text + "\n");
        return file.toString();
    }

    /** The CLI in this JVM without the fixtures' settings (hotrel.user, hotrel.passwordFile). */
    private static Result withoutCliSettings(java.util.concurrent.Callable<Result> body) throws Exception {
        String user = System.clearProperty("hotrel.user");
        String file = System.clearProperty("hotrel.passwordFile");
        try {
            return body.call();
        } finally {
            System.setProperty("hotrel.user", user);
            System.setProperty("hotrel.passwordFile", file);
        }
    }
}
