package dev.hotrel.examples;

import dev.hotrel.mbeans.TestUsers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code hotrel} CLI jar the build made, run as its own process, as bin/hotrel runs it;
 * with the fixtures' deployer in its environment ({@code HOTREL_USER}, {@code HOTREL_PASSWORD_FILE}),
 * as an operator's shell may have them.
 */
final class HotrelCliProcess {

    static final Path JAR = Path.of("../release-tools/target/hotrel-cli.jar");

    private HotrelCliProcess() {
    }

    /** Runs {@code hotrel ARGS}; returns its output, or fails with it if the exit code is not 0. */
    static String run(Object... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        for (Object arg : args) {
            command.add(arg.toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOTREL_USER", TestUsers.DEPLOYER);
        builder.environment().put("HOTREL_PASSWORD_FILE", TestUsers.passwordFile().toString());
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("hotrel " + String.join(" ", command.subList(3, command.size())) + " did not end");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("hotrel " + String.join(" ", command.subList(3, command.size())) + " exited with "
                    + p.exitValue() + ":\n" + output);
        }
        return output;
    }
}
