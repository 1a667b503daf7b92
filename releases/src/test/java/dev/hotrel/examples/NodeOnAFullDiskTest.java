package dev.hotrel.examples;

import dev.hotrel.examples.client.KvConnection;
import dev.hotrel.mbeans.Jolokia;
import dev.hotrel.mbeans.LoopbackPort;
import dev.hotrel.mbeans.NodeProcess;
import dev.hotrel.tools.archive.Checksums;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.hotrel.mbeans.Jolokia.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node whose disk is full when it unpacks or receives an upload: the operation fails with a
 * clear error (what happened, to which archive, that nothing of it is kept), the root is exactly
 * as it was (no staging, no partial upload holding space), and the node goes on serving.
 *
 * <p>The full disk is real: where the test may mount (root, as on this machine), the root lives on
 * a tmpfs of 2 MB that the test fills up to its last few KB, and after the failures frees it again
 * to show the same operations then succeed. Where mounting is refused (a container without
 * CAP_SYS_ADMIN), the node JVM runs under {@code ulimit -f 20}, the process file-size limit: HotSpot
 * ignores SIGXFSZ, so a write past 20 KB fails with EFBIG exactly where a full disk fails with
 * ENOSPC, in the middle of writing the 24 KB kv-2.0.0.jar or the 27 KB upload. The test says which;
 * {@code -Dhotrel.fullDisk=ulimit} takes the second way where the first works.
 */
class NodeOnAFullDiskTest {

    private static final String HANDLER = "hotrel:type=ReleaseHandler";
    private static final Path TARGET = Path.of("target");
    private static final String HOST = "127.0.0.1";

    @TempDir
    Path dir;

    @Test
    void unpackAndUploadFailClearlyOnAFullDiskAndLeaveTheRootAsItWas() throws Exception {
        Path disk = Files.createDirectories(dir.resolve("disk"));
        // -Dhotrel.fullDisk=ulimit runs the container's way where mounting works too.
        boolean tmpfs = !"ulimit".equals(System.getProperty("hotrel.fullDisk")) && mount(disk);
        try {
            System.out.println("full disk: " + (tmpfs ? "a 2 MB tmpfs, filled" : "mount refused; the node under ulimit -f 20 (EFBIG)"));
            Path root = disk.resolve("root");
            HotrelCliProcess.run("init", "--root", root, TARGET.resolve("demo-1.0.0.tar.gz"));
            Files.copy(TARGET.resolve("demo-2.0.0.tar.gz"), root.resolve("inbox/demo-2.0.0.tar.gz"));
            int port = LoopbackPort.free();
            List<String> launcher = tmpfs ? List.of() : List.of("bash", "-c", "ulimit -f 20 && exec \"$@\"", "bash");
            // No hsperfdata file: its 32 KB would pass the file-size limit.
            NodeProcess node = NodeProcess.startOn(root, launcher, List.of("-Dkv.port=" + port, "-XX:-UsePerfData"),
                    "--jolokia", HOST + ":0");
            try {
                Jolokia jolokia = new Jolokia(node.jolokiaUrl);
                Path filler = tmpfs ? fill(disk, 12 << 10) : null;
                Map<String, String> before = snapshot(root);
                String tooBig = tmpfs ? "No space left on device" : "File too large";

                Jolokia.Response unpack = jolokia.exec(HANDLER, "unpackRelease", "demo-2.0.0.tar.gz");
                assertEquals(500, unpack.status(), unpack.body().toString());
                assertTrue(unpack.error().contains("demo-2.0.0.tar.gz") && unpack.error().contains(tooBig)
                        && unpack.error().contains("the root is as it was"), unpack.error());
                System.out.println("full disk, unpack: " + unpack.error());
                assertUnchanged(root, before, node, jolokia, port, "after the unpack on a full disk");

                // Over the archive the inbox holds already: a failed upload must leave that one as it was.
                byte[] archive = Files.readAllBytes(TARGET.resolve("demo-2.0.0.tar.gz"));
                String upload = upload(jolokia, "demo-2.0.0.tar.gz", archive);
                assertTrue(upload.contains("demo-2.0.0.tar.gz") && upload.contains(tooBig) && upload.contains("discarded"),
                        upload);
                System.out.println("full disk, upload: " + upload);
                assertUnchanged(root, before, node, jolokia, port, "after the upload on a full disk");

                if (tmpfs) { // with room again, the same operations succeed: nothing was left stuck
                    Files.delete(filler);
                    assertEquals("2.0.0", ok(jolokia.exec(HANDLER, "unpackRelease", "demo-2.0.0.tar.gz")).asText());
                    assertEquals("", upload(jolokia, "demo-2.0.0.tar.gz", archive));
                    assertTrue(Arrays.equals(archive, Files.readAllBytes(root.resolve("inbox/demo-2.0.0.tar.gz"))));
                }
            } catch (Throwable t) {
                System.out.println("node console:\n" + String.join("\n", node.output));
                throw t;
            } finally {
                node.stop();
            }
        } finally {
            if (tmpfs) {
                run("umount", disk.toString());
            }
        }
    }

    private static void assertUnchanged(Path root, Map<String, String> before, NodeProcess node, Jolokia jolokia, int port,
                                        String when) throws Exception {
        assertEquals(before, snapshot(root), when + ": the root changed");
        assertTrue(node.process.isAlive(), when + ": the node died");
        assertEquals("1.0.0", ok(jolokia.read(HANDLER, "CurrentVersion")).asText(), when);
        try (KvConnection kv = KvConnection.open(HOST, port, Duration.ofSeconds(30))) {
            assertEquals("kv 1.0.0", kv.send("VERSION"), when);
        }
    }

    /** Uploads in 4 KB pieces as the CLI does; returns "" on success, else the first error. */
    private static String upload(Jolokia jolokia, String name, byte[] archive) throws Exception {
        Jolokia.Response begin = jolokia.exec(HANDLER, "uploadBegin", name, archive.length);
        if (begin.status() != 200) {
            return begin.error();
        }
        String id = begin.value().asText();
        for (int at = 0; at < archive.length; at += 4096) {
            byte[] piece = Arrays.copyOfRange(archive, at, Math.min(archive.length, at + 4096));
            Jolokia.Response r = jolokia.exec(HANDLER, "uploadChunk", id, Base64.getEncoder().encodeToString(piece));
            if (r.status() != 200) {
                return r.error();
            }
        }
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive));
        Jolokia.Response end = jolokia.exec(HANDLER, "uploadEnd", id, sha);
        return end.status() == 200 ? "" : end.error();
    }

    /** Every path of the root but the audit log, with the SHA-256 of files. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> s = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                String key = root.relativize(p).toString();
                if (!key.equals("audit.log")) {
                    s.put(key, Files.isDirectory(p) ? "dir" : Checksums.sha256(Files.readAllBytes(p)));
                }
            }
        }
        return s;
    }

    /** Fills the file system of {@code disk} until {@code left} bytes are free (or none); returns the filler. */
    private static Path fill(Path disk, long left) throws IOException {
        Path filler = disk.resolve("filler");
        long free = Files.getFileStore(disk).getUsableSpace();
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (long n = 0; n < free - left; n += block.length) {
                out.write(block);
            }
        }
        return filler;
    }

    /** Mounts a 2 MB tmpfs on {@code dir}; false if this machine refuses it (not root, or a container). */
    private static boolean mount(Path dir) throws Exception {
        return run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", dir.toString()) == 0;
    }

    private static int run(String... command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return -1; // no such command
        }
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        if (p.exitValue() != 0) {
            System.out.println(String.join(" ", command) + ": " + output.trim());
        }
        return p.exitValue();
    }
}
