package dev.hotrel.mbeans;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A latch across JVMs: the fixture's {@code Hooks.check(NAME)} (the {@code apply} of counter
 * 1.1.0's appup, named {@code up}) connects here when the node JVM runs with
 * {@link #jvmOption()}, and holds the install at that step until told {@link #go()} or
 * {@link #fail()}. No sleeps: the node blocks on a read, the test on an accept.
 */
final class HeldApply implements AutoCloseable {

    private final String name;
    private final ServerSocket listener;
    private Socket held;

    HeldApply(String name) throws IOException {
        this.name = name;
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        listener.setSoTimeout(60_000);
    }

    /** The system property that makes the node's apply {@code name} hold here. */
    List<String> jvmOption() {
        return List.of("-Dfixture.hold." + name + "=" + listener.getLocalPort());
    }

    /** Waits until the install reached the apply and holds there. */
    void awaitHeld() throws IOException {
        held = listener.accept();
        String line = new BufferedReader(new InputStreamReader(held.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!("holding " + name).equals(line)) {
            throw new IllegalStateException("expected 'holding " + name + "' from the node, got " + line);
        }
    }

    /** Lets the apply return: the install goes on. */
    void go() throws IOException {
        answer("go");
    }

    /** Makes the apply throw: the install fails at that step and is rolled back. */
    void fail() throws IOException {
        answer("fail");
    }

    private void answer(String word) throws IOException {
        OutputStream out = held.getOutputStream();
        out.write((word + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        held.close();
        held = null;
    }

    @Override
    public void close() throws IOException {
        if (held != null) {
            held.close();
        }
        listener.close();
    }
}
