package dev.hotrel.bench.install;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The driver's handle on a {@link ServingNode} JVM: start it, wait until it serves, install, stop. */
final class ServedNode {

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ServedNode(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the node is gone
            }
        }, "served-node-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a node JVM on {@code root}, unpacking {@code archives} once booted. */
    static ServedNode start(Path root, Path... archives) throws IOException {
        List<String> args = new ArrayList<>(List.of(root.toString()));
        for (Path a : archives) {
            args.add(a.toString());
        }
        return new ServedNode(new ProcessBuilder(Fork.command(ServingNode.class, List.of(), args))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /** Waits for the node to say it serves. */
    void awaitReady(long timeout, TimeUnit unit) throws InterruptedException {
        expect("ready", timeout, unit);
    }

    /** Installs {@code version} on the running node; returns how long the install took, in ms. */
    double install(String version) throws IOException, InterruptedException {
        OutputStream in = process.getOutputStream();
        in.write(("install " + version + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        String answer = expect("installed", 5, TimeUnit.MINUTES);
        return Double.parseDouble(answer.split(" ")[1]);
    }

    private String expect(String prefix, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException("the node (pid " + process.pid() + ") did not say '" + prefix + "' in time"
                        + (process.isAlive() ? "" : ": it exited with code " + process.exitValue()));
            }
            if (line.startsWith(prefix)) {
                return line;
            }
            Log.say("node " + process.pid() + ": " + line);
        }
    }

    /** Stops the node as a service manager does: SIGTERM, then waits for the JVM to exit. Idempotent. */
    void stop() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            Log.say("node " + process.pid() + " did not stop within 60 s of SIGTERM: killed");
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
