package dev.hotrel.tools.cli;

import dev.hotrel.tools.remote.RemoteNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

@Command(name = "remove", mixinStandardHelpOptions = true,
        header = "Delete an unpacked or old release from a node's release root.")
final class RemoveCommand extends RemoteCommand {

    @Parameters(index = "0", paramLabel = "VERSION", description = "The release version.")
    String version;

    @Override
    void run(RemoteNode node, PrintWriter out) {
        node.handler("removeRelease", version);
        out.println("removed " + version + " from " + node.url());
    }
}
