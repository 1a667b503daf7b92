package dev.hotrel.bench.counter;

import dev.hotrel.api.ChannelReady;
import dev.hotrel.api.Hotrel;
import dev.hotrel.api.Server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A TCP line server on {@code 127.0.0.1:PORT}: each line {@code incr} is answered with the new
 * count of the server {@code counter} (a call), {@code get} with the count, anything else with
 * {@code error}. Clients send one line and wait for its answer, so a read holds whole lines.
 */
public final class LineServer implements Server<LineState> {

    private static final String ACCEPT = "accept";
    private static final String CLIENT = "client";

    @Override
    public LineState init(Object arg) {
        LineState s = new LineState();
        try {
            s.channel = ServerSocketChannel.open();
            s.channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            s.channel.bind(new InetSocketAddress("127.0.0.1", ((Number) arg).intValue()), 128);
            s.channel.configureBlocking(false);
        } catch (IOException e) {
            closeQuietly(s);
            throw new UncheckedIOException("line server cannot bind 127.0.0.1:" + arg + ": " + e.getMessage(), e);
        }
        Hotrel.watch(s.channel, ACCEPT);
        return s;
    }

    @Override
    public LineState info(Object message, LineState s) {
        if (!(message instanceof ChannelReady ready)) {
            return s;
        }
        try {
            if (ACCEPT.equals(ready.tag())) {
                for (SocketChannel client; (client = s.channel.accept()) != null; ) {
                    client.configureBlocking(false);
                    client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    s.clients.add(client);
                    Hotrel.watch(client, CLIENT);
                }
                Hotrel.watch(s.channel, ACCEPT);
            } else if (s.clients.contains(ready.channel())) {
                serve(s, (SocketChannel) ready.channel());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s;
    }

    private static void serve(LineState s, SocketChannel client) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(1024);
        int n;
        try {
            n = client.read(in);
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            s.clients.remove(client);
            Hotrel.unwatch(client);
            client.close();
            return;
        }
        StringBuilder out = new StringBuilder();
        String text = new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
        int start = 0;
        for (int nl; (nl = text.indexOf('\n', start)) >= 0; start = nl + 1) {
            String line = text.substring(start, nl).trim();
            Object answer = line.equals("incr") || line.equals("get") ? Hotrel.call("counter", line) : "error";
            out.append(answer).append('\n');
        }
        ByteBuffer reply = ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.UTF_8));
        try {
            while (reply.hasRemaining()) {
                client.write(reply);
            }
        } catch (IOException e) {
            s.clients.remove(client);
            Hotrel.unwatch(client);
            client.close();
            return;
        }
        Hotrel.watch(client, CLIENT);
    }

    @Override
    public void terminate(String reason, LineState s) {
        for (SocketChannel c : s.clients) {
            try {
                c.close();
            } catch (IOException e) {
                // closing on the way out
            }
        }
        closeQuietly(s);
    }

    private static void closeQuietly(LineState s) {
        try {
            if (s.channel != null) {
                Hotrel.unwatch(s.channel);
                s.channel.close();
            }
        } catch (IOException | RuntimeException e) {
            // closing on the way out
        }
    }
}
