package dev.hotrel.tools.cli;

import dev.hotrel.release.RelupPlan;
import dev.hotrel.tools.InvalidReleaseException;
import dev.hotrel.tools.Problem;
import dev.hotrel.tools.pack.PackRequest;
import dev.hotrel.tools.pack.PackResult;
import dev.hotrel.tools.pack.Packer;
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
import java.util.stream.Collectors;

@Command(name = "pack", mixinStandardHelpOptions = true,
        header = "Build a release archive, with plans from earlier releases.",
        description = {
                "Builds NAME-VERSION.tar.gz from a release descriptor (release.json) and the application versions "
                        + "it names, found as APP-VSN/ folders (app.json, appup.json, jars) in the --lib folders. "
                        + "A sys.json next to the descriptor is packed too.",
                "",
                "For every --from release it writes relup.json plans up from it and back down to it: applications "
                        + "added are added, removed are removed, changed are moved with the newer version's appup "
                        + "instructions, in dependency order. It refuses a changed application without an appup "
                        + "entry, an instruction naming a class or server that is not there, and a server whose "
                        + "callback or state class changed while no instruction migrates it.",
                "",
                "The archive is reproducible: the same inputs give the same bytes (signed ones too: Ed25519 "
                        + "signatures are deterministic).",
                "",
                "With --sign KEY (NAME.key from 'hotrel keygen', NAME.pub beside it) the archive carries a SIGNATURE "
                        + "of its release name, version and CHECKSUMS; a root that trusts NAME.pub accepts it.",
                ""})
final class PackCommand implements Callable<Integer> {

    @ParentCommand
    HotrelCli parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RELEASE_JSON", description = "The release descriptor to pack.")
    Path descriptor;

    @Option(names = {"-l", "--lib"}, paramLabel = "DIR",
            description = "A folder of APP-VSN/ application folders; repeatable, searched in order.")
    List<Path> lib = new ArrayList<>();

    @Option(names = {"-f", "--from"}, paramLabel = "FILE",
            description = "An earlier release to make plans for: its archive (.tar.gz) or its descriptor (.json, "
                    + "applications found on --lib); repeatable.")
    List<Path> from = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = ".",
            description = "Where to write the archive. Default: the current folder.")
    Path output;

    @Option(names = "--allow-uncovered",
            description = "Warn, instead of refusing, when a server's code changed and no instruction migrates it.")
    boolean allowUncovered;

    @Option(names = "--sign", paramLabel = "KEY",
            description = "Sign the archive with this Ed25519 private key file (NAME.key, NAME.pub beside it).")
    Path signingKey;

    @Mixin
    LimitOptions limits;

    @Override
    public Integer call() throws InvalidReleaseException, IOException {
        PackResult result = Packer.pack(new PackRequest(descriptor, lib, from, output, allowUncovered, limits.limits(),
                signingKey), parent.progress(spec, "packing"));
        for (Problem warning : result.warnings()) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": warning: " + warning.message());
        }
        String plans = result.relup().upFrom().isEmpty() ? "no upgrade plans"
                : "plans from and back to " + result.relup().upFrom().stream()
                .map(RelupPlan::version).map(Object::toString).collect(Collectors.joining(", "));
        spec.commandLine().getOut().println("packed " + result.archive() + ": release " + result.release().id()
                + ", " + plans + ", fingerprint " + result.release().fingerprint()
                + (signingKey == null ? "" : ", signed with " + signingKey));
        return 0;
    }
}
