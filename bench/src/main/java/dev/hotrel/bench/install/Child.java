package dev.hotrel.bench.install;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point of a measurement that runs in a JVM of its own (forked by {@link Fork}):
 * arguments {@code WORK quick|full [ARG...]}; figures on stdout, progress on stderr; exit code 0,
 * or 1 after saying on stderr what failed. The JVM is ended with {@code System.exit}, whatever
 * threads the node left.
 */
final class Child {

    /** A measurement's body. */
    interface Body {
        void run(Path work, RunPlan plan, List<String> args) throws Exception;
    }

    private Child() {
    }

    static void main(String name, String[] args, Body body) {
        int code = 0;
        try {
            if (args.length < 2) {
                throw new IllegalArgumentException("usage: " + name + " WORK quick|full [ARG...]");
            }
            body.run(Paths.get(args[0]), RunPlan.of(args[1].equals("quick")), List.of(Arrays.copyOfRange(args, 2, args.length)));
        } catch (Throwable e) {
            Log.say(name + " failed: " + e);
            e.printStackTrace();
            code = 1;
        }
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }
}
