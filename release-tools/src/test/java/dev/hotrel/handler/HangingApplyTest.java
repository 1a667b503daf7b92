package dev.hotrel.handler;

import dev.hotrel.api.Hotrel;
import dev.hotrel.config.ConfigKey;
import dev.hotrel.runtime.server.ServerProcess;
import dev.hotrel.runtime.server.ServerStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An {@code apply} that hangs: counter 1.1.0's appup applies {@code Hooks.check("up")}, which here
 * connects to a socket of the test and waits for a line that never comes (a read no interrupt
 * ends). The install must give up after {@code applyTimeout}, roll back in place (the counter on
 * its old code with its state, nothing suspended, {@code RELEASES.json} untouched), say why, and
 * leave the node free for the next install.
 */
class HangingApplyTest {

    @TempDir
    Path dir;
    private HandlerTestNode t;

    @AfterEach
    void stop() {
        System.clearProperty("fixture.hold.up");
        if (t != null) {
            t.close();
        }
    }

    @Test
    void anApplyThatNeverReturnsIsGivenUpAfterTheApplyTimeoutAndTheInstallRollsBackInPlace() throws Exception {
        t = HandlerTestNode.create(dir);
        t.settings = Map.of(ConfigKey.APPLY_TIMEOUT, "500");
        t.restart();
        assertEquals("1.1.0", t.handler.unpackRelease("demo-1.1.0.tar.gz"));
        byte[] releasesFile = Files.readAllBytes(t.root.releasesFile());
        Hotrel.call("counter", "set:7");
        try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            System.setProperty("fixture.hold.up", String.valueOf(holder.getLocalPort()));
            long start = System.nanoTime();
            HandlerException e = assertThrows(HandlerException.class, () -> t.handler.installRelease("1.1.0"));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(e.getMessage().contains("did not return within 500 ms (applyTimeout)"), e.getMessage());
            assertTrue(e.getMessage().contains("rolled back; current release is demo-1.0.0"), e.getMessage());
            assertTrue(tookMillis < 20_000, "the install took " + tookMillis + " ms");
            holder.setSoTimeout(10_000);
            try (Socket held = holder.accept()) { // the apply really was held there
                String line = new BufferedReader(new InputStreamReader(held.getInputStream(), StandardCharsets.UTF_8)).readLine();
                assertEquals("holding up", line);
            }
        }
        System.clearProperty("fixture.hold.up");
        assertEquals("demo-1.0.0", t.handler.current().id());
        assertEquals("counter@1.0.0", t.node.application("counter").orElseThrow().current().id());
        assertEquals(7L, Hotrel.call("counter", "get"));
        for (ServerProcess s : t.node.application("counter").orElseThrow().servers()) {
            assertEquals(ServerStatus.RUNNING, s.status(), s.toString());
        }
        assertArrayEquals(releasesFile, Files.readAllBytes(t.root.releasesFile()));
        assertEquals(null, t.handler.busy(), "the node is free again");

        t.handler.installRelease("1.1.0");
        assertEquals("demo-1.1.0", t.handler.current().id());
        assertEquals(7L, Hotrel.call("counter", "get"));
    }
}
