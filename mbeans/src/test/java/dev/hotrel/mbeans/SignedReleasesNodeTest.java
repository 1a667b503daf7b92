package dev.hotrel.mbeans;

import dev.hotrel.handler.FixtureReleases;
import dev.hotrel.tools.Progress;
import dev.hotrel.tools.TarBuilder;
import dev.hotrel.tools.archive.ArchiveLayout;
import dev.hotrel.tools.archive.ArchiveWriter;
import dev.hotrel.tools.archive.Content;
import dev.hotrel.tools.cli.HotrelCli;
import dev.hotrel.tools.trust.KeyFiles;
import dev.hotrel.tools.trust.SigningKey;
import dev.hotrel.tools.trust.TrustedKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real node whose root trusts a key, driven over real HTTP: it takes signed releases only. */
class SignedReleasesNodeTest {

    @TempDir
    Path dir;

    @Test
    void aNodeThatTrustsAKeyRefusesAnUnsignedReleaseAndInstallsASignedOne() throws Exception {
        KeyFiles.generate(dir.resolve("keys/team"));
        SigningKey team = SigningKey.read(dir.resolve("keys/team.key"));
        Path signed = sign(FixtureReleases.archive("1.1.0"), team, dir.resolve("signed"));
        try (NodeProcess node = NodeProcess.start(dir, "--jolokia", "127.0.0.1:0")) {
            // Keys are read at each unpack: trusting one needs no restart.
            Path keys = Files.createDirectories(node.root.resolve(TrustedKeys.FOLDER));
            Files.copy(dir.resolve("keys/team.pub"), keys.resolve("team.pub"));
            byte[] releases = Files.readAllBytes(node.root.resolve("releases/RELEASES.json"));

            String[] unsigned = hotrel("--url", node.jolokiaUrl, "deploy", FixtureReleases.archive("1.1.0").toString());
            assertEquals("1", unsigned[0], unsigned[2]);
            assertTrue(unsigned[2].contains("demo-1.1.0.tar.gz: the archive is not signed, and this root accepts only "
                    + "releases signed by a key it trusts"), unsigned[2]);
            assertArrayEquals(releases, Files.readAllBytes(node.root.resolve("releases/RELEASES.json")));
            assertTrue(!Files.exists(node.root.resolve("releases/1.1.0")));

            String[] deployed = hotrel("--url", node.jolokiaUrl, "deploy", signed.toString());
            assertEquals("0", deployed[0], deployed[2]);
            assertTrue(deployed[1].contains("installed demo-1.1.0 (from demo-1.0.0)"), deployed[1]);
            assertTrue(Files.isRegularFile(node.root.resolve("releases/1.1.0/SIGNATURE")));
        }
    }

    /** The same archive with a SIGNATURE by {@code key}: what {@code hotrel pack --sign} would have written. */
    private static Path sign(Path archive, SigningKey key, Path outDir) throws Exception {
        Map<String, Content> files = new TreeMap<>();
        TarBuilder.files(archive).forEach((path, bytes) -> {
            if (!path.equals(ArchiveLayout.CHECKSUMS)) {
                files.put(path, Content.of(bytes));
            }
        });
        Path out = outDir.resolve(archive.getFileName());
        String[] nameVersion = ArchiveLayout.parseFileName(archive.getFileName().toString()).orElseThrow();
        ArchiveWriter.write(out, files, sums -> key.sign(nameVersion[0], nameVersion[1], sums), Progress.NONE);
        return out;
    }

    private static String[] hotrel(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HotrelCli.run(args, new PrintWriter(out), new PrintWriter(err), false);
        return new String[]{String.valueOf(code), out.toString(), err.toString()};
    }
}
