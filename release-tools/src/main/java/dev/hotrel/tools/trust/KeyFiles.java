package dev.hotrel.tools.trust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 key files, in the PEM forms {@code openssl} reads and writes: {@code NAME.key} holds the
 * private key ({@code -----BEGIN PRIVATE KEY-----}, PKCS#8, owner-only), {@code NAME.pub} the
 * public key ({@code -----BEGIN PUBLIC KEY-----}, X.509). The JDK's own Ed25519 (JDK 15+), no
 * other library. A key is named by its file name without the suffix, and identified by its
 * {@linkplain #keyId fingerprint}.
 */
public final class KeyFiles {

    public static final String ALGORITHM = "Ed25519";
    public static final String PRIVATE_SUFFIX = ".key";
    public static final String PUBLIC_SUFFIX = ".pub";

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----\\s*");

    private KeyFiles() {
    }

    /**
     * Generates a key pair and writes {@code BASE.key} (mode 600 where the file system has modes) and
     * {@code BASE.pub}. Refuses to replace either file.
     *
     * @param base the path without suffix, e.g. {@code keys/release-team}
     * @return the public key written
     */
    public static PublicKey generate(Path base) throws IOException {
        Path privateFile = withSuffix(base, PRIVATE_SUFFIX);
        Path publicFile = withSuffix(base, PUBLIC_SUFFIX);
        for (Path f : new Path[]{privateFile, publicFile}) {
            if (Files.exists(f)) {
                throw new IOException(f + " exists, and a key file is never replaced; choose another name");
            }
        }
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no " + ALGORITHM + " (JDK 15 or newer has it)", e);
        }
        Path dir = privateFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Files.write(privateFile, new byte[0], StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            // Owner-only before the key is in it.
            Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the folder's access rules apply.
        }
        Files.write(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardOpenOption.TRUNCATE_EXISTING);
        Files.write(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardOpenOption.CREATE_NEW);
        return pair.getPublic();
    }

    /** Reads a private key file ({@code -----BEGIN PRIVATE KEY-----}, Ed25519). */
    public static PrivateKey readPrivate(Path file) throws IOException {
        byte[] der = der(file, "PRIVATE KEY");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " is not an " + ALGORITHM + " private key (" + e.getMessage()
                    + "); make one with 'hotrel keygen'", e);
        }
    }

    /** Reads a public key file ({@code -----BEGIN PUBLIC KEY-----}, Ed25519). */
    public static PublicKey readPublic(Path file) throws IOException {
        return decodePublic(der(file, "PUBLIC KEY"), file.toString());
    }

    /** An Ed25519 public key from its X.509 encoding. */
    public static PublicKey decodePublic(byte[] x509, String what) throws IOException {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException(what + " is not an " + ALGORITHM + " public key (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The public key that belongs to {@code BASE.key}: {@code BASE.pub} beside it (the JDK cannot
     * derive it from the private key). A pair that does not match is caught when the signed archive is
     * verified.
     */
    public static PublicKey publicBeside(Path privateFile) throws IOException {
        String name = privateFile.getFileName().toString();
        String base = name.endsWith(PRIVATE_SUFFIX) ? name.substring(0, name.length() - PRIVATE_SUFFIX.length()) : name;
        Path pub = privateFile.resolveSibling(base + PUBLIC_SUFFIX);
        if (!Files.isRegularFile(pub)) {
            throw new java.nio.file.NoSuchFileException(pub.toString(), null,
                    "the public key beside " + privateFile + " is missing (hotrel keygen writes both)");
        }
        return readPublic(pub);
    }

    /** The key's name: its file name without {@code .key} or {@code .pub}. */
    public static String name(Path file) {
        String name = file.getFileName().toString();
        for (String suffix : new String[]{PRIVATE_SUFFIX, PUBLIC_SUFFIX}) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    /**
     * The key's fingerprint, as OpenSSH shows them: {@code SHA256:} and the unpadded Base64 of the
     * SHA-256 of its X.509 encoding.
     */
    public static String keyId(PublicKey key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] der(Path file, String type) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher m = PEM.matcher(text);
        if (!m.matches() || !m.group(1).equals(type)) {
            throw new IOException(file + " is not a PEM '" + type + "' file (expected -----BEGIN " + type
                    + "-----, as 'hotrel keygen' writes)");
        }
        try {
            return Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": bad Base64 in the PEM body (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static Path withSuffix(Path base, String suffix) {
        return base.resolveSibling(base.getFileName() + suffix);
    }
}
