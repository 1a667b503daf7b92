package dev.hotrel.tools.cli;

import dev.hotrel.tools.trust.KeyFiles;
import dev.hotrel.tools.trust.TrustedKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;

@Command(name = "keygen", mixinStandardHelpOptions = true,
        header = "Make an Ed25519 key pair for signing releases.",
        description = {
                "Writes NAME.key (the private key, PKCS#8 PEM, readable by you only) and NAME.pub (the public "
                        + "key, X.509 PEM); both are the PEM files openssl reads. Sign with 'hotrel pack --sign "
                        + "NAME.key'; a release root trusts the key once NAME.pub is in ROOT/conf/trusted-keys/ "
                        + "(or 'hotrel init --trusted-key NAME.pub'), and then refuses archives not signed by a key "
                        + "it trusts. Never replaces an existing key file.",
                ""})
final class KeygenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The key's path without suffix, e.g. keys/release-team.")
    Path base;

    @Override
    public Integer call() throws IOException {
        PublicKey key = KeyFiles.generate(base);
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + base + KeyFiles.PRIVATE_SUFFIX + " (private: keep it secret) and " + base
                + KeyFiles.PUBLIC_SUFFIX + " (public), key " + KeyFiles.keyId(key));
        out.println("sign: hotrel pack --sign " + base + KeyFiles.PRIVATE_SUFFIX + " ...; trust: copy " + base
                + KeyFiles.PUBLIC_SUFFIX + " into ROOT/" + TrustedKeys.FOLDER + "/");
        return 0;
    }
}
