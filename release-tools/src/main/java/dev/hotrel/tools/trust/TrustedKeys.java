package dev.hotrel.tools.trust;

import dev.hotrel.tools.InvalidReleaseException;
import dev.hotrel.tools.Problem;
import dev.hotrel.tools.Problem.Code;
import dev.hotrel.tools.archive.ArchiveLayout;
import dev.hotrel.tools.archive.ContentGate;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The public keys a release root trusts, and its rule: a root with trusted keys unpacks only archives
 * signed by one of them, and refuses any other before a byte of the release's content is written
 * (the check runs on the archive's leading {@code CHECKSUMS} and {@code SIGNATURE}, {@link ContentGate});
 * a root without keys unpacks unsigned archives (a signature present is still checked). The keys are
 * the {@code *.pub} files in {@code ROOT/conf/trusted-keys/}, each named by its file name; they are read
 * at each unpack, so adding or removing a key file takes effect at once, without restarting the node.
 * Immutable.
 */
public final class TrustedKeys implements ContentGate {

    /** Where a root keeps its trusted keys, relative to the root. */
    public static final String FOLDER = "conf/trusted-keys";

    private static final TrustedKeys NONE = new TrustedKeys(Map.of(), "(no trusted keys)");

    private final Map<String, String> names;
    private final String source;

    private TrustedKeys(Map<String, String> names, String source) {
        this.names = Collections.unmodifiableMap(new TreeMap<>(names));
        this.source = source;
    }

    /** No keys: signatures are not required. */
    public static TrustedKeys none() {
        return NONE;
    }

    /** The keys of the release root in {@code rootDir} ({@code ROOT/conf/trusted-keys/*.pub}); none if the folder is missing. */
    public static TrustedKeys ofRoot(Path rootDir) throws IOException {
        Path dir = rootDir.resolve(FOLDER);
        return Files.isDirectory(dir) ? read(dir) : NONE;
    }

    /**
     * The keys in a {@code .pub} file, or in the {@code *.pub} files of a folder.
     *
     * @throws IOException naming the file that is not an Ed25519 public key
     */
    public static TrustedKeys read(Path fileOrFolder) throws IOException {
        Map<String, String> names = new TreeMap<>();
        if (Files.isDirectory(fileOrFolder)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(fileOrFolder, "*" + KeyFiles.PUBLIC_SUFFIX)) {
                for (Path file : files) {
                    add(names, file);
                }
            }
        } else {
            add(names, fileOrFolder);
        }
        return new TrustedKeys(names, fileOrFolder.toString());
    }

    private static void add(Map<String, String> names, Path file) throws IOException {
        PublicKey key = KeyFiles.readPublic(file);
        names.putIfAbsent(KeyFiles.keyId(key), KeyFiles.name(file));
    }

    /** Whether archives must be signed by one of these keys: whether there is any. */
    public boolean required() {
        return !names.isEmpty();
    }

    /** The trusted name of the key that made {@code signature}, if it is trusted. */
    public Optional<String> nameOf(ReleaseSignature signature) {
        return Optional.ofNullable(names.get(signature.keyId()));
    }

    /** Key fingerprint → the name of its file. */
    public Map<String, String> keys() {
        return names;
    }

    /**
     * Admits an archive by its leading files: when keys are required, {@code SIGNATURE} must be there,
     * be a trusted key's, and verify over {@code CHECKSUMS}. (The release name and version it signs are
     * compared with {@code release.json} once the archive is read, by the verifier.)
     */
    @Override
    public void admit(String archiveName, Map<String, byte[]> leading) throws InvalidReleaseException {
        if (!required()) {
            return;
        }
        byte[] sig = leading.get(ArchiveLayout.SIGNATURE);
        byte[] sums = leading.get(ArchiveLayout.CHECKSUMS);
        if (sig == null || sums == null) {
            throw new InvalidReleaseException(archiveName, Problem.of(Code.UNSIGNED, source, names.size()));
        }
        ReleaseSignature signature;
        try {
            signature = ReleaseSignature.parse(sig);
        } catch (IllegalArgumentException e) {
            throw new InvalidReleaseException(archiveName, Problem.of(Code.BAD_SIGNATURE, e.getMessage()));
        }
        if (nameOf(signature).isEmpty()) {
            throw new InvalidReleaseException(archiveName,
                    Problem.of(Code.UNTRUSTED_SIGNER, signature.signer(), signature.keyId(), source));
        }
        if (!signature.verifies(sums)) {
            throw new InvalidReleaseException(archiveName, Problem.of(Code.BAD_SIGNATURE,
                    "the signature does not match the release's CHECKSUMS (changed after signing)"));
        }
    }

    @Override
    public String toString() {
        return names.isEmpty() ? "no trusted keys" : names.size() + " trusted key(s) in " + source;
    }
}
