package dev.hotrel.bench.install;

import dev.hotrel.handler.exec.InstallReport;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * One sample of {@code install_cold_ms}: in a fresh JVM, a node booted on counter-1.0.0 (with its
 * MBeans), counter-1.1.0 unpacked through the handler (not timed), then the first
 * {@code installRelease("1.1.0")} of this JVM, timed around the call. Argument: the sample's number
 * (each sample has a root of its own).
 */
public final class ColdInstall {

    private ColdInstall() {
    }

    public static void main(String[] args) {
        Child.main("cold", args, ColdInstall::run);
    }

    static void run(Path work, RunPlan plan, List<String> args) throws Exception {
        CounterReleases.Pair releases = CounterReleases.archives(work, "plain");
        try (BenchNode node = BenchNode.create(work.resolve("roots/cold-" + args.get(0)), releases.v100(), true)) {
            node.unpack(releases.v110());
            node.awaitPractice();
            InstallWindow steps = InstallWindow.on(node.handler);
            steps.reset();
            ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
            long loaded0 = classes.getTotalLoadedClassCount();
            long t0 = System.nanoTime();
            InstallReport report = node.handler.installRelease("1.1.0");
            long t1 = System.nanoTime();
            long loaded1 = classes.getTotalLoadedClassCount();
            Figure.print("install_cold_classes_loaded_sample", loaded1 - loaded0, "classes");
            Log.say("cold install " + args.get(0) + ": " + String.format("%.1f", Stats.ms(t1 - t0)) + " ms (runtime's own took "
                    + report.took().toMillis() + " ms, longest pause " + report.longestPauseMicros() + " µs)");
            Log.say("cold install " + args.get(0) + ": steps: " + steps.breakdown(t0, t1));
            Figure.print("install_cold_sample_ms", Stats.ms(t1 - t0), "ms");
        }
    }
}
