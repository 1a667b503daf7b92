package dev.hotrel.mbeans;

import dev.hotrel.tools.cli.HotrelCli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** The {@code hotrel} CLI run inside the test's JVM, as a shell would run it: its exit code and what it printed. */
public final class Cli {

    private Cli() {
    }

    /** What one run printed, and how it ended. */
    public record Result(int code, String out, String err) {
        /** The lines it printed on stderr, in a list the caller may change. */
        public List<String> errLines() {
            return new ArrayList<>(err.lines().toList());
        }
    }

    /** Runs {@code hotrel ARGS...}. */
    public static Result hotrel(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HotrelCli.run(args, new PrintWriter(out), new PrintWriter(err), false);
        return new Result(code, out.toString(), err.toString());
    }
}
