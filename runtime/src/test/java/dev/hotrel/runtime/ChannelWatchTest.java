package dev.hotrel.runtime;

import dev.hotrel.api.Hotrel;
import dev.hotrel.api.ServerDownException;
import dev.hotrel.runtime.app.ApplicationStatus;
import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.server.ServerProcess;
import dev.hotrel.runtime.server.ServerStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Channels watched for servers ({@code Hotrel.watch}) are let go when their owner is done with
 * them, so that a listener restarted by its supervisor can bind its port again: the fixture
 * {@code listener} binds a fixed loopback port in {@code init} and watches it.
 */
class ChannelWatchTest {

    private static final Duration REBIND = Duration.ofSeconds(1);

    private TestNode t;
    private int port;

    @BeforeEach
    void start() throws IOException {
        t = new TestNode();
        port = freePort();
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void aCrashedListenerIsRestartedOnItsOwnPortAndAcceptsEachTime() throws IOException {
        RunningApplication app = startListener();
        assertEquals("hello from " + port, greeting());
        for (int crash = 1; crash <= 5; crash++) {
            assertThrows(ServerDownException.class, () -> Hotrel.call("listener", "crash"));
            int restarts = crash;
            TestWaits.await("restart " + crash + " of the listener on port " + port, REBIND, () -> isRestarted(restarts));
            assertEquals("hello from " + port, greeting(), "after restart " + crash);
        }
        assertEquals(ApplicationStatus.RUNNING, app.status());
    }

    @Test
    void stoppingAListenerFreesItsPortBeforeTheStopReturns() throws IOException {
        startListener();
        assertEquals("hello from " + port, greeting());
        t.node.stopApplication("listener");
        assertTrue(canBind(port), "port " + port + " is free as soon as the application stopped");
    }

    @Test
    void aChannelItsServerClosesWhileWatchedIsReleasedPromptly() throws IOException {
        startListener();
        ServerSocketChannel channel = (ServerSocketChannel) Hotrel.call("listener", "channel");
        TestWaits.await("the listener's server socket registered with the node's selector", channel::isRegistered);
        assertEquals("closed", Hotrel.call("listener", "close"));
        TestWaits.await("port " + port + " free after the listener closed its watched server socket", REBIND,
                () -> canBind(port));
    }

    @Test
    void unwatchDeregistersTheChannelAtOnceSoClosingItFreesThePort() throws IOException {
        startListener();
        ServerSocketChannel channel = (ServerSocketChannel) Hotrel.call("listener", "channel");
        TestWaits.await("the listener's server socket registered with the node's selector", channel::isRegistered);
        assertEquals("unwatched", Hotrel.call("listener", "unwatch"));
        assertFalse(channel.isRegistered(), "deregistered when unwatch returned: no readiness can be reported any more");

        assertEquals("watching", Hotrel.call("listener", "watch"));
        assertEquals("hello from " + port, greeting(), "watched again after an unwatch");

        assertEquals("unwatched", Hotrel.call("listener", "unwatch"));
        assertEquals("closed", Hotrel.call("listener", "close"));
        assertTrue(canBind(port), "port " + port + " free as soon as the unwatched channel was closed");
    }

    @Test
    void unwatchOfAChannelNobodyWatchesDoesNothing() throws IOException {
        try (ServerSocketChannel channel = ServerSocketChannel.open()) {
            Hotrel.unwatch(channel);
            assertFalse(channel.isRegistered());
        }
    }

    private RunningApplication startListener() {
        return t.node.startApplication(t.load("listener", "1.0.0"), "fixture.listener.ListenerApp", Map.of("port", port));
    }

    private boolean isRestarted(int times) {
        ServerProcess listener = t.node.registry().find("listener");
        return listener != null && listener.restarts() == times && listener.status() == ServerStatus.RUNNING;
    }

    /** Connects to the listener and reads its greeting: it accepted the connection. */
    private String greeting() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(5_000);
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
