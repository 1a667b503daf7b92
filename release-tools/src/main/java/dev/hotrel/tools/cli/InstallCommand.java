package dev.hotrel.tools.cli;

import dev.hotrel.tools.remote.RemoteNode;
import picocli.CommandLine.Command;
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

    @Override
    void run(RemoteNode node, PrintWriter out) {
        InstallSummaryText.lines("installed", node.handler("installRelease", version)).forEach(out::println);
    }
}
