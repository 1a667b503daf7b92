package dev.hotrel.examples.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One connection to the example key-value service, kept open: a command goes out as a line and
 * its reply comes back as a line. Never reconnects on its own, so a dropped connection shows.
 * Not thread-safe: one conversation at a time.
 */
public final class KvConnection implements AutoCloseable {

    private final String address;
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private KvConnection(String address, Socket socket) throws IOException {
        this.address = address;
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    /**
     * Connects to {@code host:port}.
     *
     * @param replyTimeout how long {@link #send} waits for a reply before it fails
     */
    public static KvConnection open(String host, int port, Duration replyTimeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout((int) replyTimeout.toMillis());
            return new KvConnection(host + ":" + port, socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Sends one command line and waits for its one-line reply.
     *
     * @throws IOException if the connection failed, was closed by the service, or no reply came in time
     */
    public String send(String command) throws IOException {
        try {
            out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String reply = in.readLine();
            if (reply == null) {
                throw new IOException("the kv service at " + address + " closed the connection (command: " + command + ")");
            }
            return reply;
        } catch (SocketException e) {
            throw new IOException("connection to the kv service at " + address + " failed on '" + command + "': "
                    + e.getMessage(), e);
        }
    }

    /** {@code host:port}. */
    public String address() {
        return address;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
