package dev.hotrel.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotrel.mbeans.Jolokia;
import dev.hotrel.mbeans.NodeProcess;
import dev.hotrel.runtime.FixtureJars;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Ansible collection {@code hotrel.node} driving a fleet for real: five node JVMs on loopback
 * ports, each serving a kv client on one connection the whole time, and the real
 * {@code ansible-playbook} running {@code rolling-upgrade.yml} (Debian's {@code ansible-core} is
 * installed when missing, as CI runs as root). The releases are packed at test time by the real CLI:
 * fleet-1.0.0 (kv 1.0.0 and the fixture application {@code health}), fleet-1.1.0 (kv 1.1.0, a health gate
 * that passes) and fleet-1.2.0 (health 1.1.0, a bad build whose gate fails after 1.5 s).
 * <ol>
 *   <li>fleet-1.1.0 reaches all five in the batches declared (1, 1, then 3), each judged by its gate,
 *       then is made permanent everywhere; no client request fails; a second run changes nothing;</li>
 *   <li>fleet-1.2.0 stops at the canary, which rolls itself back; the other four are never touched;</li>
 *   <li>with node5 as the canary, where fleet-1.2.0 happens to pass: it fails on node1 in the second batch,
 *       and the rescue installs node5 back; the other three are never touched;</li>
 *   <li>check mode changes nothing anywhere, and shows the canary's plan;</li>
 *   <li>{@code hotrel_release} {@code unpacked} and {@code absent} move a node once, then change nothing
 *       ({@code hotrel_info}'s facts are read after the first scenario).</li>
 * </ol>
 * Prints the figures of the run: time per batch (from the first node's task starting, upload included, to
 * the last verdict of the batch's health gates), longest pause, requests served.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetUpgradeTest {

    private static final String HOST = "127.0.0.1";
    private static final String HANDLER = "hotrel:type=ReleaseHandler";
    private static final int NODES = 5;
    private static final Path FLEET = Path.of("src/test/fleet");
    private static final Path OUT = Path.of("target/fleet").toAbsolutePath();
    private static final Path PLAYBOOK = Ansible.COLLECTIONS.resolve("ansible_collections/hotrel/node/playbooks/rolling-upgrade.yml");
    private static final Pattern RESULT = Pattern.compile("^(ok|changed|failed|fatal): \\[(node\\d)[^\\]]*\\].*?=> (\\{.*\\})$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<NodeProcess> nodes = new ArrayList<>();
    private final List<TrafficClient> clients = new ArrayList<>();
    private Path inventory;
    /** The same fleet with node5 first: its canary is the one node where fleet-1.2.0 passes its gate. */
    private Path node5First;
    private Map<String, Path> archives;

    @BeforeAll
    void startTheFleet() throws Exception {
        Ansible.ensureInstalled();
        Files.createDirectories(OUT);
        archives = pack();
        List<CompletableFuture<NodeProcess>> starting = new ArrayList<>();
        int[] ports = new int[NODES];
        for (int i = 0; i < NODES; i++) {
            Path root = Files.createTempDirectory(OUT, "node" + (i + 1) + "-");
            HotrelCliProcess.run("init", "--root", root.resolve("root"), archives.get("1.0.0"));
            ports[i] = freePort();
            // node5 is where the bad build of health happens to work: the rescue scenario's canary.
            List<String> jvm = List.of("-Dkv.port=" + ports[i], "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dhealth.badBuildWorksHere=" + (i == NODES - 1));
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return NodeProcess.startOn(root.resolve("root"), jvm, "--jolokia", HOST + ":0");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (int i = 0; i < NODES; i++) {
            nodes.add(starting.get(i).get(120, TimeUnit.SECONDS));
            clients.add(TrafficClient.start(i + 1, HOST, ports[i]));
        }
        inventory = inventory("inventory.ini", List.of(1, 2, 3, 4, 5));
        node5First = inventory("inventory-node5-first.ini", List.of(5, 1, 2, 3, 4));
        for (TrafficClient c : clients) {
            c.awaitVersion("1.0.0", java.time.Duration.ofSeconds(30));
        }
    }

    @AfterAll
    void stopTheFleet() throws Exception {
        for (TrafficClient c : clients) {
            c.stop();
            c.close();
        }
        for (NodeProcess n : nodes) {
            n.close();
        }
    }

    @Test
    @Order(1)
    void aGoodReleaseReachesEveryNodeInTheDeclaredBatchesWithoutAFailedRequest() throws Exception {
        long before = served();
        Ansible.Run run = Ansible.playbook(inventory, PLAYBOOK, "-v", "-e", "hotrel_archive=" + archives.get("1.1.0"));
        assertEquals(0, run.code(), run.output());
        List<List<String>> batches = batches(run.output(), "Install the release");
        assertEquals(List.of(List.of("node1"), List.of("node2"), List.of("node3", "node4", "node5")), batches, run.output());
        for (int i = 0; i < NODES; i++) {
            JsonNode handler = handler(i);
            assertEquals("1.1.0", handler.path("CurrentVersion").asText(), "node" + (i + 1));
            assertEquals("1.1.0", handler.path("PermanentVersion").asText(), "node" + (i + 1));
            assertEquals("healthy", handler.path("HealthGate").path("state").asText(), "node" + (i + 1));
        }
        for (TrafficClient c : clients) {
            c.awaitVersion("1.1.0", java.time.Duration.ofSeconds(30));
            c.awaitProgress(10, java.time.Duration.ofSeconds(30));
        }
        assertNoClientFailed();
        report(run, batches, served() - before);

        Ansible.Run info = Ansible.adhoc(inventory, "node3", "hotrel.node.hotrel_info",
                "url={{ hotrel_url }} password_file={{ hotrel_password_file | default(omit) }}");
        assertEquals(0, info.code(), info.output());
        assertTrue(info.output().contains("\"current\": \"1.1.0\"") && info.output().contains("\"kv/kv.store\": {"),
                "hotrel_info's facts:\n" + info.output());

        Ansible.Run again = Ansible.playbook(inventory, PLAYBOOK, "-e", "hotrel_archive=" + archives.get("1.1.0"));
        assertEquals(0, again.code(), again.output());
        for (int i = 1; i <= NODES; i++) {
            assertTrue(again.output().matches("(?s).*\\nnode" + i + " +: ok=\\d+ +changed=0 +unreachable=0 +failed=0.*"),
                    "node" + i + " unchanged:\n" + again.output());
        }
    }

    @Test
    @Order(2)
    void aReleaseWhoseGateFailsStopsAtTheCanaryWhichRollsItselfBack() throws Exception {
        List<String> untouched = new ArrayList<>();
        for (int i = 1; i < NODES; i++) {
            untouched.add(snapshot(i));
        }
        Ansible.Run run = Ansible.playbook(inventory, PLAYBOOK, "-e", "hotrel_archive=" + archives.get("1.2.0"));
        assertNotEquals(0, run.code(), run.output());
        assertTrue(run.output().contains("the health gate of fleet-1.2.0 failed and the node rolled back: health answered"),
                run.output());
        assertEquals(List.of(List.of("node1")), batches(run.output(), "Install the release"), "only the canary was tried");
        assertTrue(!run.output().contains("TASK [Make it permanent]"), "nothing made permanent:\n" + run.output());
        JsonNode canary = handler(0);
        assertEquals("1.1.0", canary.path("CurrentVersion").asText());
        assertEquals("1.1.0", canary.path("PermanentVersion").asText());
        assertEquals("rolledBack", canary.path("HealthGate").path("state").asText());
        assertTrue(canary.path("HealthGate").path("reason").asText().endsWith("rolled back to fleet-1.1.0"),
                canary.path("HealthGate").toString());
        for (int i = 1; i < NODES; i++) {
            assertEquals(untouched.get(i - 1), snapshot(i), "node" + (i + 1) + " was touched");
        }
        for (TrafficClient c : clients) {
            c.awaitProgress(10, java.time.Duration.ofSeconds(30));
        }
        assertNoClientFailed();
        System.out.println("fleet: fleet-1.2.0 stopped at the canary: " + canary.path("HealthGate").path("summary").asText());
    }

    @Test
    @Order(3)
    void aFailureInALaterBatchRollsBackTheNodesAlreadyUpgraded() throws Exception {
        List<String> untouched = new ArrayList<>();
        for (int i = 1; i < NODES - 1; i++) {
            untouched.add(snapshot(i));
        }
        Ansible.Run run = Ansible.playbook(node5First, PLAYBOOK, "-e", "hotrel_archive=" + archives.get("1.2.0"));
        assertNotEquals(0, run.code(), run.output());
        assertEquals(List.of(List.of("node5"), List.of("node1")), batches(run.output(), "Install the release"), run.output());
        assertTrue(run.output().matches("(?s).*TASK \\[Install back the release each node upgraded by this run came from\\][^\\n]*\\n"
                + "changed: \\[node1 -> localhost\\] => \\(item=node5\\).*"), "the rescue installed node5 back:\n" + run.output());
        JsonNode canary = handler(NODES - 1);
        assertEquals("1.1.0", canary.path("CurrentVersion").asText(), "node5 back on the release it came from");
        assertEquals("1.1.0", canary.path("PermanentVersion").asText());
        // Installed back, fleet-1.1.0 was judged by its own gate again, which the rescue waited for.
        assertEquals("fleet-1.1.0 (from fleet-1.2.0): healthy", canary.path("HealthGate").path("summary").asText()
                .replaceAll(", \\d+ of.*", ""), canary.path("HealthGate").toString());
        assertEquals("1.1.0", handler(0).path("CurrentVersion").asText(), "node1 rolled itself back");
        assertEquals("rolledBack", handler(0).path("HealthGate").path("state").asText());
        for (int i = 1; i < NODES - 1; i++) {
            assertEquals(untouched.get(i - 1), snapshot(i), "node" + (i + 1) + " was touched");
        }
        for (TrafficClient c : clients) {
            c.awaitVersion("1.1.0", java.time.Duration.ofSeconds(30));
        }
        assertNoClientFailed();
    }

    @Test
    @Order(4)
    void checkModeChangesNothingAnywhere() throws Exception {
        List<String> before = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            before.add(snapshot(i));
        }
        Ansible.Run run = Ansible.playbook(inventory, PLAYBOOK, "--check", "--diff", "-e", "hotrel_archive=" + archives.get("1.2.0"));
        assertEquals(0, run.code(), run.output());
        assertTrue(run.output().contains("code change of health/health"), "the canary's plan as the diff:\n" + run.output());
        for (int i = 0; i < NODES; i++) {
            assertEquals(before.get(i), snapshot(i), "node" + (i + 1) + " changed in check mode");
        }
        assertNoClientFailed();
    }

    @Test
    @Order(5)
    void unpackedAndAbsentMoveANodeOnceAndThenChangeNothing() throws Exception {
        String args = "url={{ hotrel_url }} password_file={{ hotrel_password_file | default(omit) }} archive="
                + archives.get("1.2.0") + " state=";
        for (String state : List.of("unpacked", "absent")) {
            Ansible.Run first = Ansible.adhoc(inventory, "node2", "hotrel.node.hotrel_release", args + state);
            assertEquals(0, first.code(), first.output());
            assertTrue(first.output().contains("node2 | CHANGED"), state + ", first:\n" + first.output());
            Ansible.Run second = Ansible.adhoc(inventory, "node2", "hotrel.node.hotrel_release", args + state);
            assertEquals(0, second.code(), second.output());
            assertTrue(second.output().contains("node2 | SUCCESS"), state + ", again:\n" + second.output());
        }
        Ansible.Run refused = Ansible.adhoc(inventory, "node2", "hotrel.node.hotrel_release",
                "url={{ hotrel_url }} password_file={{ hotrel_password_file | default(omit) }} version=1.1.0 state=absent");
        assertNotEquals(0, refused.code());
        assertTrue(refused.output().contains("release 1.1.0 is permanent on the node and cannot be removed"), refused.output());
        assertEquals("1.1.0", handler(1).path("CurrentVersion").asText());
    }

    // ---- the fleet ------------------------------------------------------------------------

    /** Packs fleet-1.0.0, 1.1.0 and 1.2.0 with the real CLI, from kv as the build made it and the health fixture. */
    private static Map<String, Path> pack() throws Exception {
        Path lib = OUT.resolve("lib");
        for (String app : List.of("kv-1.0.0", "kv-1.1.0")) {
            copyTree(Path.of("apps", app, "target/lib", app), lib.resolve(app));
        }
        for (String v : List.of("1.0.0", "1.1.0")) {
            copyTree(FLEET.resolve("lib/health-" + v), lib.resolve("health-" + v));
            Files.copy(FixtureJars.jar("health", v), lib.resolve("health-" + v).resolve("health-" + v + ".jar"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Path archives = OUT.resolve("archives");
        Files.createDirectories(archives);
        Map<String, Path> packed = new LinkedHashMap<>();
        String from = null;
        for (String v : List.of("1.0.0", "1.1.0", "1.2.0")) {
            Path archive = archives.resolve("fleet-" + v + ".tar.gz");
            Files.deleteIfExists(archive);
            List<Object> args = new ArrayList<>(List.of("pack", "--lib", lib, "--output", archives));
            if (from != null) {
                args.addAll(List.of("--from", from));
            }
            args.add(FLEET.resolve("fleet-" + v + "/release.json"));
            HotrelCliProcess.run(args.toArray());
            packed.put(v, archive);
            from = archive.toString();
        }
        return packed;
    }

    /** An inventory of the fleet's nodes (1-based) in that order, with each node's password file if it has one. */
    private Path inventory(String name, List<Integer> order) throws IOException {
        StringBuilder hosts = new StringBuilder("[hotrel]\n");
        for (int n : order) {
            NodeProcess node = nodes.get(n - 1);
            hosts.append("node").append(n).append(" hotrel_url=").append(node.jolokiaUrl);
            Path password = node.root.resolve("conf/jolokia.password");
            if (Files.exists(password)) {
                hosts.append(" hotrel_password_file=").append(password);
            }
            hosts.append('\n');
        }
        hosts.append("\n[hotrel:vars]\nansible_connection=local\n");
        Path file = OUT.resolve(name);
        Files.writeString(file, hosts);
        return file;
    }

    private JsonNode handler(int node) throws Exception {
        Jolokia.Response r = jolokia(nodes.get(node)).post(Map.of("type", "read", "mbean", HANDLER));
        assertEquals(200, r.status(), r.body().toString());
        return r.value();
    }

    /** A node as an operator would compare it: releases, versions, inbox and audit log. */
    private String snapshot(int node) throws Exception {
        JsonNode h = handler(node);
        Path root = nodes.get(node).root;
        List<String> inbox;
        try (Stream<Path> files = Files.list(root.resolve("inbox"))) {
            inbox = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        return "current " + h.path("CurrentVersion").asText() + ", permanent " + h.path("PermanentVersion").asText()
                + ", releases " + h.path("Releases") + ", health gate " + h.path("HealthGate").path("summary").asText()
                + ", inbox " + inbox + ", audit lines " + Files.readAllLines(root.resolve("audit.log")).size();
    }

    /** Reaches a node through the test fixture, with the node's generated password when it has one. */
    private static Jolokia jolokia(NodeProcess node) throws IOException {
        Path password = node.root.resolve("conf/jolokia.password");
        return Files.exists(password) ? new Jolokia(node.jolokiaUrl, "hotrel", Files.readString(password).trim())
                : new Jolokia(node.jolokiaUrl);
    }

    private long served() {
        return clients.stream().mapToLong(TrafficClient::commands).sum();
    }

    private void assertNoClientFailed() throws Exception {
        for (TrafficClient c : clients) {
            c.awaitProgress(1, java.time.Duration.ofSeconds(30)); // throws with the client's failure, if any
        }
    }

    /** The hosts of each run of task {@code task}, in order: one list per batch. */
    private static List<List<String>> batches(String output, String task) {
        List<List<String>> batches = new ArrayList<>();
        List<String> current = null;
        for (String line : output.split("\n")) {
            if (line.startsWith("TASK [")) {
                current = line.startsWith("TASK [" + task + "]") ? new ArrayList<>() : null;
                if (current != null) {
                    batches.add(current);
                }
            } else if (current != null) {
                Matcher m = RESULT.matcher(line);
                if (m.find()) {
                    current.add(m.group(2));
                } else if (line.matches("^(ok|changed|failed|fatal): \\[(node\\d).*")) {
                    current.add(line.replaceAll("^\\w+: \\[(node\\d).*", "$1"));
                }
            }
        }
        batches.forEach(b -> b.sort(String::compareTo));
        return batches;
    }

    /** Prints the run's figures: per batch its time (first install's start to last gate's verdict) and longest pause. */
    private static void report(Ansible.Run run, List<List<String>> batches, long served) throws Exception {
        Map<String, JsonNode> results = new LinkedHashMap<>();
        for (String line : run.output().split("\n")) {
            Matcher m = RESULT.matcher(line);
            if (m.find() && line.contains("\"longest_pause_micros\"")) {
                results.put(m.group(2), JSON.readTree(m.group(3)));
            }
        }
        StringBuilder out = new StringBuilder("fleet: fleet-1.0.0 -> fleet-1.1.0 on " + NODES + " nodes, playbook "
                + run.millis() + " ms, " + served + " client requests served during it, 0 failed\n");
        long longest = 0;
        for (int b = 0; b < batches.size(); b++) {
            Instant start = null;
            Instant end = null;
            long pause = 0;
            for (String host : batches.get(b)) {
                JsonNode r = results.get(host);
                assertTrue(r != null, "result of " + host + " in:\n" + run.output());
                Instant began = Instant.parse(r.path("started_at").asText());
                Instant decided = Instant.parse(r.path("health").path("decidedAt").asText());
                start = start == null || began.isBefore(start) ? began : start;
                end = end == null || decided.isAfter(end) ? decided : end;
                pause = Math.max(pause, r.path("longest_pause_micros").asLong());
            }
            longest = Math.max(longest, pause);
            out.append(String.format("fleet:   batch %d %s: %d ms from the first task's start to the last health verdict, longest pause %d µs%n",
                    b + 1, batches.get(b), java.time.Duration.between(start, end).toMillis(), pause));
        }
        out.append("fleet:   longest pause of the run ").append(longest).append(" µs");
        System.out.println(out);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }
}
