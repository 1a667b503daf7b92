package dev.hotrel.bench.install;

import dev.hotrel.release.root.ReleaseRoot;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Hotrel side of the side-by-side benchmark (issue 11): builds the counter's releases, runs
 * every measurement, each in a fresh JVM of its own ({@link Fork}), and prints one JSON figure per
 * line on stdout ({@link Figure}); progress on stderr. Run by {@code bench/hotrel.sh}.
 *
 * <p>Arguments: {@code [--quick] [--only NAME,...] [--work DIR] [--apps DIR]}; the names are
 * {@value #SCENARIOS}. Exit code 0 when every measurement ran, 1 when one failed (the others still
 * ran and printed).
 */
public final class Bench {

    static final String SCENARIOS = "calls,lowlevel,cold,warm,servers,heap,cycles,unpack,restart";

    private final Path work;
    private final RunPlan plan;
    private long failedCalls;
    private long wentBack;
    private final List<String> failed = new ArrayList<>();

    private Bench(Path work, RunPlan plan) {
        this.work = work;
        this.plan = plan;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Set<String> only = new LinkedHashSet<>(List.of(SCENARIOS.split(",")));
        Path work = Paths.get("target/bench-work");
        Path apps = Paths.get("src/apps/counter");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--only" -> only = new LinkedHashSet<>(List.of(args[++i].split(",")));
                case "--work" -> work = Paths.get(args[++i]);
                case "--apps" -> apps = Paths.get(args[++i]);
                default -> {
                    System.err.println("usage: Bench [--quick] [--only " + SCENARIOS + "] [--work DIR] [--apps DIR]");
                    System.exit(2);
                }
            }
        }
        for (String name : only) {
            if (!List.of(SCENARIOS.split(",")).contains(name)) {
                System.err.println("unknown measurement '" + name + "' (expected one of " + SCENARIOS + ")");
                System.exit(2);
            }
        }
        Bench bench = new Bench(work.toAbsolutePath(), RunPlan.of(quick));
        System.exit(bench.run(apps.toAbsolutePath(), only));
    }

    private int run(Path apps, Set<String> only) throws Exception {
        long started = System.nanoTime();
        Log.say("Hotrel side, " + plan.mode() + " run: " + String.join(", ", only) + "; " + Runtime.getRuntime().availableProcessors()
                + " CPUs, Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name") + ")");
        if (Files.exists(work)) {
            ReleaseRoot.deleteTree(work);
        }
        Files.createDirectories(work);
        CounterReleases releases = CounterReleases.build(apps, work);
        releases.pack("plain", Map.of());
        int port = only.contains("restart") ? freePort() : 0;
        Log.say("releases built and packed in " + Math.round(Stats.ms(System.nanoTime() - started)) + " ms");
        for (String name : only) {
            try {
                switch (name) {
                    case "calls" -> forward(fork(CallThroughput.class, List.of(), Duration.ofMinutes(3)));
                    case "lowlevel" -> forward(fork(LowLevelWindow.class, List.of(), Duration.ofMinutes(3)));
                    case "cold" -> cold();
                    case "warm" -> {
                        forward(fork(WarmInstalls.class, List.of("0"), Duration.ofMinutes(10)));
                        forward(fork(WarmInstalls.class, List.of("4"), Duration.ofMinutes(10)));
                    }
                    case "servers" -> servers(releases);
                    case "heap" -> heap(releases);
                    case "cycles" -> forward(fork(InstallCycles.class, List.of(), Duration.ofMinutes(30)));
                    case "unpack" -> {
                        Log.say("packing a release with " + plan.unpackMegabytes() + " MB of random bytes");
                        releases.packBig(plan.unpackMegabytes());
                        forward(fork(UnpackSpeed.class, List.of(), Duration.ofMinutes(20)));
                    }
                    case "restart" -> {
                        releases.pack("line", Map.of("port", port));
                        RestartDowntime.run(work, plan, port);
                    }
                    default -> throw new IllegalStateException(name);
                }
            } catch (Exception e) {
                Log.say(name + " failed: " + e);
                failed.add(name);
            }
        }
        Figure.print("failed_calls", failedCalls, "calls");
        Figure.print("count_went_back", wentBack, "calls");
        Log.say("done in " + Math.round(Stats.ms(System.nanoTime() - started) / 1000) + " s"
                + (failed.isEmpty() ? "" : "; failed: " + String.join(", ", failed)));
        return failed.isEmpty() ? 0 : 1;
    }

    private Fork.Result fork(Class<?> main, List<String> args, Duration timeout) throws IOException, InterruptedException {
        Log.say("-- " + main.getSimpleName() + " " + String.join(" ", args));
        Fork.Result r = Fork.run(main, work, plan, args, timeout);
        if (!r.ok()) {
            failed.add(main.getSimpleName() + (args.isEmpty() ? "" : " " + String.join(" ", args)));
            Log.say(main.getSimpleName() + " " + (r.timedOut() ? "timed out" : "exited with code " + r.exitCode()));
        }
        return r;
    }

    /** Prints a child's figures, adding up the correctness counts instead of printing them. */
    private void forward(Fork.Result r) {
        for (Figure f : r.figures()) {
            switch (f.name()) {
                case "failed_calls" -> failedCalls += (long) f.value();
                case "count_went_back" -> wentBack += (long) f.value();
                default -> f.print();
            }
        }
    }

    /** {@code install_cold_ms}: the median of one first install per fresh JVM. */
    private void cold() throws IOException, InterruptedException {
        List<Double> samples = new ArrayList<>();
        List<Double> classes = new ArrayList<>();
        for (int i = 0; i < plan.coldSamples(); i++) {
            Fork.Result r = fork(ColdInstall.class, List.of(String.valueOf(i)), Duration.ofMinutes(3));
            double v = r.value("install_cold_sample_ms");
            if (!Double.isNaN(v)) {
                samples.add(v);
                classes.add(r.value("install_cold_classes_loaded_sample"));
            }
        }
        if (samples.isEmpty()) {
            throw new IllegalStateException("no cold install finished");
        }
        Figure.print("install_cold_ms", Stats.median(samples), "ms");
        Figure.print("install_cold_ms_max", Stats.max(samples), "ms");
        Figure.print("install_cold_classes_loaded", Stats.median(classes), "classes");
    }

    /** {@code window_N_servers_ms} for each size, each in a JVM of its own, bounded in time. */
    private void servers(CounterReleases releases) throws Exception {
        for (int n : plan.serverCounts()) {
            releases.pack("servers-" + n, Map.of("servers", n));
            Duration limit = Duration.ofMinutes(n <= 10_000 ? 10 : Long.getLong("bench.bigServersMinutes", 10));
            Fork.Result r = fork(ManyServers.class, List.of(String.valueOf(n)), limit);
            forward(r);
            if (!r.ok()) {
                Log.say(n + " servers could not be measured within " + limit.toMinutes() + " min (or failed): see above");
            }
        }
        if (plan.quick()) {
            Log.say("quick run: 100000 servers skipped");
        }
    }

    /** {@code heap_per_idle_server_bytes}: the heap of a node with 1 + N idle servers, minus that with 1, over N. */
    private void heap(CounterReleases releases) throws Exception {
        int n = plan.heapServers();
        releases.pack("servers-" + (n + 1), Map.of("servers", n + 1));
        Fork.Result one = fork(IdleHeap.class, List.of("1"), Duration.ofMinutes(5));
        Fork.Result many = fork(IdleHeap.class, List.of(String.valueOf(n + 1)), Duration.ofMinutes(5));
        double perServer = (many.value("heap_used_bytes") - one.value("heap_used_bytes")) / n;
        if (Double.isNaN(perServer)) {
            throw new IllegalStateException("a heap measurement failed");
        }
        Log.say("heap: " + Math.round(one.value("heap_used_bytes")) + " bytes with 1 server, " + Math.round(many.value("heap_used_bytes"))
                + " with " + (n + 1) + "; MBeans " + Math.round(one.value("mbean_count")) + " and " + Math.round(many.value("mbean_count")));
        Figure.print("heap_per_idle_server_bytes", perServer, "bytes");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
