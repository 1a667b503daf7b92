package dev.hotrel.bench.install;

import dev.hotrel.api.Hotrel;
import dev.hotrel.handler.exec.InstallReport;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code window_N_servers_ms}: a node booted on counter-1.0.0 configured with N counter servers
 * (one supervisor, N children: {@code counter}, {@code c1 .. c(N-1)}), moved to 1.1.0 by one
 * install after two warm-up round trips (one at 100,000), as OTP's figure is of warm code; the window runs from the first suspend to the last resume as the handler's step events
 * show it ({@link InstallWindow}). Also printed: the whole install ({@code install_N_servers_ms}),
 * the runtime's longest pause ({@code pause_N_servers_ms}) and the boot ({@code boot_N_servers_ms}).
 * Argument: N. The releases are those of variant {@code servers-N}.
 */
public final class ManyServers {

    private ManyServers() {
    }

    public static void main(String[] args) {
        Child.main("servers", args, ManyServers::run);
    }

    static void run(Path work, RunPlan plan, List<String> args) throws Exception {
        int n = Integer.parseInt(args.get(0));
        CounterReleases.Pair releases = CounterReleases.archives(work, "servers-" + n);
        long b0 = System.nanoTime();
        try (BenchNode node = BenchNode.create(work.resolve("roots/servers-" + n), releases.v100(), true)) {
            long b1 = System.nanoTime();
            Log.say(n + " servers: booted in " + Math.round(Stats.ms(b1 - b0)) + " ms");
            node.awaitPractice();
            node.unpack(releases.v110());
            Hotrel.call("c" + (n - 1), "incr");
            // Warm, as OTP's figure is (a median of repeats): two round trips first, then the one measured.
            int warmups = n >= 100_000 ? 1 : 2;
            for (int i = 0; i < warmups; i++) {
                node.handler.installRelease("1.1.0");
                node.handler.installRelease("1.0.0");
            }
            // Printed as soon as the window closes: what follows it (purge, files, listeners) may take long.
            InstallWindow window = InstallWindow.on(node.handler, nanos -> {
                Log.say(n + " servers: window " + String.format("%.1f", Stats.ms(nanos)) + " ms");
                Figure.print("window_" + n + "_servers_ms", Stats.ms(nanos), "ms");
            });
            window.reset();
            long t0 = System.nanoTime();
            InstallReport report = node.handler.installRelease("1.1.0");
            long t1 = System.nanoTime();
            window.finish(t1);
            Object version = Hotrel.call("c" + (n - 1), "version");
            Object count = Hotrel.call("c" + (n - 1), "get");
            if (!"1.1.0".equals(version) || ((Number) count).longValue() != 1 || report.moved().size() != n) {
                throw new IllegalStateException("after the install c" + (n - 1) + " runs " + version + " with count " + count
                        + " and " + report.moved().size() + " servers moved (expected 1.1.0, 1, " + n + ")");
            }
            Log.say(n + " servers: install's steps: " + window.breakdown(t0, t1));
            Log.say(n + " servers: install " + Math.round(Stats.ms(t1 - t0)) + " ms, runtime's longest pause "
                    + report.longestPauseMicros() / 1000 + " ms" + (window.endedByReturn()
                    ? "; the window ran to the install's return (Resume was the last step)" : ""));
            Figure.print("install_" + n + "_servers_ms", Stats.ms(t1 - t0), "ms");
            Figure.print("pause_" + n + "_servers_ms", report.longestPauseMicros() / 1e3, "ms");
            Figure.print("boot_" + n + "_servers_ms", Stats.ms(b1 - b0), "ms");
        }
    }
}
