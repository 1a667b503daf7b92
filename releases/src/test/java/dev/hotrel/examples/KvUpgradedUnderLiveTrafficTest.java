package dev.hotrel.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotrel.examples.client.KvConnection;
import dev.hotrel.mbeans.Jolokia;
import dev.hotrel.mbeans.LoopbackPort;
import dev.hotrel.mbeans.NodeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.hotrel.mbeans.Jolokia.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole mission in one run of real processes: a node JVM ({@code hotrel-node}) on a root made
 * by the real {@code hotrel init} from the archives the build packed, the kv service serving
 * several clients that each keep one TCP connection and send commands back to back, and an
 * operator driving releases over Jolokia HTTP: 1.0.0 → 1.1.0 → 2.0.0 → 1.1.0, the failing 1.2.0,
 * make permanent, restart; and, in a second run, down to 1.0.0, which cannot expire keys, and back.
 * No connection may drop, no reply may be lost or wrong, the state must migrate both ways, and the
 * failed install must leave everything running as it was. Each run prints the pauses it measured.
 *
 * <p>Nothing here races the clock. Pauses are measured and printed, not held to a wall-clock bound,
 * which a loaded machine breaks for no fault of the node: a reply that never comes fails its client
 * (the connection's reply timeout). Expiries are checked against the instants the test set them:
 * a key may have expired while an install ran, but only if its deadline has passed, and while it
 * lives its TTL must say exactly that deadline.
 */
class KvUpgradedUnderLiveTrafficTest {

    private static final String HANDLER = "hotrel:type=ReleaseHandler";
    private static final Path TARGET = Path.of("target");
    private static final String HOST = "127.0.0.1";
    private static final int CLIENTS = 4;
    private static final Duration SOON = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final PauseReport pauses = new PauseReport();

    @Test
    void clientsKeepConnectionsAndStateThroughUpgradesDowngradesAFailedInstallAndARestart() throws Exception {
        Path root = freshRoot();
        int port = LoopbackPort.free();
        List<String> jvm = List.of("-Dkv.port=" + port); // kv's port from sys.json is the demo's 7070

        NodeProcess node = NodeProcess.startOn(root, jvm, "--jolokia", HOST + ":0");
        List<TrafficClient> clients = new ArrayList<>();
        try (KvConnection probe = KvConnection.open(HOST, port, Duration.ofSeconds(10))) {
            Jolokia jolokia = new Jolokia(node.jolokiaUrl);
            assertEquals("1.0.0", read(jolokia, "CurrentVersion"));
            for (int i = 1; i <= CLIENTS; i++) {
                clients.add(TrafficClient.start(i, HOST, port));
            }
            for (TrafficClient c : clients) {
                c.awaitVersion("1.0.0", SOON);
            }
            expect(probe, "SET keep:plain hello", "OK");

            // Up to 1.1.0: plain values become entries without expiry.
            install(jolokia, clients, "demo-1.1.0.tar.gz", "1.1.0", "1.0.0 -> 1.1.0 (upgrade, " + CLIENTS + " clients)");
            expect(probe, "VERSION", "kv 1.1.0");
            expect(probe, "GET keep:plain", "hello");
            expect(probe, "TTL keep:plain", "-1");
            Expiry keepLong = Expiry.set(probe, "keep:long", "a", 3600);
            Expiry keepShort = Expiry.set(probe, "keep:short", "b", 10);

            // Up to 2.0.0, adding the metrics application: the expiries come along.
            install(jolokia, clients, "demo-2.0.0.tar.gz", "2.0.0",
                    "1.1.0 -> 2.0.0 (upgrade, adds metrics, " + CLIENTS + " clients)");
            expect(probe, "VERSION", "kv 2.0.0");
            expect(probe, "GET keep:plain", "hello");
            keepLong.assertKept(probe, "expiry set in 1.1.0, read in 2.0.0");
            keepShort.assertKept(probe, "expiry set in 1.1.0, read in 2.0.0");
            expect(probe, "INCR keep:n", "1");
            expect(probe, "INCR keep:n", "2");
            String stats = probe.send("STATS");
            assertTrue(stats.contains("kv.INCR=2") && stats.contains("kv.SET="), "STATS from metrics: " + stats);
            Expiry keepTwenty = Expiry.set(probe, "keep:twenty", "c", 20);

            // Back down to 1.1.0: values, INCR's result and every expiry survive; metrics goes.
            install(jolokia, clients, null, "1.1.0",
                    "2.0.0 -> 1.1.0 (downgrade, drops metrics, " + CLIENTS + " clients)");
            expect(probe, "VERSION", "kv 1.1.0");
            expect(probe, "GET keep:plain", "hello");
            expect(probe, "GET keep:n", "2");
            keepLong.assertKept(probe, "expiry set in 1.1.0, back in 1.1.0");
            keepTwenty.assertKept(probe, "expiry set in 2.0.0, read in 1.1.0");
            assertTrue(probe.send("INCR keep:n").startsWith("ERR unknown command 'INCR'"), "1.1.0 has no INCR");
            awaitReply(probe, "GET keep:short", "(nil)", SOON);
            assertEquals(List.of("hotrel:name=kv,type=Application"), search(jolokia, "hotrel:type=Application,*"));

            // The failing release: its code change throws, the node rolls back in place.
            expect(probe, "SET poison 1", "OK");
            failedInstall(jolokia, clients, "demo-1.2.0.tar.gz", "1.2.0");
            assertEquals("1.1.0", read(jolokia, "CurrentVersion"));
            expect(probe, "VERSION", "kv 1.1.0");
            expect(probe, "GET keep:plain", "hello");
            expect(probe, "GET keep:n", "2");
            expect(probe, "GET poison", "1");
            keepLong.assertKept(probe, "expiry after the rolled back install");

            ok(jolokia.exec(HANDLER, "makePermanent", "1.1.0"));
            assertEquals("1.1.0", read(jolokia, "PermanentVersion"));

            stopAndCheck(clients);
            expect(probe, "PING", "PONG");
        } catch (Throwable t) {
            System.out.println("node console:\n" + String.join("\n", node.output));
            throw t;
        } finally {
            for (TrafficClient c : clients) {
                c.stop();
                c.close();
            }
            int code = node.stop();
            assertTrue(code == 0 || code == 143, "exit code on SIGTERM: " + code);
        }

        // A restart boots the permanent release; in-memory state starts over from init.
        try (NodeProcess again = NodeProcess.startOn(root, jvm, "--jolokia", HOST + ":0");
             KvConnection probe = KvConnection.open(HOST, port, Duration.ofSeconds(10))) {
            Jolokia jolokia = new Jolokia(again.jolokiaUrl);
            assertEquals("1.1.0", read(jolokia, "CurrentVersion"));
            assertEquals("1.1.0", read(jolokia, "PermanentVersion"));
            expect(probe, "VERSION", "kv 1.1.0");
            Expiry.set(probe, "fresh", "x", 30).assertKept(probe, "1.1.0's expiry after the restart");
        }
        pauses.print();
    }

    @Test
    void downgradeTo100KeepsEveryValueLosingOnlyExpiriesAndExpiredKeys() throws Exception {
        int port = LoopbackPort.free();
        NodeProcess node = NodeProcess.startOn(freshRoot(), List.of("-Dkv.port=" + port), "--jolokia", HOST + ":0");
        TrafficClient client = null;
        try (KvConnection probe = KvConnection.open(HOST, port, Duration.ofSeconds(10))) {
            Jolokia jolokia = new Jolokia(node.jolokiaUrl);
            client = TrafficClient.start(1, HOST, port);
            client.awaitVersion("1.0.0", SOON);
            install(jolokia, List.of(client), "demo-1.1.0.tar.gz", "1.1.0", "1.0.0 -> 1.1.0 (upgrade, one client)");
            expect(probe, "SET plain a", "OK");
            expect(probe, "SET lasting b EX 3600", "OK");
            expect(probe, "SET expired c EX 1", "OK");
            expect(probe, "SET witness d EX 1", "OK");
            // Set after 'expired', with the same expiry: once it is gone, so is 'expired', untouched in the store.
            awaitReply(probe, "TTL witness", "-2", SOON);

            install(jolokia, List.of(client), null, "1.0.0", "1.1.0 -> 1.0.0 (downgrade, one client)");
            expect(probe, "VERSION", "kv 1.0.0");
            expect(probe, "GET plain", "a");
            expect(probe, "GET lasting", "b");
            expect(probe, "GET expired", "(nil)");

            install(jolokia, List.of(client), null, "1.1.0", "1.0.0 -> 1.1.0 (upgrade again, one client)");
            expect(probe, "GET plain", "a");
            expect(probe, "GET lasting", "b");
            expect(probe, "TTL lasting", "-1"); // 1.0.0 could not keep it
            Throwable failure = client.stop();
            if (failure != null) {
                throw new AssertionError(client + " failed", failure);
            }
            assertEquals(List.of("1.0.0", "1.1.0", "1.0.0", "1.1.0"), client.versions());
            assertEquals(List.of(), client.readBack());
        } catch (Throwable t) {
            System.out.println("node console:\n" + String.join("\n", node.output));
            throw t;
        } finally {
            if (client != null) {
                client.stop();
                client.close();
            }
            node.stop();
        }
        pauses.print();
    }

    /** A release root made by the real {@code hotrel init} from demo-1.0.0, the other archives in its inbox. */
    private Path freshRoot() throws Exception {
        Path root = dir.resolve("root");
        HotrelCliProcess.run("init", "--root", root, TARGET.resolve("demo-1.0.0.tar.gz"));
        for (String v : List.of("1.1.0", "1.2.0", "2.0.0")) {
            Files.copy(TARGET.resolve("demo-" + v + ".tar.gz"), root.resolve("inbox/demo-" + v + ".tar.gz"));
        }
        return root;
    }

    /** Unpacks (unless {@code archive} is null), checks and installs; waits until every client is served by it. */
    private void install(Jolokia jolokia, List<TrafficClient> clients, String archive, String version, String label)
            throws Exception {
        if (archive != null) {
            assertEquals(version, ok(jolokia.exec(HANDLER, "unpackRelease", archive)).asText());
        }
        JsonNode check = ok(jolokia.exec(HANDLER, "checkInstallRelease", version));
        assertTrue(check.path("installable").asBoolean(), check.toString());
        clients.forEach(TrafficClient::takeLongestReplyMicros);
        JsonNode summary = ok(jolokia.exec(HANDLER, "installRelease", version));
        for (TrafficClient c : clients) {
            c.awaitVersion(version, SOON);
        }
        long felt = clients.stream().mapToLong(TrafficClient::takeLongestReplyMicros).max().orElseThrow();
        pauses.add(label, summary.path("longestPauseMicros").asLong(), summary.path("tookMillis").asLong(), felt);
        assertEquals(version, read(jolokia, "CurrentVersion"));
    }

    /** Installs a release whose code change fails: the error names the cause and the rollback, clients go on. */
    private void failedInstall(Jolokia jolokia, List<TrafficClient> clients, String archive, String version)
            throws Exception {
        assertEquals(version, ok(jolokia.exec(HANDLER, "unpackRelease", archive)).asText());
        clients.forEach(TrafficClient::takeLongestReplyMicros);
        long start = System.nanoTime();
        Jolokia.Response failed = jolokia.exec(HANDLER, "installRelease", version);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(500, failed.status(), failed.body().toString());
        String error = failed.error();
        assertTrue(error.contains("refuses a store holding the key 'poison'"), error);
        assertTrue(error.contains("rolled back; current release is demo-1.1.0"), error);
        for (TrafficClient c : clients) {
            c.awaitProgress(20, SOON);
        }
        long felt = clients.stream().mapToLong(TrafficClient::takeLongestReplyMicros).max().orElseThrow();
        pauses.add("1.1.0 -> 1.2.0 (fails, rolled back, " + CLIENTS + " clients)", -1, tookMillis, felt);
    }

    /** Stops the clients; none may have failed, each saw every release in order, and every key it wrote reads back. */
    private static void stopAndCheck(List<TrafficClient> clients) throws Exception {
        List<String> problems = new ArrayList<>();
        long commands = 0;
        int keys = 0;
        for (TrafficClient c : clients) {
            Throwable failure = c.stop();
            if (failure != null) {
                throw new AssertionError(c + " failed", failure);
            }
            assertEquals(List.of("1.0.0", "1.1.0", "2.0.0", "1.1.0"), c.versions(), c + " was served by");
            problems.addAll(c.readBack());
            commands += c.commands();
            keys += c.keys();
        }
        assertEquals(List.of(), problems);
        System.out.println(clients.size() + " clients, one connection each, " + commands
                + " commands answered and checked, " + keys + " keys read back");
    }

    private static String read(Jolokia jolokia, String attribute) throws Exception {
        return ok(jolokia.read(HANDLER, attribute)).asText();
    }

    private static List<String> search(Jolokia jolokia, String pattern) throws Exception {
        List<String> names = new ArrayList<>();
        ok(jolokia.post(Map.of("type", "search", "mbean", pattern))).forEach(n -> names.add(n.asText()));
        return names;
    }

    private static void expect(KvConnection c, String command, String reply) throws IOException {
        assertEquals(reply, c.send(command), command);
    }

    /**
     * A key set with an expiry, and the wall-clock window in which kv set it: its deadline lies between
     * {@code setFrom} and {@code setBy} plus {@code seconds} (the node and the test share the clock).
     */
    private record Expiry(String key, long seconds, long setFrom, long setBy) {

        static Expiry set(KvConnection c, String key, String value, long seconds) throws IOException {
            long from = System.currentTimeMillis();
            expect(c, "SET " + key + " " + value + " EX " + seconds, "OK");
            return new Expiry(key, seconds, from, System.currentTimeMillis());
        }

        /**
         * The key's TTL is what its deadline gives at the instant kv answered; or the key is gone, and
         * then the deadline has passed. However long an install took, only a changed or lost expiry fails.
         */
        void assertKept(KvConnection c, String what) throws IOException {
            long asked = System.currentTimeMillis();
            long ttl = Long.parseLong(c.send("TTL " + key));
            long answered = System.currentTimeMillis();
            long earliest = setFrom + seconds * 1000;
            long latest = setBy + seconds * 1000;
            if (ttl == -2) {
                assertTrue(answered >= earliest, what + ": " + key + " is gone " + (earliest - answered)
                        + " ms before it could expire");
                return;
            }
            // kv answers the seconds left, rounded up, at some instant between asked and answered.
            long low = Math.max(1, secondsUp(earliest - answered));
            long high = secondsUp(latest - asked);
            assertTrue(ttl >= low && ttl <= high, what + ": TTL " + key + " is " + ttl + ", its expiry gives "
                    + low + ".." + high);
        }

        private static long secondsUp(long millis) {
            return -Math.floorDiv(-millis, 1000);
        }
    }

    /** Sends {@code command} until it answers {@code reply}, a few times a second. */
    private static void awaitReply(KvConnection c, String command, String reply, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last;
        while (!(last = c.send(command)).equals(reply)) {
            assertTrue(System.nanoTime() - deadline < 0, "'" + command + "' still answers '" + last + "' after "
                    + timeout.toSeconds() + " s, expected '" + reply + "'");
            Thread.sleep(200);
        }
    }
}
