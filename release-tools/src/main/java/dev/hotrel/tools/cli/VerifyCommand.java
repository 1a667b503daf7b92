package dev.hotrel.tools.cli;

import dev.hotrel.tools.trust.ReleaseSignature;
import dev.hotrel.tools.trust.TrustedKeys;
import dev.hotrel.tools.verify.ArchiveVerifier;
import dev.hotrel.tools.verify.VerifiedRelease;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "verify", mixinStandardHelpOptions = true,
        header = "Check release archives as a node does before unpacking them.",
        description = {
                "Checks release archives as a node checks them before unpacking: safe entries only, every file "
                        + "matching CHECKSUMS, the layout, the manifests, names agreeing with file and folder names, "
                        + "the content fingerprint and the plans, and a SIGNATURE where there is one. Prints 'ok' "
                        + "and who signed it per good archive, one line per problem otherwise.",
                "",
                "With --trusted-keys (a NAME.pub file, or a folder of them such as ROOT/conf/trusted-keys), an "
                        + "archive not signed by one of them is refused, as a root trusting them refuses it.",
                ""})
final class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    HotrelCli parent;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "ARCHIVE", description = "NAME-VERSION.tar.gz files to check.")
    List<Path> archives;

    @Option(names = "--trusted-keys", paramLabel = "PATH",
            description = "Require a signature by one of these public keys (a .pub file or a folder of them).")
    Path trustedKeys;

    @Mixin
    LimitOptions limits;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        TrustedKeys trust;
        try {
            trust = trustedKeys == null ? TrustedKeys.none() : TrustedKeys.read(trustedKeys);
        } catch (IOException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return Failures.FAILED;
        }
        for (Path archive : archives) {
            try {
                VerifiedRelease v = ArchiveVerifier.verify(archive, limits.limits(), trust,
                        parent.progress(spec, "verifying"));
                out.println(archive + ": ok, release " + v.release().id() + ", "
                        + v.release().applications().size() + " application(s), "
                        + (v.relup().upFrom().isEmpty() ? "no plans" : v.relup().upFrom().size() + " upgrade plan(s)")
                        + ", " + signer(v, trust));
            } catch (Exception e) {
                failed++;
                boolean named = e instanceof dev.hotrel.tools.InvalidReleaseException;
                for (String line : Failures.lines(e)) {
                    err.println(spec.qualifiedName() + ": " + (named ? "" : archive + ": ") + line);
                }
            }
        }
        return failed == 0 ? 0 : Failures.FAILED;
    }

    private static String signer(VerifiedRelease v, TrustedKeys trust) {
        if (v.signature() == null) {
            return "unsigned";
        }
        ReleaseSignature s = v.signature();
        return "signed by " + s.signer() + " (" + s.keyId() + trust.nameOf(s).map(n -> ", trusted as " + n).orElse("")
                + ")";
    }
}
