package dev.hotrel.tools.cli;

import dev.hotrel.tools.remote.RemoteNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.Map;

/**
 * {@code start | stop | restart APP}: one application of the node, by an operation of its MBean
 * {@code hotrel:type=Application,name=APP}. The node runs it through its release handler, so it is
 * serialized with installs (busy while one runs) and a FAILED application is started afresh on the
 * running release's version. Prints one line: what was done and the status the application has now.
 */
abstract class ApplicationCommand extends RemoteCommand {

    @Parameters(paramLabel = "APP", description = "The application, as 'status' lists it.")
    String app;

    /** The Application MBean's operation. */
    abstract String operation();

    /** What the line printed when it is done starts with: "restarted". */
    abstract String done();

    @Override
    void run(RemoteNode node, PrintWriter out) {
        Map<String, Map<String, Object>> apps = StatusCommand.byName(node.readAll("hotrel:type=Application,*"));
        if (!apps.containsKey(app)) {
            throw new IllegalArgumentException("the node at " + node.url() + " has no application '" + app + "' (it has: "
                    + (apps.isEmpty() ? "none" : String.join(", ", apps.keySet())) + ")");
        }
        String mbean = "hotrel:type=Application,name=" + app;
        node.exec(mbean, operation());
        @SuppressWarnings("unchecked")
        Map<String, Object> now = (Map<String, Object>) node.read(mbean);
        out.println(done() + " " + app + " " + now.get("Version") + ": " + now.get("Status"));
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            header = "Start an application of the running release that is not running, or FAILED.",
            description = {"Starts APP on the running release's version; one that FAILED (its supervisor gave up) is "
                    + "forgotten and started afresh. Does nothing to one that runs.", ""})
    static final class Start extends ApplicationCommand {
        @Override
        String operation() {
            return "start";
        }

        @Override
        String done() {
            return "started";
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            header = "Stop an application: its servers in reverse start order.",
            description = {"Stops APP (a FAILED one is forgotten); it stays stopped until 'start', an install or a node "
                    + "restart starts it.", ""})
    static final class Stop extends ApplicationCommand {
        @Override
        String operation() {
            return "stop";
        }

        @Override
        String done() {
            return "stopped";
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true,
            header = "Stop an application and start it again, afresh: how a FAILED one is brought back.",
            description = {"Stops APP (running or FAILED) and starts it on the running release's version: every "
                    + "server starts over from its init.", ""})
    static final class Restart extends ApplicationCommand {
        @Override
        String operation() {
            return "restart";
        }

        @Override
        String done() {
            return "restarted";
        }
    }
}
