package dev.hotrel.runtime;

import dev.hotrel.api.Hotrel;
import dev.hotrel.runtime.app.RunningApplication;
import dev.hotrel.runtime.code.AppVersion;
import dev.hotrel.runtime.purge.PurgeMode;
import dev.hotrel.runtime.server.CodeChangeException;
import dev.hotrel.runtime.server.CodeSwap;
import dev.hotrel.runtime.server.ServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodeChangeTest {

    private TestNode t;
    private RunningApplication app;

    @BeforeEach
    void start() {
        t = new TestNode();
        app = t.startCounter("1.0.0", Map.of("echo", true));
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void upgradeAndDowngradeMigrateStateAcrossLoadersAndKeepTheConnectionOpen() throws Exception {
        int port = (Integer) Hotrel.call("echo", "port");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
            out.println("hello");
            assertEquals("v1:hello", in.readLine());
            Hotrel.call("counter", "set:41");
            Hotrel.call("counter", "append:before");

            // Up: 1.0.0 -> 1.1.0. The state class changes (count becomes total).
            AppVersion v11 = t.load("counter", "1.1.0");
            moveAll(v11);
            assertEquals("1.1.0", Hotrel.call("counter", "version"));
            assertEquals(42L, Hotrel.call("counter", "next"), "count migrated into total");
            assertEquals(List.of("before"), Hotrel.call("counter", "history"));
            out.println("again");
            assertEquals("v2:again", in.readLine(), "the same connection is served by the new code");
            assertEquals(1, Hotrel.call("echo", "clients"));

            // Down: purge 1.0.0 (nothing runs it), load it afresh, move back.
            assertEquals("counter@1.0.0", t.node.purge("counter", PurgeMode.SOFT).purged());
            AppVersion v10 = t.load("counter", "1.0.0");
            moveAll(v10);
            assertEquals("1.0.0", Hotrel.call("counter", "version"));
            assertEquals(43L, Hotrel.call("counter", "next"), "total migrated back into count");
            out.println("back");
            assertEquals("v1:back", in.readLine(), "the connection survived the downgrade too");
        }
    }

    @Test
    void aThrowingCodeChangeLeavesTheServerOnOldCodeWithItsOldState() {
        Hotrel.call("counter", "set:13");
        Hotrel.call("counter", "append:kept");
        AppVersion v11 = t.load("counter", "1.1.0");
        app.switchTo(v11, "fixture.counter.CounterApp");
        ServerProcess counter = t.node.registry().lookup("counter");
        Object stateBefore = counter.inspect(s -> s, 1, TimeUnit.SECONDS);
        assertTrue(counter.suspend(1, TimeUnit.SECONDS));

        CodeChangeException e = assertThrows(CodeChangeException.class,
                () -> counter.changeCode(v11, "fixture.counter.Counter", null));
        assertTrue(e.getMessage().startsWith("code change of server counter from counter@1.0.0 to counter@1.1.0 failed: "
                + "java.lang.IllegalArgumentException: unlucky state: 13"), e.getMessage());
        assertSame(stateBefore, counter.inspect(s -> s, 1, TimeUnit.SECONDS), "the very same state object");
        assertThrows(CodeChangeException.class, () -> counter.changeCode(v11, "fixture.counter.Counter", "fail"));
        assertThrows(CodeChangeException.class, () -> counter.changeCode(v11, "fixture.counter.NoSuchClass", null));
        counter.resume();

        assertEquals("1.0.0", Hotrel.call("counter", "version"));
        assertEquals(13L, Hotrel.call("counter", "get"));
        assertEquals(List.of("kept"), Hotrel.call("counter", "history"));
        assertSame(app.old(), counter.code().version());
    }

    @Test
    void revertPutsBackTheOldCodeAndTheVeryOldState() {
        Hotrel.call("counter", "set:7");
        ServerProcess counter = t.node.registry().lookup("counter");
        Object stateBefore = counter.inspect(s -> s, 1, TimeUnit.SECONDS);
        AppVersion v11 = t.load("counter", "1.1.0");
        RunningApplication.Switch sw = app.switchTo(v11, "fixture.counter.CounterApp");
        assertTrue(counter.suspend(1, TimeUnit.SECONDS));
        CodeSwap swap = counter.changeCode(v11, "fixture.counter.Counter", null);
        assertSame(v11, counter.code().version());

        counter.revert(swap);
        app.revert(sw);
        counter.resume();
        assertSame(stateBefore, counter.inspect(s -> s, 1, TimeUnit.SECONDS));
        assertEquals("1.0.0", Hotrel.call("counter", "version"));
        assertEquals(8L, Hotrel.call("counter", "next"));
    }

    private void moveAll(AppVersion to) {
        app.switchTo(to, "fixture.counter.CounterApp");
        List<ServerProcess> servers = app.servers();
        for (ServerProcess s : servers) {
            assertTrue(s.suspend(1, TimeUnit.SECONDS));
        }
        for (ServerProcess s : servers) {
            s.changeCode(to, s.code().callbackClass(), null);
        }
        servers.forEach(ServerProcess::resume);
    }

}
