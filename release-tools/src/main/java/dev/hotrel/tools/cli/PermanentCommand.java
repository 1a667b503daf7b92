package dev.hotrel.tools.cli;

import dev.hotrel.tools.remote.RemoteNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

@Command(name = "permanent", mixinStandardHelpOptions = true,
        header = "Make the running release the one a node boots.",
        description = {"Never stops anything. Refused while an application of the release does not run (a restart "
                + "after the install's commit failed, or it was stopped since): 'restart APP', or 'rollback'.", ""})
final class PermanentCommand extends RemoteCommand {

    @Parameters(index = "0", paramLabel = "VERSION", description = "The running release's version.")
    String version;

    @Override
    void run(RemoteNode node, PrintWriter out) {
        node.handler("makePermanent", version);
        out.println(version + " is permanent on " + node.url());
    }
}
