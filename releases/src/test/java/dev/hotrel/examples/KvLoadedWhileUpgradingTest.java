package dev.hotrel.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotrel.examples.client.KvConnection;
import dev.hotrel.mbeans.Jolokia;
import dev.hotrel.mbeans.LoopbackPort;
import dev.hotrel.mbeans.NodeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.hotrel.mbeans.Jolokia.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Load while upgrading: 300 clients, each on one TCP connection of its own that it never reopens,
 * against the demo kv service while the node is moved round a loop for 30 s (minutes in the long
 * mode, {@code -Dhotrel.long=true}): up to 1.1.0, the failing 1.2.0 (rolled back in place), up to
 * 2.0.0, down to 1.1.0, and {@code rollback} to the permanent 1.0.0. Every reply is checked as it
 * arrives and every key read back at the end: no request may fail or be lost, no connection drop.
 * After each loop the node's collections are forced ({@code findLeaks}, which must find no leaked
 * class loader) and its heap, threads and open file descriptors read: after the last loop they
 * must be where they were after the first (within a small margin), not growing with the loops.
 */
class KvLoadedWhileUpgradingTest {

    private static final String HANDLER = "hotrel:type=ReleaseHandler";
    private static final Path TARGET = Path.of("target");
    private static final String HOST = "127.0.0.1";
    private static final int CLIENTS = 300;
    /** A round (SET, GET, now and then DEL or VERSION) per client every 100 ms: steady, not a benchmark. */
    private static final Duration BREATH = Duration.ofMillis(100);
    private static final Duration SOON = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** The node's resources once its collections have run. */
    record Resources(long heapBytes, long threads, long fileDescriptors) {
        @Override
        public String toString() {
            return heapBytes / 1024 + " KB heap, " + threads + " threads, " + fileDescriptors + " fds";
        }
    }

    @Test
    void threeHundredConnectionsLoseNothingWhileTheNodeIsUpgradedDowngradedAndRolledBackInALoop() throws Exception {
        Duration length = RunLength.of("loadSeconds", Duration.ofSeconds(30), Duration.ofMinutes(5));
        Path root = dir.resolve("root");
        HotrelCliProcess.run("init", "--root", root, TARGET.resolve("demo-1.0.0.tar.gz"));
        for (String v : List.of("1.1.0", "1.2.0", "2.0.0")) {
            Files.copy(TARGET.resolve("demo-" + v + ".tar.gz"), root.resolve("inbox/demo-" + v + ".tar.gz"));
        }
        int port = LoopbackPort.free();
        long t0 = System.nanoTime();
        NodeProcess node = NodeProcess.startOn(root, List.of("-Dkv.port=" + port), "--jolokia", HOST + ":0");
        List<TrafficClient> clients = new ArrayList<>();
        try (KvConnection probe = KvConnection.open(HOST, port, Duration.ofSeconds(30))) {
            Jolokia jolokia = new Jolokia(node.jolokiaUrl);
            for (String v : List.of("1.1.0", "1.2.0", "2.0.0")) {
                assertEquals(v, ok(jolokia.exec(HANDLER, "unpackRelease", "demo-" + v + ".tar.gz")).asText());
            }
            assertEquals("OK", probe.send("SET poison 1")); // kv 1.2.0's code change refuses it: that install fails
            for (int i = 1; i <= CLIENTS; i++) {
                clients.add(TrafficClient.start(i, HOST, port, BREATH, 16));
            }
            awaitServedBy(clients, "1.0.0");
            System.out.println("clients connected and served after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            System.out.println("load harness, " + RunLength.mode() + ": " + CLIENTS + " connections for "
                    + length.toSeconds() + " s of loops");

            long began = System.nanoTime();
            int loops = 0;
            Resources first = null;
            Resources last = null;
            while (loops < 2 || System.nanoTime() - began < length.toNanos()) {
                loop(jolokia, clients);
                loops++;
                last = resources(jolokia);
                if (first == null) {
                    first = last; // after one loop: everything the loop loads has been loaded once
                }
                System.out.println("loop " + loops + ": " + last);
            }
            long seconds = (System.nanoTime() - began) / 1_000_000_000L;

            long commands = 0;
            List<String> problems = new ArrayList<>();
            clients.forEach(TrafficClient::stopSoon);
            for (TrafficClient c : clients) {
                Throwable failure = c.stop();
                if (failure != null) {
                    throw new AssertionError(c + " failed", failure);
                }
                problems.addAll(c.readBack());
                commands += c.commands();
            }
            assertEquals(List.of(), problems, "keys read back");
            assertEquals("1", probe.send("GET poison"));
            System.out.println("load harness: " + CLIENTS + " connections, " + loops + " loops of 5 installs in "
                    + seconds + " s, " + commands + " requests answered and checked, 0 failed or lost; after loop 1: "
                    + first + "; after loop " + loops + ": " + last);
            assertFlat(first, last);
        } catch (Throwable t) {
            System.out.println("node console:\n" + String.join("\n", node.output.subList(0, Math.min(200, node.output.size()))));
            throw t;
        } finally {
            for (TrafficClient c : clients) {
                c.stop();
                c.close();
            }
            node.stop();
        }
    }

    /** 1.0.0 → 1.1.0 → 1.2.0 (fails, rolled back) → 2.0.0 → 1.1.0 → rollback to 1.0.0; each served before the next. */
    private static void loop(Jolokia jolokia, List<TrafficClient> clients) throws Exception {
        install(jolokia, clients, "1.1.0");
        Jolokia.Response failed = jolokia.exec(HANDLER, "installRelease", "1.2.0");
        assertEquals(500, failed.status(), failed.body().toString());
        assertTrue(failed.error().contains("rolled back; current release is demo-1.1.0"), failed.error());
        install(jolokia, clients, "2.0.0");
        install(jolokia, clients, "1.1.0");
        ok(jolokia.exec(HANDLER, "rollback"));
        awaitServedBy(clients, "1.0.0");
    }

    private static void install(Jolokia jolokia, List<TrafficClient> clients, String version) throws Exception {
        ok(jolokia.exec(HANDLER, "installRelease", version));
        awaitServedBy(clients, version);
    }

    private static void awaitServedBy(List<TrafficClient> clients, String version) throws InterruptedException {
        for (TrafficClient c : clients) {
            c.awaitVersion(version, SOON);
        }
    }

    /** Forces the node's collections (no purged class loader may survive them), then reads its resources. */
    private static Resources resources(Jolokia jolokia) throws Exception {
        JsonNode leaks = ok(jolokia.exec(HANDLER, "findLeaks"));
        assertEquals(0, leaks.size(), "leaked class loaders: " + leaks);
        long heap = ok(jolokia.read("java.lang:type=Memory", "HeapMemoryUsage")).path("used").asLong();
        long threads = ok(jolokia.read("java.lang:type=Threading", "ThreadCount")).asLong();
        long fds = ok(jolokia.read("java.lang:type=OperatingSystem", "OpenFileDescriptorCount")).asLong();
        return new Resources(heap, threads, fds);
    }

    /** No growth beyond a margin that noise and a late JIT thread explain: a leak per loop passes it within a few loops. */
    private static void assertFlat(Resources first, Resources last) {
        assertTrue(last.threads() <= first.threads() + 3, "threads grew: " + first + " → " + last);
        assertTrue(last.fileDescriptors() <= first.fileDescriptors() + 8, "file descriptors grew: " + first + " → " + last);
        long heapMargin = Math.max(16L << 20, first.heapBytes() / 4);
        assertTrue(last.heapBytes() <= first.heapBytes() + heapMargin, "heap grew: " + first + " → " + last);
    }
}
