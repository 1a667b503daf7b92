package dev.hotrel.bench.install;

import dev.hotrel.api.Hotrel;
import dev.hotrel.runtime.Node;
import dev.hotrel.runtime.code.AppVersion;
import dev.hotrel.runtime.server.ServerProcess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code lowlevel_window_us}: the counter server alone moved between its two versions with the
 * runtime's primitives, without the release handler (OTP's {@code sys:suspend},
 * {@code sys:change_code}, {@code sys:resume}): {@link ServerProcess#suspend}, then
 * {@link ServerProcess#changeCode} up to 1.1.0 or {@link ServerProcess#downgradeCode} back to
 * 1.0.0 (the state converted each way by the versions' own code), then {@link ServerProcess#resume};
 * timed from before the suspend to after the resume. Both versions are loaded beforehand, from the
 * same jars the releases carry; the node is idle.
 */
public final class LowLevelWindow {

    private static final String CALLBACK = "dev.hotrel.bench.counter.Counter";

    private LowLevelWindow() {
    }

    public static void main(String[] args) {
        Child.main("lowlevel", args, LowLevelWindow::run);
    }

    static void run(Path work, RunPlan plan, List<String> args) throws Exception {
        Path lib = work.resolve("lib");
        try (Node node = Node.start()) {
            AppVersion v100 = node.load("counter", "1.0.0", List.of(lib.resolve("counter-1.0.0/counter-1.0.0.jar")));
            node.startApplication(v100, "dev.hotrel.bench.counter.CounterApp", Map.of());
            AppVersion v110 = node.load("counter", "1.1.0", List.of(lib.resolve("counter-1.1.0/counter-1.1.0.jar")));
            ServerProcess server = node.registry().lookup("counter");
            Hotrel.call("counter", "incr");
            List<Long> samples = new ArrayList<>();
            int rounds = plan.lowLevelSamples();
            for (int i = 0; i < 2 * rounds; i++) {
                boolean up = i % 2 == 0;
                long t0 = System.nanoTime();
                if (!server.suspend(5, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("counter did not become quiet within 5 s");
                }
                if (up) {
                    server.changeCode(v110, CALLBACK, null);
                } else {
                    server.downgradeCode(v100, CALLBACK, null);
                }
                server.resume();
                long t1 = System.nanoTime();
                if (i >= rounds) {
                    samples.add(t1 - t0);
                }
            }
            Object version = Hotrel.call("counter", "version");
            Object count = Hotrel.call("counter", "get");
            if (!"1.0.0".equals(version) || ((Number) count).longValue() != 1) {
                throw new IllegalStateException("after the round trips the counter is on " + version + " with count " + count
                        + " (expected 1.0.0 with 1)");
            }
            double median = Stats.median(samples) / 1e3;
            Log.say("lowlevel_window_us: median " + String.format("%.1f", median) + " µs, max "
                    + String.format("%.1f", Stats.max(samples) / 1e3) + " µs over " + samples.size() + " changes (after "
                    + rounds + " to warm up)");
            Figure.print("lowlevel_window_us", median, "us");
        }
    }
}
