package dev.hotrel.tools.cli;

import dev.hotrel.tools.remote.RemoteNode;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

@Command(name = "leaks", mixinStandardHelpOptions = true,
        header = "List purged application versions whose classloader a node still holds.",
        description = {"Runs the node's garbage collector and names what still holds each old loader (threads, context "
                + "classloaders, shutdown hooks, MBeans). Exits 1 if there is a leak.", ""})
final class LeaksCommand extends RemoteCommand {

    @Override
    void run(RemoteNode node, PrintWriter out) {
        List<?> leaks = (List<?>) node.handler("findLeaks");
        if (leaks.isEmpty()) {
            out.println("no leaked classloader: every purged version was collected");
            return;
        }
        throw new IllegalStateException(leaks.size() + " leaked classloader(s): " + String.join(" | ",
                leaks.stream().map(String::valueOf).toList()));
    }
}
