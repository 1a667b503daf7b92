package dev.hotrel.tools.cli;

import dev.hotrel.tools.remote.RemoteNode;
import dev.hotrel.tools.remote.Upload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

@Command(name = "deploy", mixinStandardHelpOptions = true,
        header = "Upload, unpack, check and install a release on a node in one go.",
        description = {"The release is installed, not made permanent: watch it run, then 'permanent VERSION' (or "
                + "'rollback'). Stops at the first step that fails. A release that asks for a node restart is not "
                + "switched in place: the node restarts and boots it, once, as a trial.", ""})
final class DeployCommand extends RemoteCommand {

    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "The NAME-VERSION.tar.gz to deploy.")
    Path archive;

    @Override
    void run(RemoteNode node, PrintWriter out) throws Exception {
        String name = Upload.send(node, archive, parent.progress(spec, "uploading"));
        out.println("uploaded " + name);
        String version = (String) node.handler("unpackRelease", name);
        out.println("unpacked " + version);
        CheckCommand.print(node, version, out);
        Object installed = node.handler("installRelease", version);
        InstallSummaryText.lines("installed", installed).forEach(out::println);
        List<String> notRunning = InstallSummaryText.notRunning(installed);
        if (!notRunning.isEmpty()) {
            out.println("not permanent yet: " + String.join(", ", notRunning) + " not running; bring them back with: hotrel --url "
                    + node.url() + " restart APP, then make it permanent; or roll back with: hotrel --url " + node.url() + " rollback");
            return;
        }
        out.println((InstallSummaryText.isRestart(installed) ? "once it runs again (hotrel --url " + node.url() + " status), " : "")
                + "make it permanent with: hotrel --url " + node.url() + " permanent " + version);
    }
}
