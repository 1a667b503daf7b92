package dev.hotrel.tools.cli;

import dev.hotrel.release.AppRef;
import dev.hotrel.release.root.ReleaseRoot;
import dev.hotrel.tools.InvalidReleaseException;
import dev.hotrel.tools.remote.RemoteNode;
import picocli.CommandLine;
import dev.hotrel.tools.unpack.ReleaseUnpacker;
import dev.hotrel.tools.unpack.UnpackResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "unpack", mixinStandardHelpOptions = true,
        header = "Put an archive into a release root as an unpacked release.",
        description = {
                "Verifies an archive and puts it into a release root as an unpacked release: releases/VERSION/ "
                        + "and lib/APP-VSN/ (an application version the root already has is shared, not "
                        + "rewritten), then records it in releases/RELEASES.json.",
                "",
                "It is unpacked into a staging folder inside the root and moved in only when complete: on "
                        + "failure the root is left exactly as it was.",
                "",
                "With --url (before the command), the running node unpacks an archive from its inbox instead.",
                ""})
final class UnpackCommand implements Callable<Integer> {

    @ParentCommand
    HotrelCli parent;

    @Spec
    CommandSpec spec;

    @Option(names = {"-r", "--root"}, paramLabel = "DIR", description = "The release root (offline).")
    Path root;

    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "The NAME-VERSION.tar.gz to unpack; with --url, "
            + "its file name in the node's inbox (see 'upload').")
    Path archive;

    @Mixin
    LimitOptions limits;

    @Override
    public Integer call() throws InvalidReleaseException, IOException {
        if (parent.url != null) {
            RemoteNode node = RemoteCommand.node(parent, spec);
            String version = (String) node.handler("unpackRelease", archive.getFileName().toString());
            spec.commandLine().getOut().println("unpacked release " + version + " on " + node.url());
            return 0;
        }
        if (root == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give --root DIR (or --url URL before the command, to unpack on a running node)");
        }
        UnpackResult result = ReleaseUnpacker.unpack(ReleaseRoot.at(root), archive, limits.limits(),
                parent.progress(spec, "unpacking"));
        spec.commandLine().getOut().println("unpacked release " + result.release().id() + " into "
                + ReleaseRoot.at(root).dir() + " (" + describe(result.added(), "new") + "; "
                + describe(result.shared(), "shared") + ")");
        return 0;
    }

    static String describe(List<AppRef> apps, String what) {
        return what + ": " + (apps.isEmpty() ? "none" : apps.stream().map(AppRef::toString).collect(Collectors.joining(", ")));
    }
}
