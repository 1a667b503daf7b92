package dev.hotrel.tools.cli;

import dev.hotrel.tools.remote.RemoteNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

@Command(name = "check", mixinStandardHelpOptions = true,
        header = "Show the plan a node would run to install a release, and its problems.",
        description = {"A dry run: the node loads and checks the release's new code and prints the plan step by step. "
                + "Exits 1 if there are problems.", ""})
final class CheckCommand extends RemoteCommand {

    @Parameters(index = "0", paramLabel = "VERSION", description = "The release version, e.g. 1.1.0.")
    String version;

    @Override
    void run(RemoteNode node, PrintWriter out) {
        print(node, version, out);
    }

    /** Prints the plan; throws if it has problems. */
    @SuppressWarnings("unchecked")
    static void print(RemoteNode node, String version, PrintWriter out) {
        Map<String, Object> check = (Map<String, Object>) node.handler("checkInstallRelease", version);
        out.println((Boolean.TRUE.equals(check.get("downgrade")) ? "downgrade " : "upgrade ") + check.get("from") + " -> "
                + check.get("to") + (Boolean.TRUE.equals(check.get("restartNode"))
                ? " (needs a node restart: the install restarts the node into it instead of running these steps in place)"
                : "") + ":");
        for (Object step : (List<Object>) check.get("plan")) {
            out.println("  " + step);
        }
        List<Object> conversions = (List<Object>) check.getOrDefault("conversions", List.of());
        if (!conversions.isEmpty()) {
            out.println("state:");
            for (Object line : conversions) {
                out.println("  " + line);
            }
        }
        List<Object> problems = (List<Object>) check.get("problems");
        if (!problems.isEmpty()) {
            throw new IllegalStateException("release " + version + " cannot be installed: " + String.join("; ",
                    problems.stream().map(String::valueOf).toList()));
        }
    }
}
