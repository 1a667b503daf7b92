package dev.hotrel.mbeans;

import dev.hotrel.handler.FixtureReleases;
import dev.hotrel.tools.Progress;
import dev.hotrel.tools.archive.ArchiveLimits;
import dev.hotrel.tools.unpack.ReleaseUnpacker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chat fixtures on a real node JVM, driven over real HTTP to Jolokia while real TCP clients talk
 * through a chain of synchronous calls between servers that all move in every install: chatapi's
 * gate → chatapi's listener → chatcore's store → chatcore's index. Installs up and down must never
 * fail, no client request may fail, be lost or be handled twice, and no connection may drop.
 */
class ChatUnderTcpTrafficTest {

    private static final String HANDLER = "hotrel:type=ReleaseHandler";

    @TempDir
    Path dir;

    @Test
    void installsUpAndDownUnderTcpClientsWhoseRequestsCallBetweenMovingServers() throws Exception {
        Path root = dir.resolve("root");
        ReleaseUnpacker.init(root, FixtureReleases.archive("chat-1.0.0"), ArchiveLimits.DEFAULT, Progress.NONE);
        Path archive = FixtureReleases.archive("chat-1.1.0");
        Files.copy(archive, root.resolve("inbox").resolve(archive.getFileName()));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (NodeProcess node = NodeProcess.startOn(root, List.of("-Dchat.port=" + port, "-Dchat.thinkMillis=1"), "--jolokia", "127.0.0.1:0")) {
            Jolokia j = new Jolokia(node.jolokiaUrl);
            assertEquals(200, j.exec(HANDLER, "unpackRelease", "chat-1.1.0.tar.gz").status());
            try (Clients clients = new Clients(port, 4)) {
                clients.await(50);
                for (int i = 0; i < 10; i++) {
                    Jolokia.Response up = j.exec(HANDLER, "installRelease", "1.1.0");
                    assertEquals(200, up.status(), up.error());
                    clients.await(10);
                    Jolokia.Response down = j.exec(HANDLER, "installRelease", "1.0.0");
                    assertEquals(200, down.status(), down.error());
                    clients.await(10);
                }
                long answered = clients.stop();
                assertEquals("count " + answered, clients.ask("count"), "a request was lost or handled twice");
                System.out.println("chat under TCP traffic: " + answered + " requests over 20 installs, longest reply "
                        + clients.longestMillis.get() + " ms, no connection dropped");
            }
        }
    }

    /** TCP clients, one connection each for the whole test, each saying numbered lines and reading "ok N". */
    private static final class Clients implements AutoCloseable {
        private final int port;
        private final ExecutorService pool;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong answered = new AtomicLong();
        private final AtomicLong longestMillis = new AtomicLong();
        private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        private final List<Future<?>> futures = new ArrayList<>();

        Clients(int port, int count) {
            this.port = port;
            pool = Executors.newFixedThreadPool(count);
            for (int c = 0; c < count; c++) {
                int client = c;
                futures.add(pool.submit(() -> talk(client)));
            }
        }

        private void talk(int client) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(30_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = s.getOutputStream();
                for (int n = 0; running.get(); n++) {
                    long start = System.nanoTime();
                    out.write(("say " + client + "-" + n + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    String reply = in.readLine();
                    if (reply == null || !reply.startsWith("ok ")) {
                        throw new IllegalStateException("client " + client + " got " + reply + " for line " + n);
                    }
                    longestMillis.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), Math::max);
                    answered.incrementAndGet();
                }
            } catch (IOException | RuntimeException e) {
                failures.add(e);
            }
        }

        void await(long more) {
            long target = answered.get() + more;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (answered.get() < target && failures.isEmpty() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            assertEquals(List.of(), failures);
            assertTrue(answered.get() >= target, "clients made no progress");
        }

        long stop() throws Exception {
            running.set(false);
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertEquals(List.of(), failures, "a client request failed or its connection dropped");
            return answered.get();
        }

        String ask(String line) throws IOException {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
                return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
            }
        }

        @Override
        public void close() {
            running.set(false);
            pool.shutdownNow();
        }
    }
}
