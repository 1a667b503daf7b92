package dev.hotrel.mbeans;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad management input over real HTTP, as a careless script or a hostile client sends it: every one
 * a clear error, the root unchanged (RELEASES.json, releases/ and lib/), and the error echoing what it
 * was given at most once and cut short.
 */
class HostileInputTest {

    private static final String HANDLER = "hotrel:type=ReleaseHandler";
    private static final String MEGABYTE = "1".repeat(1 << 20);
    private static final String HUNDRED_KB = "a".repeat(100_000);
    /** The longest error text a refusal may have: a few lines, however long the input. */
    private static final int MAX_ERROR = 600;

    @TempDir
    Path dir;

    @Test
    void badArgumentsAreRefusedClearlyOnceAndChangeNothing() throws Exception {
        try (NodeProcess node = NodeProcess.start(dir, "--jolokia", "127.0.0.1:0")) {
            Jolokia j = node.jolokia();
            List<String> before = snapshot(node.root);

            assertTrue(refused(j.exec(HANDLER, "installRelease", "9.9.9"), "9.9.9")
                    .contains("no release 9.9.9 in this release root (known: 1.0.0)"));
            assertTrue(refused(j.exec(HANDLER, "installRelease", ""), "").contains("no version (a release version, e.g. 1.1.0) given"));
            String longVersion = "1.0.0-" + "x".repeat(300);
            for (String op : List.of("installRelease", "checkInstallRelease", "makePermanent", "removeRelease", "verifyRelease")) {
                String error = refused(j.exec(HANDLER, op, longVersion), longVersion);
                assertTrue(error.contains("is longer than 64 characters") && error.contains("(306 characters)"), error);
                error = refused(j.exec(HANDLER, op, HUNDRED_KB), HUNDRED_KB);
                assertTrue(error.contains("argument 1 is 100000 characters long; at most 1024; nothing was done"), error);
                refused(j.exec(HANDLER, op, MEGABYTE), MEGABYTE);
            }
            assertTrue(refused(j.exec(HANDLER, "installRelease", "1.0.0\n{\"forged\":1}"), "forged")
                    .contains("contains control characters"));
            refused(j.exec(HANDLER, "unpackRelease", MEGABYTE), MEGABYTE);
            refused(j.exec(HANDLER, "unpackRelease", (Object) null), "");

            // Wrong argument counts and types: Jolokia's own checks.
            refused(j.exec(HANDLER, "installRelease"), "");
            refused(j.exec(HANDLER, "installRelease", "1.1.0", "2.0.0"), "2.0.0");
            refused(j.exec(HANDLER, "uploadBegin", "demo-9.0.0.tar.gz", "many"), "many");
            refused(j.exec(HANDLER, "uploadBegin", "demo-9.0.0.tar.gz", MEGABYTE), MEGABYTE);
            refused(j.exec(HANDLER, "uploadBegin", "demo-9.0.0.tar.gz", List.of(1, 2)), "");
            refused(j.exec(HANDLER, "noSuchOperation", "x"), "noSuchOperation");

            // Paths outside the inbox.
            for (String outside : List.of("../releases/RELEASES.json", "/etc/passwd", "../../x.tar.gz", "inbox/../../lib",
                    node.root.resolve("releases/RELEASES.json").toString())) {
                assertTrue(refused(j.exec(HANDLER, "unpackRelease", outside), outside).contains("is not an archive in the inbox"));
            }

            // Server names, through the Application MBean.
            String app = "hotrel:type=Application,name=counter";
            refused(j.exec(app, "suspendServer", MEGABYTE), MEGABYTE);
            assertTrue(refused(j.exec(app, "serverState", "nobody"), "nobody").contains("application counter has no server 'nobody'"));

            assertEquals(before, snapshot(node.root), "nothing changed on the root");
            String last = j.read(HANDLER, "LastOperation").value().asText();
            assertTrue(last.length() < 400, "bounded: " + last.length());
            assertFalse(last.contains("aaaaaaaaaaaaaaaaaaaa") || last.contains("11111111111111111111"), last);
            java.io.StringWriter out = new java.io.StringWriter();
            assertEquals(0, dev.hotrel.tools.cli.HotrelCli.run(new String[] {"--url", node.jolokiaUrl, "status"},
                    new java.io.PrintWriter(out), new java.io.PrintWriter(new java.io.StringWriter()), false));
            assertTrue(out.toString().length() < 3000 && !out.toString().contains("xxxxxxxxxxxxxxxxxxxx"), out.toString());
            assertEquals("RUNNING", j.read(app, "Status").value().asText());
        }
    }

    @Test
    void uploadsThatStopHalfWayOrLieAreDiscardedAndChangeNothing() throws Exception {
        try (NodeProcess node = NodeProcess.start(dir, "--jolokia", "127.0.0.1:0")) {
            Jolokia j = node.jolokia();
            Path archive = node.root.resolve("inbox/demo-1.1.0.tar.gz");
            byte[] bytes = Files.readAllBytes(archive);
            Files.delete(archive);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            List<String> before = snapshot(node.root);

            // Stops half-way: never ended; the archive never appears in the inbox.
            String halfway = begin(j, bytes.length);
            assertEquals(200, chunk(j, halfway, Arrays.copyOf(bytes, bytes.length / 2)).status());
            assertTrue(refused(j.exec(HANDLER, "unpackRelease", "demo-1.1.0.tar.gz"), "demo-1.1.0.tar.gz")
                    .contains("is not an archive in the inbox"));

            // More than declared: discarded at once.
            String tooMuch = begin(j, 10);
            assertTrue(refused(chunk(j, tooMuch, bytes), "").contains("got more than the 10 bytes it declared; it was discarded"));
            assertTrue(refused(chunk(j, tooMuch, new byte[1]), tooMuch).contains("no upload with id '" + tooMuch + "'"));

            // Less than declared, then ended: damaged.
            String tooLittle = begin(j, bytes.length + 100);
            chunk(j, tooLittle, bytes);
            assertTrue(refused(j.exec(HANDLER, "uploadEnd", tooLittle, sha), "").contains("is damaged: got " + bytes.length + " of "
                    + (bytes.length + 100) + " bytes"));

            // The right size with another checksum: damaged; a checksum that is none: refused, the upload kept.
            String lying = begin(j, bytes.length);
            chunk(j, lying, bytes);
            refused(j.exec(HANDLER, "uploadEnd", lying, MEGABYTE), MEGABYTE);
            assertTrue(refused(j.exec(HANDLER, "uploadEnd", lying, "not-a-checksum"), "not-a-checksum")
                    .contains("is not a SHA-256 (64 hex digits); the upload is kept"));
            String wrong = "0".repeat(64);
            assertTrue(refused(j.exec(HANDLER, "uploadEnd", lying, wrong), wrong).contains("is damaged"));

            // Bad names, sizes, ids and pieces.
            refused(j.exec(HANDLER, "uploadBegin", MEGABYTE + ".tar.gz", 10), MEGABYTE);
            assertTrue(refused(j.exec(HANDLER, "uploadBegin", "../../lib/evil.tar.gz", 10), "../../lib/evil.tar.gz")
                    .contains("bad archive name"));
            assertTrue(refused(j.exec(HANDLER, "uploadBegin", "demo-1.1.0.tar.gz", -1), "").contains("declares -1 bytes"));
            assertTrue(refused(j.exec(HANDLER, "uploadBegin", "demo-1.1.0.tar.gz", Long.MAX_VALUE), "")
                    .contains("raise maxUploadSize"));
            refused(j.exec(HANDLER, "uploadChunk", MEGABYTE, "AAAA"), MEGABYTE);
            String open = begin(j, 3);
            assertTrue(refused(j.exec(HANDLER, "uploadChunk", open, "***"), "***").contains("is not base64"));
            assertTrue(refused(j.exec(HANDLER, "uploadChunk", open, "A".repeat(3 << 20)), "AAAAAAAA")
                    .contains("the request's body is over 2097152 bytes"));
            refused(j.exec(HANDLER, "uploadEnd", MEGABYTE, sha), MEGABYTE);

            assertEquals(before, snapshot(node.root), "nothing changed on the root");
            try (Stream<Path> inbox = Files.list(node.root.resolve("inbox"))) {
                assertFalse(inbox.anyMatch(p -> p.getFileName().toString().equals("demo-1.1.0.tar.gz")));
            }

            // And a whole upload still goes through after all that.
            String good = begin(j, bytes.length);
            chunk(j, good, bytes);
            assertEquals("demo-1.1.0.tar.gz", j.exec(HANDLER, "uploadEnd", good, sha).value().asText());
            assertEquals("1.1.0", j.exec(HANDLER, "unpackRelease", "demo-1.1.0.tar.gz").value().asText());
        }
    }

    private static String begin(Jolokia j, long size) throws Exception {
        Jolokia.Response r = j.exec(HANDLER, "uploadBegin", "demo-1.1.0.tar.gz", size);
        assertEquals(200, r.status(), r.body().toString());
        return r.value().asText();
    }

    private static Jolokia.Response chunk(Jolokia j, String id, byte[] piece) throws Exception {
        return j.exec(HANDLER, "uploadChunk", id, Base64.getEncoder().encodeToString(piece));
    }

    /**
     * Asserts a refusal: an error status, a short error, and {@code input} (its first 40 characters,
     * for a long one) in it at most once; returns the error.
     */
    private static String refused(Jolokia.Response r, String input) {
        JsonNode body = r.body();
        assertNotEquals(200, r.status(), String.valueOf(body).substring(0, Math.min(500, String.valueOf(body).length())));
        String whole = body.toString();
        String error = r.error();
        assertFalse(error.isBlank(), whole.length() > 500 ? whole.substring(0, 500) : whole);
        assertTrue(whole.length() <= MAX_ERROR + 300, "the whole answer is short: " + whole.length() + " characters: "
                + whole.substring(0, Math.min(300, whole.length())));
        assertTrue(error.length() <= MAX_ERROR, error.length() + " characters: " + error.substring(0, Math.min(300, error.length())));
        if (!input.isEmpty()) {
            String mark = input.length() > 40 ? input.substring(0, 40) : input;
            int count = (whole.length() - whole.replace(mark, "").length()) / mark.length();
            assertTrue(count <= 1, "echoed " + count + " times: " + whole);
        }
        return error;
    }

    /** RELEASES.json's content and every file under releases/ and lib/ with its size. */
    private static List<String> snapshot(Path root) throws IOException {
        List<String> files = new ArrayList<>();
        files.add(Files.readString(root.resolve("releases/RELEASES.json")));
        for (String top : List.of("releases", "lib")) {
            try (Stream<Path> tree = Files.walk(root.resolve(top))) {
                tree.sorted().forEach(p -> files.add(root.relativize(p) + (Files.isRegularFile(p) ? " " + size(p) : "/")));
            }
        }
        return files;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

}
