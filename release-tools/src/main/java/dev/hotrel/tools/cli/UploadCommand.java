package dev.hotrel.tools.cli;

import dev.hotrel.tools.remote.RemoteNode;
import dev.hotrel.tools.remote.Upload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;

@Command(name = "upload", mixinStandardHelpOptions = true,
        header = "Deliver an archive into a node's inbox over Jolokia.",
        description = {"Sends the archive in pieces through the node's Jolokia agent (no shared disk needed); the node "
                + "checks its SHA-256 before it appears in the inbox, ready for 'unpack'.", ""})
final class UploadCommand extends RemoteCommand {

    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "The NAME-VERSION.tar.gz to send.")
    Path archive;

    @Override
    void run(RemoteNode node, PrintWriter out) throws Exception {
        String name = Upload.send(node, archive, parent.progress(spec, "uploading"));
        out.println("uploaded " + name + " to the inbox of " + node.url());
    }
}
