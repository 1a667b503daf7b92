package dev.hotrel.bench.install;

import dev.hotrel.config.Config;
import dev.hotrel.handler.ReleaseHandler;
import dev.hotrel.mbeans.NodeMBeans;
import dev.hotrel.release.root.ReleaseRoot;
import dev.hotrel.runtime.Node;
import dev.hotrel.tools.Progress;
import dev.hotrel.tools.archive.ArchiveLimits;
import dev.hotrel.tools.node.NodeArchives;
import dev.hotrel.tools.unpack.ReleaseUnpacker;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * A node on a real release root, booted in this process as {@code hotrel-node} boots one:
 * {@code Node.start}, {@code ReleaseHandler.boot} on the root, and (when asked) the management
 * surface, {@link NodeMBeans}, on the platform MBeanServer. Not started: Jolokia, the JMX
 * connector and the console event log, which serve people and remote tools, not the node.
 *
 * <p>The root is made as {@code hotrel init --root DIR ARCHIVE} makes it
 * ({@link ReleaseUnpacker#init}); later releases arrive through the root's inbox and
 * {@link ReleaseHandler#unpackRelease}, as an upload does.
 */
final class BenchNode implements AutoCloseable {

    final ReleaseRoot root;
    final Node node;
    final ReleaseHandler handler;
    private final NodeMBeans mbeans;

    private BenchNode(ReleaseRoot root, Node node, ReleaseHandler handler, NodeMBeans mbeans) {
        this.root = root;
        this.node = node;
        this.handler = handler;
        this.mbeans = mbeans;
    }

    /** Makes a root in {@code dir} (which must not exist or be empty) whose permanent release is {@code archive}. */
    static void initRoot(Path dir, Path archive) throws Exception {
        ReleaseUnpacker.init(dir, archive, ArchiveLimits.DEFAULT, Progress.NONE);
    }

    /** Boots a node on the root in {@code dir}; with {@code management}, registers its MBeans. */
    static BenchNode boot(Path dir, boolean management) throws IOException {
        ReleaseRoot root = ReleaseRoot.open(dir);
        Node node = Node.start();
        try {
            ReleaseHandler handler = ReleaseHandler.boot(node, root, new NodeArchives(ArchiveLimits.DEFAULT), Config.of(Map.of()));
            NodeMBeans mbeans = management ? NodeMBeans.register(handler, ManagementFactory.getPlatformMBeanServer()) : null;
            // As hotrel-node does (without its console log): the practice, dressed like the node.
            handler.practise(practice -> management
                    ? NodeMBeans.register(practice, javax.management.MBeanServerFactory.newMBeanServer()) : () -> { });
            return new BenchNode(root, node, handler, mbeans);
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /** Makes a root whose permanent release is {@code permanent} and boots a node on it. */
    static BenchNode create(Path dir, Path permanent, boolean management) throws Exception {
        initRoot(dir, permanent);
        return boot(dir, management);
    }

    /**
     * Waits until the node's practice after boot has ended (a node does not wait for it; a
     * measurement of a booted node does, so that the practice neither competes with what is
     * measured nor is cut short by it).
     */
    void awaitPractice() throws InterruptedException {
        handler.awaitPractice().ifPresent(d -> Log.say("the node practised installs in " + d.toMillis() + " ms after its boot"));
        // And the compilations it set off: the JIT compiles on the same two cores for a few hundred ms after the
        // practice (measured: a first install right after it took 18-20 ms, 500 ms later 15-16 ms). A node whose
        // operator installs seconds after its start finds them done, so the measurement waits until the JIT has
        // been idle for 100 ms (2 s at most).
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long start = System.nanoTime();
        long deadline = start + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
        long seen = jit.getTotalCompilationTime();
        int idle = 0;
        while (idle < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            long now = jit.getTotalCompilationTime();
            idle = now == seen ? idle + 1 : 0;
            seen = now;
        }
        Log.say("the JIT was idle after " + Math.round(Stats.ms(System.nanoTime() - start)) + " ms");
    }

    /** Delivers {@code archive} to the inbox (a copy) and unpacks it through the release handler; returns its version. */
    String unpack(Path archive) throws IOException {
        deliver(archive);
        return handler.unpackRelease(archive.getFileName().toString());
    }

    /** Copies {@code archive} into the root's inbox, as an upload leaves it there. */
    void deliver(Path archive) throws IOException {
        Files.copy(archive, root.inbox().resolve(archive.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        if (mbeans != null) {
            mbeans.close();
        }
        node.close();
    }
}
