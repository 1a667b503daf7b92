package dev.hotrel.bench.install;

import dev.hotrel.api.Hotrel;
import dev.hotrel.handler.exec.InstallReport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Warm installs in one node booted on counter-1.0.0 (with its MBeans), counter-1.1.0 unpacked:
 * {@code warmupInstalls} installs alternating 1.1.0 / 1.0.0, then {@code measuredPairs} times
 * (install 1.1.0, sleep 50 ms, install 1.0.0, sleep 50 ms), each install timed around
 * {@code ReleaseHandler.installRelease}. Argument: the number of client threads calling
 * {@code incr} in a tight loop meanwhile (0: idle).
 *
 * <p>Figures (SUFFIX {@code idle} or {@code Nclients}): {@code install_warm_SUFFIX_ms} (median,
 * and {@code _max}); {@code install_window_SUFFIX_ms}, the counter's suspend → resume window at the
 * server, as the OTP side measures its own: from the moment the server stops taking new messages to
 * the moment it takes them again, the pause the runtime's {@code InstallReport} gives; and
 * {@code install_window_steps_SUFFIX_ms} (and {@code _max}), the window as the handler's step events
 * show it ({@link InstallWindow}): an upper bound that also holds the handler's own work around those
 * instants and, under load, the installing thread's wait for a core after it has resumed the server;
 * with clients, {@code longest_call_during_install_ms} and {@code longest_call_between_installs_ms}
 * (median over the measured installs of each one's longest call, and {@code _max}), see
 * {@link InstallTimeline}.
 */
public final class WarmInstalls {

    private WarmInstalls() {
    }

    public static void main(String[] args) {
        Child.main("warm", args, WarmInstalls::run);
    }

    static void run(Path work, RunPlan plan, List<String> args) throws Exception {
        int clients = Integer.parseInt(args.get(0));
        String suffix = clients == 0 ? "idle" : clients + "clients";
        CounterReleases.Pair releases = CounterReleases.archives(work, "plain");
        int installs = plan.warmupInstalls() + 2 * plan.measuredPairs();
        try (BenchNode node = BenchNode.create(work.resolve("roots/warm-" + suffix), releases.v100(), true)) {
            node.awaitPractice();
            node.unpack(releases.v110());
            int quietGaps = 2 * plan.measuredPairs();
            InstallTimeline timeline = new InstallTimeline(installs + 1 + quietGaps);
            InstallWindow window = InstallWindow.on(node.handler);
            CallClients callers = clients == 0 ? null : CallClients.start(clients, timeline);
            List<Double> took = new ArrayList<>();
            List<Double> windows = new ArrayList<>();
            List<Double> pauses = new ArrayList<>();
            int windowsToReturn = 0;
            String lastBreakdown = "";
            for (int i = 0; i < installs; i++) {
                String version = i % 2 == 0 ? "1.1.0" : "1.0.0";
                int k = timeline.begin();
                window.reset();
                long t0 = System.nanoTime();
                InstallReport report = node.handler.installRelease(version);
                long t1 = System.nanoTime();
                window.finish(t1);
                timeline.end(k);
                if (i >= plan.warmupInstalls()) {
                    took.add(Stats.ms(t1 - t0));
                    if (window.nanos() >= 0) {
                        windows.add(Stats.ms(window.nanos()));
                    }
                    pauses.add(report.longestPauseMicros() / 1e3);
                    windowsToReturn += window.endedByReturn() ? 1 : 0;
                    lastBreakdown = version + " in " + fmt(Stats.ms(t1 - t0)) + " ms: " + window.breakdown(t0, t1);
                }
                Thread.sleep(RunPlan.PAUSE_BETWEEN_INSTALLS_MILLIS);
            }
            // The baseline of "between": the same clients and the same gaps with no install at all, after 200 ms for
            // the last install's background work. Each gap is marked by an empty "install" on the timeline.
            int firstQuiet = installs + 1;
            if (callers != null) {
                timeline.end(timeline.begin()); // ends the last install's gap; the next 200 ms are counted nowhere
                Thread.sleep(200);
                for (int i = 0; i < quietGaps; i++) {
                    timeline.end(timeline.begin());
                    Thread.sleep(RunPlan.PAUSE_BETWEEN_INSTALLS_MILLIS);
                }
            }
            long failures = 0;
            long wentBack = 0;
            if (callers != null) {
                callers.stop();
                failures = callers.failures();
                wentBack = callers.wentBack();
                long count = ((Number) Hotrel.call("counter", "get")).longValue();
                if (failures == 0 && count != callers.calls()) {
                    Log.say("warm " + suffix + ": the counter holds " + count + " after " + callers.calls()
                            + " successful incr calls: counts were lost or doubled");
                    wentBack++;
                }
                Log.say("warm " + suffix + ": " + callers.calls() + " calls by " + clients + " clients, " + failures + " failed");
            }
            if (windows.isEmpty()) {
                throw new IllegalStateException("no install suspended the counter: the plan has no Suspend step");
            }
            if (windowsToReturn > 0) {
                Log.say("warm " + suffix + ": in " + windowsToReturn + " installs Resume was the last step: their window ends"
                        + " when installRelease returned (an upper bound)");
            }
            Log.say("warm " + suffix + ": the last install's steps: " + lastBreakdown);
            Log.say("warm " + suffix + ": install median " + fmt(Stats.median(took)) + " ms, max " + fmt(Stats.max(took))
                    + " ms; window at the server median " + fmt(Stats.median(pauses)) + " ms, by the step events "
                    + fmt(Stats.median(windows)) + " ms (" + took.size() + " measured installs after " + plan.warmupInstalls() + ")");
            Figure.print("install_warm_" + suffix + "_ms", Stats.median(took), "ms");
            Figure.print("install_warm_" + suffix + "_ms_max", Stats.max(took), "ms");
            Figure.print("install_window_" + suffix + "_ms", Stats.median(pauses), "ms");
            Figure.print("install_window_" + suffix + "_ms_max", Stats.max(pauses), "ms");
            Figure.print("install_window_steps_" + suffix + "_ms", Stats.median(windows), "ms");
            Figure.print("install_window_steps_" + suffix + "_ms_max", Stats.max(windows), "ms");
            if (callers != null) {
                printLongest("longest_call_during_install_ms", timeline.longestDuring(plan.warmupInstalls()));
                printLongest("longest_call_between_installs_ms", timeline.longestBetween(plan.warmupInstalls(), installs));
                printLongest("longest_call_no_install_ms", timeline.longestBetween(firstQuiet));
            }
            Figure.print("failed_calls", failures, "calls");
            Figure.print("count_went_back", wentBack, "calls");
        }
    }

    private static void printLongest(String name, List<Long> perInstall) {
        if (perInstall.isEmpty()) {
            Log.say(name + ": no call was recorded");
            return;
        }
        Figure.print(name, Stats.median(perInstall) / 1e6, "ms");
        Figure.print(name + "_max", Stats.max(perInstall) / 1e6, "ms");
    }

    private static String fmt(double v) {
        return String.format("%.2f", v);
    }
}
