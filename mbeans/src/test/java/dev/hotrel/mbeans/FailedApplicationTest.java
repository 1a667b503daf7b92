package dev.hotrel.mbeans;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotrel.handler.FixtureReleases;
import dev.hotrel.mbeans.Cli.Result;
import dev.hotrel.runtime.TestWaits;
import dev.hotrel.tools.Progress;
import dev.hotrel.tools.archive.ArchiveLimits;
import dev.hotrel.tools.unpack.ReleaseUnpacker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.hotrel.mbeans.Cli.hotrel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An application whose supervisor gave up stays visible and can be brought back, on a real node JVM
 * over real HTTP: the fixture release listen-1.0.0 runs {@code listener}, a TCP line server that
 * crashes when a client says so, under a supervisor that gives up at its second restart.
 */
class FailedApplicationTest {

    private static final String APP = "hotrel:type=Application,name=listener";
    private static final String SERVER = "hotrel:type=Server,app=listener,name=listener";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void aFailedApplicationShowsWhyAndRestartStopAndStartBringItBack() throws Exception {
        Path root = dir.resolve("root");
        ReleaseUnpacker.init(root, FixtureReleases.listener(), ArchiveLimits.DEFAULT, Progress.NONE);
        try (NodeProcess node = NodeProcess.startOn(root, "--jolokia", "127.0.0.1:0")) {
            String url = node.jolokiaUrl;
            Jolokia j = new Jolokia(url);
            assertEquals("pong", ping(j));

            fail(j);
            Result status = hotrel("--url", url, "status");
            assertEquals(0, status.code(), status.toString());
            assertTrue(status.out().matches("(?s).*\nlistener +1\\.0\\.0 +- +FAILED\n.*"), status.out());
            assertTrue(status.out().contains("listener failed: supervisor of listener gave up after more than 1 restart(s)"),
                    status.out());
            assertTrue(status.out().contains("asked to crash by a client"), status.out());
            JsonNode json = new ObjectMapper().readTree(hotrel("--url", url, "status", "--json").out());
            assertEquals("FAILED", json.path("applications").path("listener").path("Status").asText());
            assertEquals(0, json.path("servers").size(), "a failed application's servers are stopped");
            assertEquals("FAILED", j.read(APP, "Status").value().asText());
            assertTrue(j.read(APP, "Failure").value().asText().startsWith("supervisor of listener gave up after more than "
                    + "1 restart(s) in 60000 ms; last: server listener exited (java.lang.IllegalStateException: asked to crash "
                    + "by a client)"), j.read(APP, "Failure").toString());

            Result restart = hotrel("--url", url, "restart", "listener");
            assertEquals(0, restart.code(), restart.toString());
            assertEquals("restarted listener 1.0.0: RUNNING", restart.out().strip());
            assertRunningAndAnswering(j);

            fail(j);
            Result stop = hotrel("--url", url, "stop", "listener");
            assertEquals(0, stop.code(), stop.toString());
            assertEquals("stopped listener 1.0.0: STOPPED", stop.out().strip());
            assertEquals("STOPPED", j.read(APP, "Status").value().asText());
            assertEquals("", j.read(APP, "Failure").value().asText(), "a stopped application is forgotten, failure and all");
            Result start = hotrel("--url", url, "start", "listener");
            assertEquals(0, start.code(), start.toString());
            assertEquals("started listener 1.0.0: RUNNING", start.out().strip());
            assertRunningAndAnswering(j);

            fail(j);
            Result startFailed = hotrel("--url", url, "start", "listener");
            assertEquals(0, startFailed.code(), startFailed.toString());
            assertRunningAndAnswering(j);
        }
    }

    @Test
    void applicationCommandsFailInOneLine() throws Exception {
        Path root = dir.resolve("root");
        ReleaseUnpacker.init(root, FixtureReleases.listener(), ArchiveLimits.DEFAULT, Progress.NONE);
        try (NodeProcess node = NodeProcess.startOn(root, "--jolokia", "127.0.0.1:0")) {
            Result unknown = hotrel("--url", node.jolokiaUrl, "restart", "nope");
            assertEquals(1, unknown.code(), unknown.toString());
            assertEquals(List.of("hotrel restart: the node at " + node.jolokiaUrl + " has no application 'nope' (it has: listener)"),
                    unknown.err().lines().toList());
            Result missing = hotrel("--url", node.jolokiaUrl, "start");
            assertEquals(2, missing.code(), missing.toString());
        }
    }

    /** Crashes the listener twice from a client: the supervisor restarts it once, then gives up. */
    private static void fail(Jolokia j) throws Exception {
        int restarts = j.read(SERVER, "Restarts").value().asInt();
        crash(j);
        TestWaits.await("the listener restarted after its first crash", WAIT, () -> restarted(j, restarts + 1));
        crash(j);
        TestWaits.await("the listener application failed", WAIT, () -> status(j).equals("FAILED"));
    }

    private static void assertRunningAndAnswering(Jolokia j) throws Exception {
        assertEquals("RUNNING", j.read(APP, "Status").value().asText());
        assertEquals("", j.read(APP, "Failure").value().asText());
        assertEquals("RUNNING", j.read(SERVER, "Status").value().asText());
        assertEquals(0, j.read(SERVER, "Restarts").value().asInt(), "a new start, not a restart of the failed one");
        assertEquals("pong", ping(j));
    }

    private static boolean restarted(Jolokia j, int times) {
        try {
            Jolokia.Response r = j.read(SERVER, "Restarts");
            return r.status() == 200 && r.value().asInt() == times && j.read(SERVER, "Status").value().asText().equals("RUNNING");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String status(Jolokia j) {
        try {
            return j.read(APP, "Status").value().asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The listener's port, from its state as the Server MBean renders it: its loop answers. */
    private static int port(Jolokia j) throws Exception {
        Jolokia.Response state = j.exec(SERVER, "getState");
        assertEquals(200, state.status(), state.body().toString());
        return new ObjectMapper().readTree(state.value().asText()).path("port").asInt();
    }

    private static String ping(Jolokia j) throws Exception {
        return talk(port(j), "ping");
    }

    private static void crash(Jolokia j) throws Exception {
        assertNull(talk(port(j), "crash"), "the crashing listener closed the connection");
    }

    /** Connects, checks the greeting, sends one line, returns the answer (null: closed). */
    private static String talk(int port, String line) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("hello from " + port, in.readLine());
            OutputStream out = s.getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return in.readLine();
        }
    }
}
