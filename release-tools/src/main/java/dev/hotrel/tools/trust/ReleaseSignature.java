package dev.hotrel.tools.trust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@code SIGNATURE} file of a release archive: an Ed25519 signature, by the key it names, of the
 * release's name and version together with the archive's {@code CHECKSUMS}. {@code CHECKSUMS} holds the
 * SHA-256 of every other file, so the signature covers the whole release; naming the release in the
 * signed text binds it to that name and version, so a signed {@code 1.0.0} cannot be passed off as
 * {@code 2.0.0} (its {@code release.json}, listed in {@code CHECKSUMS}, must say what the signature says).
 * <pre>
 * format: hotrel-signature-1
 * release: NAME VERSION
 * signer: KEY-NAME                 informational: the key file's name where it was signed
 * key: BASE64                      the public key, X.509
 * signature: BASE64                over every line above it, then the bytes of CHECKSUMS
 * </pre>
 * Ed25519 signatures are deterministic: the same key and content give the same file, so signed
 * archives stay reproducible.
 *
 * @param name the release name it signs
 * @param version the release version it signs
 * @param signer the signing key's name, as the signer called it (not trusted: trust is by key)
 * @param key the public key whose private key signed
 * @param signature the Ed25519 signature
 */
public record ReleaseSignature(String name, String version, String signer, PublicKey key, byte[] signature) {

    private static final String FORMAT = "hotrel-signature-1";
    private static final int MAX_SIZE = 4096;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._+@-]{1,128}");

    public ReleaseSignature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(key, "key");
        signature = signature.clone();
    }

    /** Signs {@code checksums} (the bytes of {@code CHECKSUMS}) for release {@code name} {@code version}. */
    public static ReleaseSignature sign(String name, String version, String signer, PrivateKey privateKey,
                                        PublicKey publicKey, byte[] checksums) {
        for (String token : new String[]{name, version, signer}) {
            if (!TOKEN.matcher(token).matches()) {
                throw new IllegalArgumentException("'" + token + "' cannot be written in a signature: letters, digits "
                        + "and ._+@- only, at most 128");
            }
        }
        ReleaseSignature unsigned = new ReleaseSignature(name, version, signer, publicKey, new byte[0]);
        try {
            Signature s = Signature.getInstance(KeyFiles.ALGORITHM);
            s.initSign(privateKey);
            s.update(unsigned.signedText());
            s.update(checksums);
            return new ReleaseSignature(name, version, signer, publicKey, s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with that key (" + e.getMessage() + "); it must be an "
                    + KeyFiles.ALGORITHM + " private key from 'hotrel keygen'", e);
        }
    }

    /** Whether the signature is the key's, over this release name and version and {@code checksums}. */
    public boolean verifies(byte[] checksums) {
        try {
            Signature s = Signature.getInstance(KeyFiles.ALGORITHM);
            s.initVerify(key);
            s.update(signedText());
            s.update(checksums);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    public String keyId() {
        return KeyFiles.keyId(key);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The file's bytes. */
    public byte[] format() {
        String text = new String(signedText(), StandardCharsets.UTF_8)
                + "signature: " + Base64.getEncoder().encodeToString(signature) + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses a {@code SIGNATURE} file strictly: the lines in their order, nothing else.
     *
     * @throws IllegalArgumentException saying what is wrong, briefly (the file comes from an archive)
     */
    public static ReleaseSignature parse(byte[] bytes) {
        if (bytes.length > MAX_SIZE) {
            throw new IllegalArgumentException("SIGNATURE is " + bytes.length + " bytes, more than a signature can be ("
                    + MAX_SIZE + ")");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("SIGNATURE does not end with a newline");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        String[] keys = {"format", "release", "signer", "key", "signature"};
        if (lines.length != keys.length) {
            throw new IllegalArgumentException("SIGNATURE has " + lines.length + " lines, expected " + keys.length
                    + " (format, release, signer, key, signature)");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            String prefix = keys[i] + ": ";
            if (!lines[i].startsWith(prefix)) {
                throw new IllegalArgumentException("SIGNATURE line " + (i + 1) + " should start with '" + prefix + "'");
            }
            fields.put(keys[i], lines[i].substring(prefix.length()));
        }
        if (!fields.get("format").equals(FORMAT)) {
            throw new IllegalArgumentException("SIGNATURE is of an unknown format (expected " + FORMAT
                    + "; a newer hotrel made it?)");
        }
        String[] release = fields.get("release").split(" ", -1);
        if (release.length != 2 || !TOKEN.matcher(release[0]).matches() || !TOKEN.matcher(release[1]).matches()) {
            throw new IllegalArgumentException("SIGNATURE line 2 should be 'release: NAME VERSION'");
        }
        if (!TOKEN.matcher(fields.get("signer")).matches()) {
            throw new IllegalArgumentException("SIGNATURE line 3 has a bad signer name");
        }
        try {
            PublicKey key = KeyFiles.decodePublic(Base64.getDecoder().decode(fields.get("key")), "the key in SIGNATURE");
            byte[] signature = Base64.getDecoder().decode(fields.get("signature"));
            return new ReleaseSignature(release[0], release[1], fields.get("signer"), key, signature);
        } catch (IllegalArgumentException | IOException e) {
            throw new IllegalArgumentException("SIGNATURE has a bad key or signature (" + e.getMessage() + ")", e);
        }
    }

    private byte[] signedText() {
        return ("format: " + FORMAT + "\n"
                + "release: " + name + " " + version + "\n"
                + "signer: " + signer + "\n"
                + "key: " + Base64.getEncoder().encodeToString(key.getEncoded()) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReleaseSignature other && java.util.Arrays.equals(format(), other.format());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(format());
    }

    @Override
    public String toString() {
        return name + " " + version + " signed by " + signer + " (" + keyId() + ")";
    }
}
