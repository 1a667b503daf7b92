package dev.hotrel.bench.install;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The same release change, counter 1.0.0 → 1.1.0, made the two ways, with four TCP clients
 * ({@link LineClients}) using the counter's line server throughout:
 * <ul>
 *   <li>restart, what users do today: a node JVM ({@link ServingNode}) on a root whose permanent
 *       release is 1.0.0 is stopped with SIGTERM, and a new JVM is started at once on a root
 *       whose permanent release is 1.1.0 (same port); {@code restart_downtime_ms},
 *       {@code restart_failed_requests};</li>
 *   <li>in place: a node JVM on 1.0.0 with 1.1.0 unpacked installs it ({@code installRelease},
 *       asked over the node's stdin); {@code inplace_downtime_ms}, {@code inplace_failed_requests}.</li>
 * </ul>
 * Downtime is the longest gap between two successful answers, over the whole run (steady before,
 * the change, steady after). Also printed: {@code restart_state_lost} and {@code inplace_state_lost},
 * 1 when some client saw the count go back (the counter started over).
 * Runs in the driver's JVM (the nodes are forked); the port is fixed in the releases' sys.json.
 */
final class RestartDowntime {

    private static final int CLIENTS = 4;

    private RestartDowntime() {
    }

    static void run(Path work, RunPlan plan, int port) throws Exception {
        CounterReleases.Pair line = CounterReleases.archives(work, "line");
        Path rootA = work.resolve("roots/restart-a");
        Path rootB = work.resolve("roots/restart-b");
        BenchNode.initRoot(rootA, line.v100());
        BenchNode.initRoot(rootB, line.v110());
        LineClients clients;
        long t0;
        long t1;
        ServedNode a = ServedNode.start(rootA);
        ServedNode b = null;
        try {
            a.awaitReady(2, TimeUnit.MINUTES);
            clients = LineClients.start(CLIENTS, port);
            try {
                Thread.sleep(plan.steadyMillis());
                t0 = System.nanoTime();
                a.stop();
                b = ServedNode.start(rootB);
                b.awaitReady(2, TimeUnit.MINUTES);
                t1 = System.nanoTime();
                Thread.sleep(plan.steadyMillis());
            } finally {
                clients.stop();
            }
        } finally {
            a.stop();
            if (b != null) {
                b.stop();
            }
        }
        Log.say("restart: stop + start took " + Math.round(Stats.ms(t1 - t0)) + " ms; longest gap " + Math.round(clients.longestGapMillis())
                + " ms; " + clients.failed() + " failed and " + clients.ok() + " answered requests (" + CLIENTS
                + " clients, retry every " + LineClients.RETRY_MILLIS + " ms)");
        Figure.print("restart_downtime_ms", clients.longestGapMillis(), "ms");
        Figure.print("restart_failed_requests", clients.failed(), "requests");
        Figure.print("restart_state_lost", clients.wentBack() > 0 ? 1 : 0, "bool");

        Path rootC = work.resolve("roots/inplace");
        BenchNode.initRoot(rootC, line.v100());
        ServedNode c = ServedNode.start(rootC, line.v110());
        double took;
        try {
            c.awaitReady(2, TimeUnit.MINUTES);
            clients = LineClients.start(CLIENTS, port);
            try {
                Thread.sleep(plan.steadyMillis());
                took = c.install("1.1.0");
                Thread.sleep(plan.steadyMillis());
            } finally {
                clients.stop();
            }
        } finally {
            c.stop();
        }
        Log.say("in place: install took " + Math.round(took) + " ms; longest gap " + String.format("%.1f", clients.longestGapMillis())
                + " ms; " + clients.failed() + " failed and " + clients.ok() + " answered requests");
        Figure.print("inplace_downtime_ms", clients.longestGapMillis(), "ms");
        Figure.print("inplace_failed_requests", clients.failed(), "requests");
        Figure.print("inplace_state_lost", clients.wentBack() > 0 ? 1 : 0, "bool");
    }
}
