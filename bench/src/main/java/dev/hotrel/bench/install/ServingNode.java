package dev.hotrel.bench.install;

import dev.hotrel.handler.exec.InstallReport;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A node in a JVM of its own serving the counter over TCP (the counter's {@code line} server, from
 * the release's configuration), for the restart-against-in-place comparison. Arguments:
 * {@code ROOT [ARCHIVE...]}: boots the root's permanent release with the node's MBeans, unpacks the
 * archives, prints {@code ready}; then reads commands on stdin: {@code install VERSION} (answers
 * {@code installed MS}) and {@code quit}. SIGTERM stops it cleanly, as it stops {@code hotrel-node}:
 * the node is closed in a shutdown hook (its servers terminate, the line server closes its port).
 */
public final class ServingNode {

    private ServingNode() {
    }

    public static void main(String[] args) throws Exception {
        BenchNode node = BenchNode.boot(Paths.get(args[0]), true);
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "serving-node-stop"));
        for (int i = 1; i < args.length; i++) {
            node.unpack(Path.of(args[i]));
        }
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
            if (line.startsWith("install ")) {
                long t0 = System.nanoTime();
                InstallReport report = node.handler.installRelease(line.substring("install ".length()).trim());
                long t1 = System.nanoTime();
                System.out.println("installed " + Stats.ms(t1 - t0) + " " + report.to());
                System.out.flush();
            }
        }
        System.exit(0);
    }
}
