package dev.hotrel.bench.install;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a measurement in a fresh JVM with this JVM's class path and the JVM options a node runs with
 * ({@code bin/hotrel-node}'s {@code --add-opens}, plus those of the system property
 * {@code bench.childJavaOptions}, to profile say), and collects the figures it prints. Its stderr
 * goes to ours; lines on its stdout that are not figures are passed on to stderr.
 */
final class Fork {

    /** JVM options of every forked JVM: those of {@code bin/hotrel-node}. */
    static final List<String> NODE_JVM_OPTIONS = List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.security=ALL-UNNAMED");

    /** What a forked measurement printed, and how it ended. */
    record Result(List<Figure> figures, int exitCode, boolean timedOut) {
        boolean ok() {
            return exitCode == 0 && !timedOut;
        }

        /** The value of figure {@code name}, or NaN if it was not printed. */
        double value(String name) {
            return figures.stream().filter(f -> f.name().equals(name)).mapToDouble(Figure::value).findFirst().orElse(Double.NaN);
        }
    }

    private Fork() {
    }

    /** The command that runs {@code main} in a fresh JVM. */
    static List<String> command(Class<?> main, List<String> jvmOptions, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(NODE_JVM_OPTIONS);
        String extra = System.getProperty("bench.childJavaOptions", "").trim();
        if (!extra.isEmpty()) {
            cmd.addAll(List.of(extra.split("\\s+")));
        }
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(args);
        return cmd;
    }

    /** Runs {@code main} with {@code WORK MODE args...}, waiting at most {@code timeout}. */
    static Result run(Class<?> main, Path work, RunPlan plan, List<String> args, Duration timeout)
            throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(work.toString(), plan.mode()));
        all.addAll(args);
        Process p = new ProcessBuilder(command(main, List.of(), all)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().close();
        List<Figure> figures = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    String l = line;
                    Figure.parse(l).ifPresentOrElse(f -> {
                        synchronized (figures) {
                            figures.add(f);
                        }
                    }, () -> System.err.println(l));
                }
            } catch (IOException e) {
                // the process is gone; what it printed so far is kept
            }
        }, "fork-reader");
        reader.start();
        boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            Log.say(main.getSimpleName() + " " + String.join(" ", args) + " did not finish within " + timeout.toSeconds()
                    + " s: stopped");
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
        }
        reader.join(5_000);
        synchronized (figures) {
            return new Result(List.copyOf(figures), done ? p.exitValue() : -1, !done);
        }
    }
}
