package dev.hotrel.examples.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code hotrel-demo-client [HOST:PORT]}: keeps one connection to the demo's key-value service open
 * and sends a command every 200 ms, printing each reply as it comes, so you can watch the replies
 * go on (and {@code VERSION} change) while the node is upgraded under it. A line typed on stdin is
 * sent instead of the next automatic command. Ends when the connection breaks, which an upgrade
 * must never cause.
 */
public final class DemoClient {

    private static final long EVERY_MILLIS = 200;
    private static final String USAGE = "usage: hotrel-demo-client [HOST:PORT]   (default 127.0.0.1:7070)";
    private static final List<String> CYCLE = List.of("SET demo:tick %d", "GET demo:tick", "VERSION", "COUNT");

    private DemoClient() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
            System.out.println(USAGE);
            return;
        }
        if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
            System.err.println(USAGE);
            System.exit(2);
        }
        String where = args.length == 1 ? args[0] : "127.0.0.1:7070";
        int colon = where.lastIndexOf(':');
        String host = colon < 0 ? where : where.substring(0, colon);
        int port;
        try {
            port = colon < 0 ? 7070 : Integer.parseInt(where.substring(colon + 1));
        } catch (NumberFormatException e) {
            System.err.println("hotrel-demo-client: bad address '" + where + "' (expected HOST:PORT, e.g. 127.0.0.1:7070)");
            System.exit(2);
            return;
        }
        KvConnection connection;
        try {
            connection = KvConnection.open(host, port, Duration.ofSeconds(30));
        } catch (IOException e) {
            System.err.println("hotrel-demo-client: cannot connect to " + where + ": " + e.getMessage()
                    + " (is the demo node running? start it with bin/hotrel-demo)");
            System.exit(1);
            return;
        }
        System.out.println("hotrel-demo-client: connected to " + where + "; a command every " + EVERY_MILLIS
                + " ms on this one connection. Type a command and Enter to send it instead (try SET k v EX 30, TTL k,"
                + " INCR n, KEYS, STATS); Ctrl-C to stop.");
        Queue<String> typed = new ConcurrentLinkedQueue<>();
        Thread stdin = new Thread(() -> readLines(typed), "stdin");
        stdin.setDaemon(true);
        stdin.start();
        run(connection, typed);
    }

    private static void run(KvConnection connection, Queue<String> typed) throws InterruptedException {
        long sent = 0;
        long automatic = 0;
        long next = System.nanoTime();
        while (true) {
            String command = typed.poll();
            if (command == null) {
                command = String.format(CYCLE.get((int) (automatic % CYCLE.size())), automatic / CYCLE.size());
                automatic++;
            }
            long start = System.nanoTime();
            String reply;
            try {
                reply = connection.send(command);
            } catch (IOException e) {
                System.out.println("hotrel-demo-client: " + e.getMessage() + ", after " + sent + " commands");
                System.exit(1);
                return;
            }
            sent++;
            long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
            System.out.printf("%s #%-5d %-22s -> %s   (%d.%03d ms)%n", LocalTime.now().truncatedTo(ChronoUnit.MILLIS),
                    sent, command, reply, micros / 1000, micros % 1000);
            next += TimeUnit.MILLISECONDS.toNanos(EVERY_MILLIS);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            } else {
                next = System.nanoTime();
            }
        }
    }

    private static void readLines(Queue<String> typed) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank()) {
                    typed.add(line.strip());
                }
            }
        } catch (IOException e) {
            // No terminal to read from: the automatic commands go on.
        }
    }
}
