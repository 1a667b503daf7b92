package dev.hotrel.bench.install;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code call_uncontended}: one client thread calling {@code counter} ({@code incr}) in a tight
 * loop; {@code call_8_clients}: eight client threads on the same one server, total calls/s. A node
 * booted on counter-1.0.0, idle otherwise.
 */
public final class CallThroughput {

    private CallThroughput() {
    }

    public static void main(String[] args) {
        Child.main("calls", args, CallThroughput::run);
    }

    @SuppressWarnings("try") // the node serves the calls while it is open
    static void run(Path work, RunPlan plan, List<String> args) throws Exception {
        try (BenchNode node = BenchNode.create(work.resolve("roots/calls"), CounterReleases.archives(work, "plain").v100(), true)) {
            node.awaitPractice();
            long failures = 0;
            long wentBack = 0;
            for (int clients : List.of(1, 8)) {
                CallClients c = CallClients.start(clients, null);
                double rate = c.measure(plan.callWarmupMillis(), plan.callMillis());
                failures += c.failures();
                wentBack += c.wentBack();
                String name = clients == 1 ? "call_uncontended" : "call_" + clients + "_clients";
                Log.say(name + ": " + Math.round(rate) + " calls/s (" + clients + " client(s), " + plan.callMillis() + " ms)");
                Figure.print(name, rate, "calls/s");
            }
            Figure.print("failed_calls", failures, "calls");
            Figure.print("count_went_back", wentBack, "calls");
        }
    }
}
