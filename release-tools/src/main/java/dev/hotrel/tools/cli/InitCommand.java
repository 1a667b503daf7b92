package dev.hotrel.tools.cli;

import dev.hotrel.release.root.ReleaseRoot;
import dev.hotrel.tools.InvalidReleaseException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "init", mixinStandardHelpOptions = true,
        header = "Create a release root whose permanent release is an archive.",
        description = {
                "Creates a new release root in DIR (which must not exist or be empty) whose permanent release is "
                        + "the given archive, as OTP's create_RELEASES does: 'hotrel-node --root DIR' then boots "
                        + "that release. On failure nothing of the root is left behind.",
                "",
                "With --trusted-key, the root accepts only releases signed by those keys (copied into "
                        + "DIR/conf/trusted-keys/), this one included; keys can be added or removed there later.",
                ""})
final class InitCommand implements Callable<Integer> {

    @ParentCommand
    HotrelCli parent;

    @Spec
    CommandSpec spec;

    @Option(names = {"-r", "--root"}, required = true, paramLabel = "DIR", description = "The release root to create.")
    Path root;

    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "The NAME-VERSION.tar.gz to boot.")
    Path archive;

    @Option(names = "--trusted-key", paramLabel = "FILE",
            description = "A public key (NAME.pub from 'hotrel keygen') whose signature the root requires; repeatable.")
    List<Path> trustedKeys = new ArrayList<>();

    @Mixin
    LimitOptions limits;

    @Override
    public Integer call() throws InvalidReleaseException, IOException {
        UnpackResult result = ReleaseUnpacker.init(root, archive, trustedKeys, limits.limits(),
                parent.progress(spec, "unpacking"));
        spec.commandLine().getOut().println("created release root " + ReleaseRoot.at(root).dir()
                + " with permanent release " + result.release().id()
                + (trustedKeys.isEmpty() ? "" : ", accepting only releases signed by " + trustedKeys.size() + " key(s)"));
        return 0;
    }
}
