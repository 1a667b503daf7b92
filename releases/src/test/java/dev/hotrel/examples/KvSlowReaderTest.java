package dev.hotrel.examples;

import dev.hotrel.examples.client.KvConnection;
import dev.hotrel.mbeans.Jolokia;
import dev.hotrel.mbeans.LoopbackPort;
import dev.hotrel.mbeans.NodeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.hotrel.mbeans.Jolokia.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kv 2.0.0 writes with write readiness ({@code Hotrel.watchWritable}): a client that stops reading
 * costs the store memory, never time. Before, the store's write loop waited up to 2 s on such a
 * client, every other client waiting with it, and then dropped it.
 *
 * <p>A real node on a root made by the real CLI, upgraded over Jolokia from 1.0.0 (whose store still
 * writes each reply whole) to 2.0.0 with the slow client already connected, so its session comes
 * from 1.0.0. Then the slow client asks for about 10 MB of replies and reads none, while another
 * client pings between its batches.
 */
class KvSlowReaderTest {

    private static final String HANDLER = "hotrel:type=ReleaseHandler";
    private static final Path TARGET = Path.of("target");
    private static final String HOST = "127.0.0.1";
    private static final int ROUNDS = 30;
    private static final int GETS_PER_ROUND = 10;
    /** A 32 KiB value: 300 replies of it are far more than the sockets between the two ends buffer. */
    private static final String VALUE = "v".repeat(32 * 1024);
    /**
     * A ping's reply comes in milliseconds; the old write loop made it wait 2 s. The bound is far from
     * both, so a loaded machine does not trip it, and the old behaviour cannot pass it.
     */
    private static final Duration STALL = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    @Test
    void aClientThatStopsReadingStallsNoOtherClientAndGetsEveryReplyOnceItReadsAgain() throws Exception {
        Path root = dir.resolve("root");
        HotrelCliProcess.run("init", "--root", root, TARGET.resolve("demo-1.0.0.tar.gz"));
        Files.copy(TARGET.resolve("demo-2.0.0.tar.gz"), root.resolve("inbox/demo-2.0.0.tar.gz"));
        int port = LoopbackPort.free();
        NodeProcess node = NodeProcess.startOn(root, List.of("-Dkv.port=" + port), "--jolokia", HOST + ":0");
        try (Socket slow = new Socket()) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress(HOST, port), 5_000);
            slow.setSoTimeout(30_000);
            BufferedReader slowIn = new BufferedReader(new InputStreamReader(slow.getInputStream(), StandardCharsets.UTF_8));
            OutputStream slowOut = slow.getOutputStream();
            slowOut.write("PING\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("PONG", slowIn.readLine(), "served by 1.0.0");

            Jolokia jolokia = new Jolokia(node.jolokiaUrl);
            assertEquals("2.0.0", ok(jolokia.exec(HANDLER, "unpackRelease", "demo-2.0.0.tar.gz")).asText());
            ok(jolokia.exec(HANDLER, "installRelease", "2.0.0"));

            try (KvConnection fast = KvConnection.open(HOST, port, Duration.ofSeconds(30))) {
                assertEquals("kv 2.0.0", fast.send("VERSION"));
                assertEquals("OK", fast.send("SET big " + VALUE));
                long longestNanos = 0;
                byte[] batch = "GET big\n".repeat(GETS_PER_ROUND).getBytes(StandardCharsets.UTF_8);
                for (int round = 0; round < ROUNDS; round++) {
                    try {
                        slowOut.write(batch);
                        slowOut.flush();
                    } catch (IOException e) {
                        throw new AssertionError("the store dropped the slow client in round " + round + " (longest ping of "
                                + "another client so far: " + TimeUnit.NANOSECONDS.toMillis(longestNanos) + " ms): " + e, e);
                    }
                    long start = System.nanoTime();
                    assertEquals("PONG", fast.send("PING"));
                    longestNanos = Math.max(longestNanos, System.nanoTime() - start);
                }
                long longestMillis = TimeUnit.NANOSECONDS.toMillis(longestNanos);
                System.out.println("kv slow reader: " + ROUNDS * GETS_PER_ROUND + " replies of " + VALUE.length()
                        + " bytes left unread; longest ping of another client meanwhile: " + longestMillis + " ms");
                assertTrue(longestNanos < STALL.toNanos(), "another client waited " + longestMillis + " ms for a PING");

                // The slow client reads again: every reply it asked for, in order, and its connection still serves.
                for (int i = 1; i <= ROUNDS * GETS_PER_ROUND; i++) {
                    String reply = slowIn.readLine();
                    assertTrue(VALUE.equals(reply), "reply " + i + " of the slow client: "
                            + (reply == null ? "connection closed" : reply.length() + " chars"));
                }
                slowOut.write("PING\n".getBytes(StandardCharsets.UTF_8));
                assertEquals("PONG", slowIn.readLine());
                assertEquals("PONG", fast.send("PING"));
            }
        } catch (Throwable t) {
            System.out.println("node console:\n" + String.join("\n", node.output));
            throw t;
        } finally {
            node.stop();
        }
    }
}
