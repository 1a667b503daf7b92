package dev.hotrel.bench.install;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * {@code cycles_*}: {@code cycles} installs in one node (1.1.0 and 1.0.0 alternating, back to back,
 * as fast as the handler takes them), and what stays behind. After install 10 and after the last
 * (only there: no collection is forced anywhere else, by this driver or by the node),
 * {@code System.gc()} three times, then: the
 * loaded class count ({@code ClassLoadingMXBean}), the metaspace in use (the {@code Metaspace}
 * memory pool) and the live loaders of the counter application ({@link LiveLoaders}).
 *
 * <p>Figures: {@code cycles_loaded_classes_growth} and {@code cycles_metaspace_growth_bytes} (last
 * minus tenth), {@code cycles_live_loaders_max_per_app} (the larger of the two counts).
 */
public final class InstallCycles {

    private static final int FIRST_POINT = 10;

    private InstallCycles() {
    }

    public static void main(String[] args) {
        Child.main("cycles", args, InstallCycles::run);
    }

    static void run(Path work, RunPlan plan, List<String> args) throws Exception {
        CounterReleases.Pair releases = CounterReleases.archives(work, "plain");
        int cycles = plan.cycles();
        try (BenchNode node = BenchNode.create(work.resolve("roots/cycles"), releases.v100(), true)) {
            node.awaitPractice();
            node.unpack(releases.v110());
            Point first = null;
            Point half = null;
            Point last = null;
            Point.take(0); // the measurement's own classes loaded before the first point, not counted as growth
            Stats.ms(0);
            long t0 = System.nanoTime();
            for (int i = 1; i <= cycles; i++) {
                node.handler.installRelease(i % 2 == 1 ? "1.1.0" : "1.0.0");
                if (i == FIRST_POINT) {
                    first = Point.take(i);
                } else if (i == cycles / 2 && cycles / 2 > FIRST_POINT && cycles % 4 == 0) {
                    half = Point.take(i);
                } else if (i == cycles) {
                    last = Point.take(i);
                }
                // After the first install too: this line's string concatenation links its LambdaForm classes the
                // first time it runs, eight classes that counted as the node's growth when that was install 100.
                if (i % 100 == 0 || i == 1) {
                    Log.say("cycles: " + i + " installs, " + Math.round(Stats.ms(System.nanoTime() - t0) / i) + " ms each on average");
                }
            }
            if (first == null || last == null) {
                throw new IllegalStateException("fewer than " + FIRST_POINT + " cycles asked: " + cycles);
            }
            Log.say("cycles: after install " + first.install + ": " + first + "; after install " + last.install + ": " + last);
            Figure.print("cycles_loaded_classes_growth", last.classes - first.classes, "classes");
            Figure.print("cycles_metaspace_growth_bytes", last.metaspace - first.metaspace, "bytes");
            if (half != null) {
                // The JIT still compiles (and the JVM still makes LambdaForms and loads the classes of paths first
                // taken by compiled code) hundreds of installs in: the second half shows whether anything grows
                // per cycle once that is done.
                Log.say("cycles: after install " + half.install + ": " + half);
                Figure.print("cycles_loaded_classes_growth_second_half", last.classes - half.classes, "classes");
                Figure.print("cycles_metaspace_growth_second_half_bytes", last.metaspace - half.metaspace, "bytes");
            }
            if (first.loaders >= 0 && last.loaders >= 0) {
                Figure.print("cycles_live_loaders_max_per_app", Math.max(first.loaders, last.loaders), "loaders");
            }
        }
    }

    /** What the JVM holds at one point, after full collections. */
    private record Point(int install, long classes, long metaspace, int loaders) {

        static Point take(int install) throws InterruptedException {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(100);
            }
            long classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
            long metaspace = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getName().equals("Metaspace"))
                    .mapToLong(p -> p.getUsage().getUsed()).findFirst().orElse(-1);
            OptionalInt loaders = LiveLoaders.of(CounterReleases.APP);
            return new Point(install, classes, metaspace, loaders.orElse(-1));
        }

        @Override
        public String toString() {
            return classes + " classes loaded, " + metaspace + " bytes of metaspace, " + loaders + " live counter loader(s)";
        }
    }
}
