package dev.hotrel.examples;

import dev.hotrel.examples.client.KvConnection;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One client of the kv service for the end-to-end test: a single connection, never reopened, on
 * which it writes keys of its own ({@code cID:N}), reads each back, deletes some, and asks the
 * version now and then, back to back on its own thread. Every reply is checked the moment it
 * arrives, so a lost, doubled or wrong reply stops the client with the command that showed it.
 */
final class TrafficClient {

    private final int id;
    private final KvConnection connection;
    private final Thread thread;
    /** Written and read by the client thread only until {@link #stop} has joined it. */
    private final Map<String, String> written = new LinkedHashMap<>();
    private final Set<String> deleted = new LinkedHashSet<>();
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong longestReplyNanos = new AtomicLong();
    private final List<String> versions = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;
    private volatile Throwable failure;

    /** The pause between two rounds. */
    private final long breathNanos;
    /** How many keys the client cycles through; 0: a new key every round. */
    private final int keySpace;

    private TrafficClient(int id, KvConnection connection, Duration breath, int keySpace) {
        this.id = id;
        this.connection = connection;
        this.breathNanos = breath.toNanos();
        this.keySpace = keySpace;
        this.thread = new Thread(this::run, "kv-client-" + id);
        this.thread.setDaemon(true);
    }

    /** Connects and starts sending. */
    static TrafficClient start(int id, String host, int port) throws IOException {
        // A short breath between rounds: steady traffic, not a benchmark hogging the shared cores.
        return start(id, host, port, Duration.ofMillis(1), 0);
    }

    /**
     * Connects and starts sending, a round every {@code breath}, over {@code keySpace} keys of its
     * own (0: a new key every round), so that many clients can run for minutes with a bounded store.
     */
    static TrafficClient start(int id, String host, int port, Duration breath, int keySpace) throws IOException {
        // A reply that never comes fails the client; 30 s is "never", even on a loaded machine.
        TrafficClient client = new TrafficClient(id, KvConnection.open(host, port, Duration.ofSeconds(30)), breath, keySpace);
        client.thread.start();
        return client;
    }

    private void run() {
        try {
            for (long n = 1; !stopping; n++) {
                step(n);
                LockSupport.parkNanos(breathNanos);
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void step(long n) throws IOException {
        String key = key(n);
        String value = "v" + n + "-ü";
        expect("SET " + key + " " + value, "OK");
        written.put(key, value);
        deleted.remove(key);
        expect("GET " + key, value);
        if (n % 4 == 0) {
            String gone = key(n - 2);
            expect("DEL " + gone, "1");
            written.remove(gone);
            deleted.add(gone);
        }
        if (n % 5 == 0) {
            String version = send("VERSION");
            if (!version.matches("kv \\d+\\.\\d+\\.\\d+")) {
                throw new AssertionError(this + ": VERSION answered '" + version + "'");
            }
            String number = version.substring(3);
            if (versions.isEmpty() || !versions.get(versions.size() - 1).equals(number)) {
                versions.add(number);
            }
        }
    }

    private String key(long n) {
        return "c" + id + ":" + (keySpace == 0 ? n : n % keySpace);
    }

    private void expect(String command, String reply) throws IOException {
        String got = send(command);
        if (!got.equals(reply)) {
            throw new AssertionError(this + ": '" + command + "' answered '" + got + "', expected '" + reply + "'");
        }
    }

    private String send(String command) throws IOException {
        long start = System.nanoTime();
        String reply = connection.send(command);
        long took = System.nanoTime() - start;
        longestReplyNanos.accumulateAndGet(took, Math::max);
        commands.incrementAndGet();
        return reply;
    }

    /** The longest wait for a reply since the last time this was asked, in microseconds; starts a new window. */
    long takeLongestReplyMicros() {
        return TimeUnit.NANOSECONDS.toMicros(longestReplyNanos.getAndSet(0));
    }

    /** Commands answered and checked so far. */
    long commands() {
        return commands.get();
    }

    /** The versions this client was served by, in order, each once per stretch. */
    List<String> versions() {
        return List.copyOf(versions);
    }

    /** Waits until this client's latest VERSION says {@code version}. */
    void awaitVersion(String version, Duration timeout) throws InterruptedException {
        awaitUntil(() -> !versions.isEmpty() && versions.get(versions.size() - 1).equals(version), timeout,
                "to be served by kv " + version + " (saw " + versions + ")");
    }

    /** Waits until this client has had {@code more} further commands answered. */
    void awaitProgress(long more, Duration timeout) throws InterruptedException {
        long target = commands() + more;
        awaitUntil(() -> commands() >= target, timeout, "to get " + more + " more replies");
    }

    private void awaitUntil(BooleanSupplier done, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (failure != null) {
                throw new AssertionError(this + " failed while waiting " + what, failure);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(this + " waited " + timeout.toSeconds() + " s " + what);
            }
            Thread.sleep(5);
        }
    }

    /** Asks the client to stop after its current round, without waiting: to stop many at once, then {@link #stop} each. */
    void stopSoon() {
        stopping = true;
    }

    /** Stops sending and waits for the thread; the first failure it met, or null. */
    Throwable stop() throws InterruptedException {
        stopping = true;
        thread.join(TimeUnit.SECONDS.toMillis(20));
        if (thread.isAlive()) {
            return new AssertionError(this + " did not stop within 20 s");
        }
        return failure;
    }

    /**
     * After {@link #stop}: reads back, on the same connection, every key this client wrote and still
     * holds, and checks that the keys it deleted are gone. Returns the problems, none if all is well.
     */
    List<String> readBack() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : written.entrySet()) {
            String got = send("GET " + e.getKey());
            if (!got.equals(e.getValue())) {
                problems.add(this + ": GET " + e.getKey() + " answered '" + got + "', expected '" + e.getValue() + "'");
            }
        }
        for (String key : deleted) {
            String got = send("GET " + key);
            if (!got.equals("(nil)")) {
                problems.add(this + ": deleted key " + key + " answered '" + got + "'");
            }
        }
        return problems;
    }

    /** Keys written and still held. */
    int keys() {
        return written.size();
    }

    void close() throws IOException {
        connection.close();
    }

    @Override
    public String toString() {
        return "client " + id;
    }
}
