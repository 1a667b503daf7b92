package dev.hotrel.tools.cli;

import dev.hotrel.tools.remote.RemoteNode;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        header = "Move a node back to its permanent release, in place.")
final class RollbackCommand extends RemoteCommand {

    @Override
    void run(RemoteNode node, PrintWriter out) {
        InstallSummaryText.lines("rolled back to", node.handler("rollback")).forEach(out::println);
    }
}
