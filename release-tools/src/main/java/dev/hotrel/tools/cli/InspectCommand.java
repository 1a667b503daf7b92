package dev.hotrel.tools.cli;

import dev.hotrel.tools.InvalidReleaseException;
import dev.hotrel.tools.verify.ArchiveVerifier;
import dev.hotrel.tools.verify.VerifiedRelease;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        header = "Show a release, its applications and its plans in words.",
        description = {
                "Verifies an archive, then shows the release, its applications in start order and, for each "
                        + "earlier version it has plans for, the upgrade and the downgrade in words, step by step.",
                ""})
final class InspectCommand implements Callable<Integer> {

    @ParentCommand
    HotrelCli parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "The NAME-VERSION.tar.gz to show.")
    Path archive;

    @Mixin
    LimitOptions limits;

    @Override
    public Integer call() throws InvalidReleaseException, IOException {
        VerifiedRelease verified = ArchiveVerifier.verify(archive, limits.limits(), parent.progress(spec, "reading"));
        ReleaseDescription.lines(verified).forEach(spec.commandLine().getOut()::println);
        return 0;
    }
}
