package dev.hotrel.bench.install;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * TCP clients of the counter's line server, as a service's users: each sends {@code incr}, waits
 * for the answer, and sends the next at once. A request that fails (no connection, connection
 * refused or reset, no answer within 5 s) counts as one failed request; the client then closes its
 * socket, waits {@value #RETRY_MILLIS} ms and connects again. The service is down between two
 * successful answers (of any client): the longest such gap is the downtime. Each client also checks
 * that the counts it gets never go back (they do when the counter's state is lost).
 */
final class LineClients {

    static final long RETRY_MILLIS = 10;

    private final InetSocketAddress address;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong lastOk = new AtomicLong(System.nanoTime());
    private final AtomicLong longestGap = new AtomicLong();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong wentBack = new AtomicLong();
    private volatile boolean stop;

    private LineClients(InetSocketAddress address) {
        this.address = address;
    }

    static LineClients start(int n, int port) {
        LineClients c = new LineClients(new InetSocketAddress("127.0.0.1", port));
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(c::loop, "line-client-" + i);
            t.setDaemon(true);
            c.threads.add(t);
        }
        c.threads.forEach(Thread::start);
        return c;
    }

    private void loop() {
        Socket socket = null;
        BufferedReader in = null;
        OutputStream out = null;
        long last = Long.MIN_VALUE;
        while (!stop) {
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.connect(address, 1_000);
                    socket.setSoTimeout(5_000);
                    in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                    out = socket.getOutputStream();
                }
                out.write("incr\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String line = in.readLine();
                if (line == null) {
                    throw new EOFException("connection closed");
                }
                long v = Long.parseLong(line.trim());
                success(System.nanoTime());
                if (v <= last) {
                    wentBack.incrementAndGet();
                }
                last = v;
            } catch (IOException | NumberFormatException e) {
                if (stop) {
                    break;
                }
                failed.incrementAndGet();
                close(socket);
                socket = null;
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException ie) {
                    break;
                }
            }
        }
        close(socket);
    }

    private void success(long now) {
        ok.incrementAndGet();
        long gap = now - lastOk.getAndSet(now);
        long seen;
        while (gap > (seen = longestGap.get()) && !longestGap.compareAndSet(seen, gap)) {
            // raised by another client meanwhile
        }
    }

    private static void close(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // it is being dropped
            }
        }
    }

    void stop() throws InterruptedException {
        stop = true;
        for (Thread t : threads) {
            t.join(10_000);
        }
    }

    /** The longest time without any successful answer, in ms. */
    double longestGapMillis() {
        return longestGap.get() / 1e6;
    }

    long failed() {
        return failed.get();
    }

    long ok() {
        return ok.get();
    }

    long wentBack() {
        return wentBack.get();
    }
}
