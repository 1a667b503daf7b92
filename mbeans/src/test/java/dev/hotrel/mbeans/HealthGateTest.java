package dev.hotrel.mbeans;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotrel.handler.FixtureReleases;
import dev.hotrel.tools.Progress;
import dev.hotrel.tools.archive.ArchiveLimits;
import dev.hotrel.tools.cli.HotrelCli;
import dev.hotrel.tools.unpack.ReleaseUnpacker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Health gates on a real node JVM, driven by the real CLI over Jolokia: a release whose health server
 * answers healthy is kept (and made permanent, as it asks), one that answers unhealthy after two
 * seconds and one that never answers within the gate's time (each call takes 5 s, the gate allows 3 s)
 * are rolled back in place by the node itself, which
 * says why in {@code install --wait-healthy}'s exit code and message, in {@code status}, in the
 * {@code HealthGate} attribute and in its audit log; and a node restarted during a trial boots its
 * permanent release.
 */
class HealthGateTest {

    @TempDir
    Path dir;

    @Test
    void aHealthyReleaseIsKeptAndMadePermanentOnceItsGatePasses() throws Exception {
        try (NodeProcess node = node()) {
            Result install = hotrel(node, "install", "--wait-healthy", "1.1.0");
            assertEquals(0, install.code, install.toString());
            assertTrue(install.out.contains("installed gate-1.1.0 (from gate-1.0.0)"), install.out);
            assertTrue(install.out.contains("gate-1.1.0 is healthy: 3 healthy replies in a row in "), install.out);
            assertTrue(install.out.contains("; made permanent"), install.out);
            JsonNode gate = gate(node);
            assertEquals("healthy", gate.path("state").asText(), gate.toString());
            assertEquals(3, gate.path("passes").asInt());
            assertEquals("1.1.0", handler(node).path("PermanentVersion").asText());
            Result status = hotrel(node, "status");
            assertTrue(status.out.contains("health gate: gate-1.1.0 (from gate-1.0.0): healthy, 3 of 3 passes"), status.out);
            assertTrue(audit(node).stream().anyMatch(l -> l.contains("\"healthGate\"") && l.contains("passed: 3 healthy replies")),
                    String.join("\n", audit(node)));
        }
    }

    @Test
    void aReleaseThatTurnsUnhealthyIsRolledBackInPlaceAndSaysWhy() throws Exception {
        try (NodeProcess node = node("--jmx-port", "0"); javax.management.remote.JMXConnector jmx = node.jmx()) {
            java.util.concurrent.BlockingQueue<javax.management.Notification> notes = new java.util.concurrent.LinkedBlockingQueue<>();
            jmx.getMBeanServerConnection().addNotificationListener(NodeMBeans.RELEASE_HANDLER, (n, h) -> notes.add(n), null, null);
            long pid = node.process.pid();
            Result install = hotrel(node, "install", "--wait-healthy", "1.2.0");
            assertEquals(1, install.code, install.toString());
            assertTrue(install.out.contains("installed gate-1.2.0 (from gate-1.0.0)"), install.out);
            assertTrue(install.err.contains("health gate of gate-1.2.0 failed, rolled back: health answered \"sick\" to "
                    + "\"health?\" (healthy: \"ok\"); rolled back to gate-1.0.0"), install.err);
            assertEquals(pid, node.process.pid());
            assertTrue(node.process.isAlive(), "rolled back in the same process");
            JsonNode handler = handler(node);
            assertEquals("1.0.0", handler.path("CurrentVersion").asText());
            assertEquals("1.0.0", handler.path("PermanentVersion").asText());
            JsonNode gate = gate(node);
            assertEquals("rolledBack", gate.path("state").asText(), gate.toString());
            assertTrue(gate.path("probes").asInt() >= 5, "probed healthy for two seconds first: " + gate);
            Result status = hotrel(node, "status");
            assertTrue(status.out.contains("runs 1.0.0"), status.out);
            assertTrue(status.out.contains("health gate: gate-1.2.0 (from gate-1.0.0): rolledBack"), status.out);
            assertTrue(!status.out.contains("health/health"), "the health application is gone: " + status.out);
            List<String> audit = audit(node);
            assertTrue(audit.stream().anyMatch(l -> l.contains("\"operation\":\"rollback\"") && l.contains("health gate failed")
                    && l.contains("\"outcome\":\"ok\"")), String.join("\n", audit));
            List<String> told = new java.util.ArrayList<>();
            javax.management.Notification n;
            while ((n = notes.poll(5, java.util.concurrent.TimeUnit.SECONDS)) != null && !n.getType().equals("hotrel.health.failed")) {
                told.add(n.getType());
            }
            assertEquals(List.of("hotrel.install.started", "hotrel.application.started", "hotrel.release.installed",
                    "hotrel.health.trial", "hotrel.install.started", "hotrel.application.stopped", "hotrel.release.installed"),
                    told, "then hotrel.health.failed");
            assertTrue(n != null && n.getMessage().contains("rolledBack") && n.getMessage().contains("health answered \"sick\""),
                    "the failed gate's notification says why: " + (n == null ? null : n.getMessage()));
            // The node stays usable: the same release installs again, and fails again.
            assertEquals(1, hotrel(node, "install", "--wait-healthy", "1.2.0").code);
        }
    }

    @Test
    void aReleaseWhoseHealthServerNeverAnswersIsRolledBackWhenTheTimeAllowedRunsOut() throws Exception {
        try (NodeProcess node = node()) {
            long started = System.nanoTime();
            Result install = hotrel(node, "install", "--wait-healthy", "1.3.0");
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(1, install.code, install.toString());
            assertTrue(install.err.contains("health gate of gate-1.3.0 failed, rolled back: no verdict in the time allowed (3 s): "
                    + "0 of 3 healthy replies in a row after "), install.err);
            assertTrue(install.err.contains("last probe: no reply from health within "), install.err);
            // The gate decides at 3 s; the install back then stops the health server, which is in the middle of
            // a 5 s call: bounded by those, never by a reply that does not come.
            System.out.println("never answers: install --wait-healthy returned after " + tookMillis + " ms");
            assertTrue(tookMillis < 20_000, "bounded by the gate's 3 s and the server's 5 s call, took " + tookMillis + " ms");
            assertEquals("1.0.0", handler(node).path("CurrentVersion").asText());
        }
    }

    @Test
    void anotherInstallIsRefusedDuringATrialAndARestartBootsThePermanentRelease() throws Exception {
        Path root;
        try (NodeProcess node = node()) {
            root = node.root;
            Result install = hotrel(node, "install", "1.3.0");
            assertEquals(0, install.code, install.toString());
            assertEquals("trial", gate(node).path("state").asText());
            Result refused = hotrel(node, "install", "1.1.0");
            assertEquals(1, refused.code);
            assertTrue(refused.err.contains("cannot install 1.1.0 while release gate-1.3.0 is on trial"), refused.err);
            node.stop(); // SIGTERM mid-trial: nothing of the trial is on disk
        }
        try (NodeProcess again = NodeProcess.startOn(root, "--jolokia", "127.0.0.1:0")) {
            JsonNode handler = handler(again);
            assertEquals("1.0.0", handler.path("CurrentVersion").asText());
            assertEquals("none", handler.path("HealthGate").path("state").asText());
        }
    }

    @Test
    void anOperatorsRollbackEndsATrialAndMakingItPermanentAcceptsIt() throws Exception {
        try (NodeProcess node = node()) {
            assertEquals(0, hotrel(node, "install", "1.3.0").code);
            Result rollback = hotrel(node, "rollback");
            assertEquals(0, rollback.code, rollback.toString());
            JsonNode gate = gate(node);
            assertEquals("abandoned", gate.path("state").asText(), gate.toString());
            assertEquals("rolled back by the operator during the trial", gate.path("reason").asText());
            assertEquals("1.0.0", handler(node).path("CurrentVersion").asText());

            assertEquals(0, hotrel(node, "install", "1.3.0").code);
            Result permanent = hotrel(node, "permanent", "1.3.0");
            assertEquals(0, permanent.code, permanent.toString());
            gate = gate(node);
            assertEquals("accepted", gate.path("state").asText(), gate.toString());
            Thread.sleep(3500); // past the gate's time allowed: an accepted trial is not rolled back
            JsonNode handler = handler(node);
            assertEquals("1.3.0", handler.path("CurrentVersion").asText());
            assertEquals("1.3.0", handler.path("PermanentVersion").asText());
            assertEquals("accepted", handler.path("HealthGate").path("state").asText());
        }
    }

    /** A node on a root whose permanent release is gate-1.0.0, with gate-1.1.0 to 1.3.0 unpacked. */
    private NodeProcess node(String... more) throws Exception {
        Path root = dir.resolve("root");
        ReleaseUnpacker.init(root, FixtureReleases.archive("gate-1.0.0"), ArchiveLimits.DEFAULT, Progress.NONE);
        for (String v : List.of("1.1.0", "1.2.0", "1.3.0")) {
            Path archive = FixtureReleases.archive("gate-" + v);
            Files.copy(archive, root.resolve("inbox").resolve(archive.getFileName()));
        }
        List<String> args = new java.util.ArrayList<>(List.of("--jolokia", "127.0.0.1:0"));
        args.addAll(List.of(more));
        NodeProcess node = NodeProcess.startOn(root, args.toArray(String[]::new));
        for (String v : List.of("1.1.0", "1.2.0", "1.3.0")) {
            Result unpack = hotrel(node, "unpack", "gate-" + v + ".tar.gz");
            assertEquals(0, unpack.code, unpack.toString());
        }
        return node;
    }

    private static JsonNode handler(NodeProcess node) throws Exception {
        return new Jolokia(node.jolokiaUrl).post(java.util.Map.of("type", "read", "mbean", "hotrel:type=ReleaseHandler")).value();
    }

    private static JsonNode gate(NodeProcess node) throws Exception {
        return handler(node).path("HealthGate");
    }

    private static List<String> audit(NodeProcess node) throws Exception {
        return Files.readAllLines(node.root.resolve("audit.log"));
    }

    private static Result hotrel(NodeProcess node, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--url";
        all[1] = node.jolokiaUrl;
        System.arraycopy(args, 0, all, 2, args.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HotrelCli.run(all, new PrintWriter(out), new PrintWriter(err), false);
        return new Result(code, out.toString(), err.toString());
    }

    private record Result(int code, String out, String err) {
    }
}
