package dev.hotrel.tools.cli;

import dev.hotrel.tools.remote.RemoteNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

@Command(name = "install", mixinStandardHelpOptions = true,
        header = "Move a node to a release in place (upgrade or downgrade).",
        description = {"Servers keep their state and connections; a failure before the commit is undone in place and "
                + "the error says where the node stands. A release that asks for a node restart is not switched in "
                + "place: the node restarts and boots it, once, as a trial (make it permanent once it runs).", ""})
final class InstallCommand extends RemoteCommand {

    @Parameters(index = "0", paramLabel = "VERSION", description = "The release version, e.g. 1.1.0.")
    String version;

    @Option(names = "--wait-healthy", description = "For a release with a health gate: return only once the gate has "
            + "decided, exit code 0 if it passed, 1 (with the reason) if the node rolled the release back.")
    boolean waitHealthy;

    @Override
    @SuppressWarnings("unchecked")
    void run(RemoteNode node, PrintWriter out) throws InterruptedException {
        Object installed = node.handler("installRelease", version);
        InstallSummaryText.lines("installed", installed).forEach(out::println);
        if (waitHealthy && installed instanceof java.util.Map<?, ?> summary) {
            HealthWait.await(node, String.valueOf(summary.get("to")), out);
        }
    }
}
