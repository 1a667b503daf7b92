package dev.hotrel.tools.trust;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * A key pair that signs releases: {@code NAME.key} and the {@code NAME.pub} beside it, as
 * {@code hotrel keygen} writes them.
 *
 * @param name the key's name (its file name without suffix), written into signatures as the signer
 */
public record SigningKey(String name, PrivateKey privateKey, PublicKey publicKey) {

    /** Reads {@code NAME.key} and {@code NAME.pub} beside it. */
    public static SigningKey read(Path privateKeyFile) throws IOException {
        return new SigningKey(KeyFiles.name(privateKeyFile), KeyFiles.readPrivate(privateKeyFile),
                KeyFiles.publicBeside(privateKeyFile));
    }

    /** The bytes of {@code SIGNATURE} for release {@code name} {@code version} whose CHECKSUMS are {@code checksums}. */
    public byte[] sign(String release, String version, byte[] checksums) {
        return ReleaseSignature.sign(release, version, name, privateKey, publicKey, checksums).format();
    }

    public String keyId() {
        return KeyFiles.keyId(publicKey);
    }
}
