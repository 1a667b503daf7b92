package dev.hotrel.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotrel.handler.FixtureReleases;
import dev.hotrel.mbeans.Cli.Result;
import dev.hotrel.mbeans.Jolokia;
import dev.hotrel.mbeans.LoopbackPort;
import dev.hotrel.tools.Progress;
import dev.hotrel.tools.archive.ArchiveLimits;
import dev.hotrel.tools.unpack.ReleaseUnpacker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.hotrel.mbeans.Cli.hotrel;
import static dev.hotrel.mbeans.Jolokia.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A release whose appup asks for a node restart ({@code {"restartNode": true}}, OTP's
 * {@code restart_new_emulator}), installed on a node run by the real launcher {@code bin/hotrel-node}
 * on the jars the build made: the install answers, the node JVM stops cleanly and exits with the
 * restart code, and the launcher starts a new JVM that boots the release once, as a trial.
 *
 * <p>Here, not in the mbeans module, because this module's tests run after every other module is
 * packaged: the launcher runs {@code mbeans/target/hotrel-node.jar}, as an operator's does. The
 * releases are the fixture archives, packed by the real packer: demo-1.1.0 is permanent, and
 * demo-1.2.0 (greeter 1.1.0) has a plan from it that ends in {@code restartNode}.
 */
class NodeRestartTest {

    private static final String HANDLER = "hotrel:type=ReleaseHandler";
    private static final Duration SOON = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void anInstallThatAsksForANodeRestartAnswersThenANewJvmBootsTheReleaseAsATrial() throws Exception {
        Path root = rootOn110With120InTheInbox();
        int port = LoopbackPort.free();
        try (LauncherProcess launcher = LauncherProcess.start(root, "--jolokia", "127.0.0.1:" + port)) {
            LauncherProcess.Node first = launcher.awaitNode(1, SOON);
            assertEquals("demo-1.1.0", first.release());
            Jolokia jolokia = new Jolokia(first.jolokiaUrl());
            assertEquals("1.2.0", ok(jolokia.exec(HANDLER, "unpackRelease", "demo-1.2.0.tar.gz")).asText());
            assertEquals("1.1.0", read(jolokia, "NextBootVersion"));

            JsonNode reply = ok(jolokia.exec(HANDLER, "installRelease", "1.2.0"));
            assertTrue(reply.path("restarting").asBoolean(), reply.toString());
            assertTrue(reply.path("restart").asText().startsWith("release demo-1.2.0 asks for a node restart: the node "
                    + "restarts now"), reply.toString());
            assertEquals("demo-1.2.0", reply.path("to").asText());

            launcher.awaitLine(l -> l.startsWith("hotrel-node: the node (pid " + first.pid() + ") exited with code 75"),
                    SOON, "the launcher to see the first JVM exit with the restart code");
            LauncherProcess.Node second = launcher.awaitNode(2, SOON);
            assertNotEquals(first.pid(), second.pid(), "a new JVM");
            assertFalse(ProcessHandle.of(first.pid()).map(ProcessHandle::isAlive).orElse(false), "the first JVM is gone");
            assertEquals(first.jolokiaUrl(), second.jolokiaUrl(), "the same arguments, so the same port");
            assertEquals("demo-1.2.0", second.release());
            List<String> console = launcher.console();
            int stopping = console.indexOf("hotrel-node: stopping");
            assertTrue(stopping > 0 && console.subList(stopping, console.size()).stream()
                    .filter(l -> l.matches(".* stopped (greeter|counter)@.*")).map(l -> l.replaceAll(".* stopped ", ""))
                    .toList().equals(List.of("greeter@1.0.0", "counter@1.1.0")),
                    "a clean stop, applications in reverse start order:\n" + String.join("\n", console));

            assertEquals("1.2.0", read(jolokia, "CurrentVersion"));
            assertEquals("1.1.0", read(jolokia, "PermanentVersion"));
            assertEquals("1.1.0", read(jolokia, "NextBootVersion"), "a trial: the next start boots the permanent release");
            assertEquals(Map.of("1.1.0", "permanent", "1.2.0", "current"), statuses(jolokia));
            assertEquals("1.1.0", ok(jolokia.read("hotrel:type=Application,name=greeter", "Version")).asText());
            assertTrue(audit(root).contains("restart demo-1.1.0 -> demo-1.2.0: requested, the node restarts now"), audit(root).toString());
            assertTrue(audit(root).contains("boot demo-1.2.0: ok (trial, not permanent)"), audit(root).toString());

            int code = launcher.stop(SOON);
            assertEquals(143, code, "the node's own exit code on SIGTERM");
            assertEquals(2, launcher.nodes().size(), "SIGTERM stops the node for good:\n" + String.join("\n", launcher.console()));
            assertFalse(ProcessHandle.of(second.pid()).map(ProcessHandle::isAlive).orElse(false), "the second JVM is gone");
        }
    }

    @Test
    void aMarkedReleaseThatFailsToBootFallsBackToThePermanentRelease() throws Exception {
        Path root = rootOn110With120InTheInbox();
        ReleaseUnpacker.unpackFromInbox(dev.hotrel.release.root.ReleaseRoot.open(root), "demo-1.2.0.tar.gz",
                ArchiveLimits.DEFAULT, Progress.NONE);
        // Greeter's server takes its greeting as a String: a number makes it fail in init, at boot, and
        // nothing before (the check and the install only ask for the supervisor spec).
        Files.writeString(root.resolve("releases/1.2.0/sys.json"), "{\"greeter\": {\"greeting\": 42}}");
        int port = LoopbackPort.free();
        try (LauncherProcess launcher = LauncherProcess.start(root, "--jolokia", "127.0.0.1:" + port)) {
            LauncherProcess.Node first = launcher.awaitNode(1, SOON);
            Result install = hotrel("--url", first.jolokiaUrl(), "install", "1.2.0");
            assertEquals(0, install.code(), install.toString());
            assertTrue(install.out().startsWith("release demo-1.2.0 asks for a node restart: the node restarts now"), install.out());

            LauncherProcess.Node second = launcher.awaitNode(2, SOON);
            assertNotEquals(first.pid(), second.pid());
            assertEquals("demo-1.1.0", second.release(), "the permanent release, after the marked one failed");
            launcher.awaitLine(l -> l.contains("booting 1.2.0 failed"), SOON, "the failed boot in the console");

            Jolokia jolokia = new Jolokia(second.jolokiaUrl());
            assertEquals("1.1.0", read(jolokia, "CurrentVersion"));
            assertEquals(Map.of("1.1.0", "permanent", "1.2.0", "unpacked"), statuses(jolokia));
            Result status = hotrel("--url", second.jolokiaUrl(), "status");
            assertTrue(status.out().contains("runs 1.1.0, boots 1.1.0, idle"), status.out());
            List<String> audit = audit(root);
            assertTrue(audit.stream().anyMatch(l -> l.startsWith("boot demo-1.2.0: failed: ")), audit.toString());
            assertTrue(audit.contains("boot demo-1.1.0: ok"), audit.toString());
            assertEquals(2, launcher.nodes().size(), "the fallback boot is no new restart");
        }
    }

    @Test
    void anExitThatIsNoRestartEndsTheLauncherWithTheNodesExitCode() throws Exception {
        try (LauncherProcess launcher = LauncherProcess.start(dir.resolve("nothing-here"))) {
            assertEquals(1, launcher.awaitExit(SOON));
            List<String> console = launcher.console();
            assertTrue(console.stream().anyMatch(l -> l.contains("not a release root")), String.join("\n", console));
            assertTrue(launcher.nodes().isEmpty());
            assertFalse(console.stream().anyMatch(l -> l.contains("starting it again")), String.join("\n", console));
        }
    }

    private Path rootOn110With120InTheInbox() throws Exception {
        Path root = dir.resolve("root");
        ReleaseUnpacker.init(root, FixtureReleases.archive("1.1.0"), ArchiveLimits.DEFAULT, Progress.NONE);
        Files.copy(FixtureReleases.archive("1.2.0"), root.resolve("inbox/demo-1.2.0.tar.gz"));
        return root;
    }

    private static String read(Jolokia jolokia, String attribute) throws Exception {
        return ok(jolokia.read(HANDLER, attribute)).asText();
    }

    private static Map<String, String> statuses(Jolokia jolokia) throws Exception {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (JsonNode r : ok(jolokia.read(HANDLER, "Releases"))) {
            statuses.put(r.path("version").asText(), r.path("status").asText());
        }
        return statuses;
    }

    /** The audit log as "operation versions: outcome" lines. */
    private static List<String> audit(Path root) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("audit.log"))) {
            JsonNode entry = JSON.readTree(line);
            lines.add(entry.path("operation").asText() + " " + entry.path("versions").asText() + ": "
                    + entry.path("outcome").asText());
        }
        return lines;
    }
}
