package dev.hotrel.tools.cli;

import dev.hotrel.tools.Fixtures;
import dev.hotrel.tools.TarBuilder;
import dev.hotrel.tools.archive.ArchiveLimits;
import dev.hotrel.tools.archive.ArchiveReader;
import dev.hotrel.tools.archive.Checksums;
import dev.hotrel.tools.InvalidReleaseException;
import dev.hotrel.tools.Problem.Code;
import dev.hotrel.tools.Progress;
import dev.hotrel.tools.cli.HotrelCliTest.Run;
import dev.hotrel.tools.trust.KeyFiles;
import dev.hotrel.tools.trust.ReleaseSignature;
import dev.hotrel.tools.trust.SigningKey;
import dev.hotrel.tools.trust.TrustedKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static dev.hotrel.tools.cli.HotrelCliTest.hotrel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signed releases: {@code hotrel keygen}, {@code pack --sign}, {@code verify}, and roots that trust keys. */
class SigningCliTest {

    @TempDir
    Path tmp;

    private Path key(String name) {
        Run run = hotrel("keygen", tmp.resolve("keys/" + name).toString());
        assertEquals(0, run.code(), run.err());
        return tmp.resolve("keys/" + name + ".key");
    }

    private Path pack(String version, Path out, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("pack", "--lib", Fixtures.lib().toString(), "-o", out.toString()));
        args.addAll(List.of(extra));
        args.add(Fixtures.descriptor(version).toString());
        Run run = hotrel(args.toArray(String[]::new));
        assertEquals(0, run.code(), run.err());
        return out.resolve("demo-" + version + ".tar.gz");
    }

    @Test
    void keygenWritesAPemPairWithAPrivateKeyOnlyItsOwnerReadsAndNeverReplacesOne() throws Exception {
        Run run = hotrel("keygen", tmp.resolve("keys/team").toString());
        assertEquals(0, run.code(), run.err());
        Path priv = tmp.resolve("keys/team.key");
        Path pub = tmp.resolve("keys/team.pub");
        assertTrue(Files.readString(priv).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertTrue(Files.readString(pub).startsWith("-----BEGIN PUBLIC KEY-----\n"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)));
        String id = KeyFiles.keyId(KeyFiles.readPublic(pub));
        assertTrue(run.out().contains("key " + id), run.out());
        assertEquals(id, SigningKey.read(priv).keyId());

        byte[] before = Files.readAllBytes(priv);
        Run again = hotrel("keygen", tmp.resolve("keys/team").toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("a key file is never replaced"), again.err());
        assertArrayEquals(before, Files.readAllBytes(priv));
    }

    @Test
    void aSignedArchiveIsReproducibleAndVerifyNamesItsSigner() throws Exception {
        Path team = key("team");
        Path one = pack("1.0.0", tmp.resolve("one"), "--sign", team.toString());
        Path two = pack("1.0.0", tmp.resolve("two"), "--sign", team.toString());
        assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two), "Ed25519 is deterministic: same bytes");
        assertEquals(List.of("CHECKSUMS", "SIGNATURE"), new ArrayList<>(TarBuilder.files(one).keySet()).subList(0, 2),
                "the signature comes right after CHECKSUMS, so a root can judge it before the content");

        String id = SigningKey.read(team).keyId();
        Run verify = hotrel("verify", one.toString());
        assertEquals(0, verify.code(), verify.err());
        assertTrue(verify.out().endsWith(", signed by team (" + id + ")\n"), verify.out());
        Run trusted = hotrel("verify", "--trusted-keys", tmp.resolve("keys").toString(), one.toString());
        assertTrue(trusted.out().endsWith(", signed by team (" + id + ", trusted as team)\n"), trusted.out());

        Path unsigned = pack("1.0.0", tmp.resolve("plain"));
        assertTrue(hotrel("verify", unsigned.toString()).out().endsWith(", unsigned\n"));
        Run refused = hotrel("verify", "--trusted-keys", tmp.resolve("keys/team.pub").toString(), unsigned.toString());
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("the archive is not signed"), refused.err());
    }

    @Test
    void aRootThatTrustsKeysRefusesUnsignedAndForeignArchivesAndChangesNothing() throws Exception {
        Path team = key("team");
        Path stranger = key("stranger");
        Path root = tmp.resolve("root");
        Run init = hotrel("init", "--root", root.toString(), "--trusted-key", tmp.resolve("keys/team.pub").toString(),
                pack("1.0.0", tmp.resolve("a"), "--sign", team.toString()).toString());
        assertEquals(0, init.code(), init.err());
        assertTrue(init.out().contains("accepting only releases signed by 1 key(s)"), init.out());
        assertTrue(Files.isRegularFile(root.resolve("conf/trusted-keys/team.pub")));
        assertTrue(Files.isRegularFile(root.resolve("releases/1.0.0/SIGNATURE")), "kept with the release, as CHECKSUMS");

        Map<String, String> before = snapshot(root);
        Run unsigned = hotrel("unpack", "--root", root.toString(), pack("1.1.0", tmp.resolve("b")).toString());
        assertEquals(1, unsigned.code());
        assertEquals(List.of("hotrel unpack: demo-1.1.0.tar.gz: the archive is not signed, and this root accepts only "
                + "releases signed by a key it trusts (" + root.resolve("conf/trusted-keys") + ": 1 key(s)); sign it "
                + "with 'hotrel pack --sign KEY'"), unsigned.errLines());
        assertEquals(before, snapshot(root));

        Run foreign = hotrel("unpack", "--root", root.toString(),
                pack("1.1.0", tmp.resolve("c"), "--sign", stranger.toString()).toString());
        assertEquals(1, foreign.code());
        assertTrue(foreign.err().contains("is signed by 'stranger' (key " + SigningKey.read(stranger).keyId()
                + "), which this root does not trust"), foreign.err());
        assertEquals(before, snapshot(root));

        Run signed = hotrel("unpack", "--root", root.toString(),
                pack("1.1.0", tmp.resolve("d"), "--sign", team.toString()).toString());
        assertEquals(0, signed.code(), signed.err());
    }

    @Test
    void aRootRefusesAnUntrustedArchiveBeforeWritingAnyOfItsContent() throws Exception {
        key("team");
        Path unsigned = pack("1.0.0", tmp.resolve("plain"));
        Path into = Files.createDirectories(tmp.resolve("staging"));
        InvalidReleaseException e = assertThrows(InvalidReleaseException.class, () -> ArchiveReader.extract(unsigned,
                into, ArchiveLimits.DEFAULT, TrustedKeys.read(tmp.resolve("keys")), Progress.NONE));
        assertTrue(e.has(Code.UNSIGNED), e.getMessage());
        try (Stream<Path> written = Files.list(into)) {
            assertEquals(List.of("CHECKSUMS"), written.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aSignatureCannotBeMovedToAnotherVersionOrSurviveAChange() throws Exception {
        Path team = key("team");
        Path signed = pack("1.0.0", tmp.resolve("a"), "--sign", team.toString());
        Map<String, byte[]> files = TarBuilder.files(signed);

        // The same content relabelled 2.0.0, CHECKSUMS made anew, the 1.0.0 signature kept.
        Map<String, byte[]> relabelled = new LinkedHashMap<>();
        files.forEach((path, bytes) -> relabelled.put(path.replace("releases/1.0.0/", "releases/2.0.0/"),
                path.endsWith("release.json") ? new String(bytes, StandardCharsets.UTF_8)
                        .replace("\"1.0.0\"", "\"2.0.0\"").getBytes(StandardCharsets.UTF_8) : bytes));
        Run replayed = hotrel("verify", TarBuilder.withChecksums(relabelled).writeTo(tmp.resolve("demo-2.0.0.tar.gz")).toString());
        assertEquals(1, replayed.code());
        assertTrue(replayed.err().contains("SIGNATURE: the signature does not match the release's CHECKSUMS"), replayed.err());

        // Its SIGNATURE edited to claim 2.0.0: no longer the key's signature.
        Map<String, byte[]> claimed = new LinkedHashMap<>(files);
        claimed.put("SIGNATURE", new String(files.get("SIGNATURE"), StandardCharsets.UTF_8)
                .replace("release: demo 1.0.0", "release: demo 2.0.0").getBytes(StandardCharsets.UTF_8));
        Run edited = hotrel("verify", TarBuilder.of(claimed).writeTo(tmp.resolve("x/demo-1.0.0.tar.gz")).toString());
        assertEquals(1, edited.code());
        assertTrue(edited.err().contains("the signature does not match"), edited.err());

        // Signed by the key, but for another version than the archive holds.
        SigningKey k = SigningKey.read(team);
        Map<String, byte[]> mislabelled = new LinkedHashMap<>(files);
        mislabelled.put("SIGNATURE", ReleaseSignature.sign("demo", "2.0.0", "team", k.privateKey(), k.publicKey(),
                files.get("CHECKSUMS")).format());
        Run other = hotrel("verify", TarBuilder.of(mislabelled).writeTo(tmp.resolve("y/demo-1.0.0.tar.gz")).toString());
        assertEquals(1, other.code());
        assertTrue(other.err().contains("SIGNATURE: it signs release demo 2.0.0, but the archive holds demo-1.0.0"),
                other.err());

        // A jar changed after signing, CHECKSUMS made anew to match it.
        Map<String, byte[]> changed = new LinkedHashMap<>(files);
        String jar = files.keySet().stream().filter(p -> p.endsWith(".jar")).findFirst().orElseThrow();
        changed.put(jar, "not the signed jar".getBytes(StandardCharsets.UTF_8));
        Run tampered = hotrel("verify", TarBuilder.withChecksums(changed).writeTo(tmp.resolve("z/demo-1.0.0.tar.gz")).toString());
        assertEquals(1, tampered.code());
        assertTrue(tampered.err().contains("the signature does not match the release's CHECKSUMS"), tampered.err());
    }

    @Test
    void aBadKeyIsRefusedBeforeAnythingIsPacked() throws Exception {
        Path bogus = Files.writeString(tmp.resolve("bogus.key"), "not a key\n");
        Run run = hotrel("pack", "--lib", Fixtures.lib().toString(), "-o", tmp.resolve("out").toString(),
                "--sign", bogus.toString(), Fixtures.descriptor("1.0.0").toString());
        assertEquals(1, run.code());
        assertTrue(run.err().contains("bogus.key is not a PEM 'PRIVATE KEY' file"), run.err());
        assertTrue(!Files.exists(tmp.resolve("out/demo-1.0.0.tar.gz")));
    }

    private static Map<String, String> snapshot(Path dir) throws Exception {
        Map<String, String> snapshot = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                snapshot.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "dir" : Checksums.sha256(Files.readAllBytes(p)));
            }
        }
        return snapshot;
    }
}
