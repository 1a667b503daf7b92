package dev.hotrel.bench.install;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.List;

/**
 * One side of {@code heap_per_idle_server_bytes}: a real node with its management surface (the
 * {@code NodeMBeans} on the platform MBeanServer, as {@code hotrel-node} registers them) booted on
 * counter-1.0.0 configured with N counter servers, idle; prints the heap in use after full
 * collections ({@code MemoryMXBean}, {@code System.gc()} five times, 200 ms apart) as
 * {@code heap_used_bytes}. The driver runs it for 1 and for 1 + 10,000 servers, in two fresh JVMs
 * on the same code path, and divides the difference by 10,000. Argument: N; the releases are those
 * of variant {@code servers-N} ({@code plain} for 1).
 */
public final class IdleHeap {

    private IdleHeap() {
    }

    public static void main(String[] args) {
        Child.main("heap", args, IdleHeap::run);
    }

    static void run(Path work, RunPlan plan, List<String> args) throws Exception {
        int n = Integer.parseInt(args.get(0));
        String variant = n == 1 ? "plain" : "servers-" + n;
        try (BenchNode node = BenchNode.create(work.resolve("roots/heap-" + n), CounterReleases.archives(work, variant).v100(), true)) {
            node.awaitPractice();
            Thread.sleep(500); // the node's own events settle
            long used = usedAfterGc();
            int mbeans = ManagementFactory.getPlatformMBeanServer().getMBeanCount();
            Log.say("heap with " + n + " idle server(s): " + used + " bytes used after full GCs; " + mbeans
                    + " MBeans registered; " + node.node.registry().all().size() + " servers registered");
            Figure.print("heap_used_bytes", used, "bytes");
            Figure.print("mbean_count", mbeans, "mbeans");
        }
    }

    /** The heap in use after five full collections, 200 ms apart. */
    static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
