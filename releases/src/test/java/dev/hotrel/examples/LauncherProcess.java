package dev.hotrel.examples;

import dev.hotrel.mbeans.TestUsers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/hotrel-node}, the operator's launcher, run as its own process on the jars the build
 * made ({@code mbeans/target/hotrel-node.jar}): the node JVMs it starts are its children. Its
 * console (the nodes' too) is read line by line; every node JVM it starts announces itself with
 * a {@code hotrel-node: running} line naming its pid and its Jolokia URL.
 *
 * <p>Waits watch that console for an explicit line, up to a deadline, and fail with the whole
 * console: they never sleep for a fixed time.
 */
final class LauncherProcess implements AutoCloseable {

    static final Path SCRIPT = Path.of("../bin/hotrel-node").toAbsolutePath().normalize();
    private static final Pattern RUNNING = Pattern.compile("^hotrel-node: running (\\S+) .*Jolokia (\\S+?)/?;.*local JMX: pid (\\d+)");

    /** One node JVM that ran under the launcher, as its "running" line says. */
    record Node(String release, String jolokiaUrl, long pid) {
    }

    final Process process;
    private final List<String> console = new ArrayList<>(); // guarded by itself
    private final Thread reader;

    private LauncherProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "launcher-console");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Runs {@code bin/hotrel-node --root ROOT ARGS}, with the JDK running these tests first on the PATH;
     * the root gets the fixtures' management users first if it has none ({@link TestUsers#seed}).
     */
    static LauncherProcess start(Path root, String... args) throws IOException {
        TestUsers.seed(root);
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString(), "--root", root.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + java.io.File.pathSeparator + env.getOrDefault("PATH", ""));
        return new LauncherProcess(builder.start());
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (console) {
                    console.add(line);
                    console.notifyAll();
                }
            }
        } catch (IOException e) {
            // The launcher ended.
        }
    }

    /** The console so far. */
    List<String> console() {
        synchronized (console) {
            return List.copyOf(console);
        }
    }

    /** The node JVMs that announced themselves so far, in order. */
    List<Node> nodes() {
        List<Node> nodes = new ArrayList<>();
        for (String line : console()) {
            Matcher m = RUNNING.matcher(line);
            if (m.find()) {
                nodes.add(new Node(m.group(1), m.group(2), Long.parseLong(m.group(3))));
            }
        }
        return nodes;
    }

    /** The {@code n}-th node JVM (from 1) once it runs. */
    Node awaitNode(int n, Duration within) throws InterruptedException {
        awaitConsole(lines -> nodesIn(lines) >= n, within, "node JVM number " + n + " to run");
        return nodes().get(n - 1);
    }

    /** The first console line that matches, once printed. */
    String awaitLine(Predicate<String> line, Duration within, String what) throws InterruptedException {
        awaitConsole(lines -> lines.stream().anyMatch(line), within, what);
        return console().stream().filter(line).findFirst().orElseThrow();
    }

    private void awaitConsole(Predicate<List<String>> condition, Duration within, String what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (console) {
            while (!condition.test(console)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("waited " + within.toSeconds() + " s for " + what + "; launcher "
                            + (process.isAlive() ? "still runs" : "exited with " + process.exitValue()) + ", console:\n"
                            + String.join("\n", console));
                }
                TimeUnit.NANOSECONDS.timedWait(console, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
            }
        }
    }

    private static long nodesIn(List<String> lines) {
        return lines.stream().filter(l -> RUNNING.matcher(l).find()).count();
    }

    /** The launcher's exit code once it ended on its own. */
    int awaitExit(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("launcher still runs after " + within.toSeconds() + " s; console:\n"
                    + String.join("\n", console()));
        }
        reader.join(10_000); // the console to its last line
        return process.exitValue();
    }

    /** SIGTERM to the launcher, as systemd or Ctrl-C in bin/hotrel-demo sends it; its exit code. */
    int stop(Duration within) throws InterruptedException {
        process.toHandle().destroy();
        return awaitExit(within);
    }

    /**
     * Stops the launcher and whatever node JVM it still runs: its own children, found before it is
     * stopped (a handle knows its process's start time, so a reused pid is never hit).
     */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.toHandle().descendants().toList();
        if (process.isAlive()) {
            process.toHandle().destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroy();
                child.onExit().completeOnTimeout(child, 30, TimeUnit.SECONDS).join();
                child.destroyForcibly();
            }
        }
    }
}
