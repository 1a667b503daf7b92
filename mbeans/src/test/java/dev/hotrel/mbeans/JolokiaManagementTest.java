package dev.hotrel.mbeans;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real node JVM driven over real HTTP to its Jolokia agent, as curl and operator scripts do. */
class JolokiaManagementTest {

    private static final String HANDLER = "hotrel:type=ReleaseHandler";

    @TempDir
    Path dir;

    @Test
    void policyAllowsHotrelAndReadsOfJavaLangAndNothingElse() throws Exception {
        try (NodeProcess node = NodeProcess.start(dir, "--jolokia", "127.0.0.1:0")) {
            Jolokia j = new Jolokia(node.jolokiaUrl);
            assertEquals(200, j.read("java.lang:type=Runtime", "Uptime").status());
            assertEquals("1.0.0", j.read(HANDLER, "CurrentVersion").value().asText());

            Jolokia.Response gc = j.exec("java.lang:type=Memory", "gc");
            assertEquals(403, gc.status(), gc.body().toString());
            Jolokia.Response write = j.post(Map.of("type", "write", "mbean", "java.lang:type=Memory", "attribute", "Verbose", "value", true));
            assertEquals(403, write.status(), write.body().toString());
            Jolokia.Response other = j.read("java.nio:type=BufferPool,name=direct", "Count");
            assertEquals(403, other.status(), other.body().toString());
            Jolokia.Response proxy = j.post(Map.of("type", "read", "mbean", "java.lang:type=Runtime", "attribute", "Uptime",
                    "target", Map.of("url", "service:jmx:rmi:///jndi/rmi://127.0.0.1:1/jmxrmi")));
            assertEquals(200, proxy.status(), "the JSR-160 proxy is off: the target is ignored, the local read answers");

            Jolokia.Response crossOrigin = j.post(Map.of("type", "read", "mbean", HANDLER, "attribute", "CurrentVersion"),
                    Map.of("Origin", "http://evil.example"));
            assertEquals(403, crossOrigin.status(), crossOrigin.body().toString());
            assertTrue(crossOrigin.error().contains("Origin http://evil.example is not allowed"), crossOrigin.error());
            Jolokia.Response localPage = j.post(Map.of("type", "read", "mbean", HANDLER, "attribute", "CurrentVersion"),
                    Map.of("Origin", "http://localhost:3000"));
            assertEquals(200, localPage.status(), localPage.body().toString());

            Jolokia.Response unknown = j.exec(HANDLER, "installRelease", "9.9.9");
            assertEquals(500, unknown.status());
            assertTrue(unknown.error().contains("no release 9.9.9 in this release root (known: 1.0.0); the node runs demo-1.0.0"),
                    unknown.error());
        }
    }

    @Test
    void uploadUnpackInstallAndNotificationsOverHttp() throws Exception {
        try (NodeProcess node = NodeProcess.start(dir, "--jolokia", "127.0.0.1:0")) {
            Jolokia j = new Jolokia(node.jolokiaUrl);
            JsonNode client = j.post(Map.of("type", "notification", "command", "register")).value();
            String id = client.path("id").asText();
            String store = client.path("backend").path("pull").path("store").asText();
            assertEquals(200, j.post(Map.of("type", "notification", "command", "add", "client", id, "mode", "pull",
                    "mbean", HANDLER)).status());

            Path inbox = node.root.resolve("inbox/demo-1.1.0.tar.gz");
            byte[] bytes = Files.readAllBytes(inbox);
            Files.delete(inbox);
            String upload = j.exec(HANDLER, "uploadBegin", "demo-1.1.0.tar.gz", bytes.length).value().asText();
            for (int off = 0; off < bytes.length; off += 3000) {
                byte[] piece = Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + 3000));
                assertEquals(200, j.exec(HANDLER, "uploadChunk", upload, Base64.getEncoder().encodeToString(piece)).status());
            }
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            Jolokia.Response damaged = j.exec(HANDLER, "uploadEnd", upload, "00" + sha.substring(2));
            assertTrue(damaged.error().contains("is damaged"), damaged.error());

            upload = j.exec(HANDLER, "uploadBegin", "demo-1.1.0.tar.gz", bytes.length).value().asText();
            j.exec(HANDLER, "uploadChunk", upload, Base64.getEncoder().encodeToString(bytes));
            assertEquals("demo-1.1.0.tar.gz", j.exec(HANDLER, "uploadEnd", upload, sha).value().asText());
            assertEquals("1.1.0", j.exec(HANDLER, "unpackRelease", "demo-1.1.0.tar.gz").value().asText());

            JsonNode check = j.exec(HANDLER, "checkInstallRelease", "1.1.0").value();
            assertTrue(check.path("installable").asBoolean(), check.toString());
            JsonNode installed = j.exec(HANDLER, "installRelease", "1.1.0").value();
            assertEquals("counter/counter", installed.path("moved").get(0).asText());
            assertEquals("1.1.0", j.read("hotrel:type=Server,app=counter,name=counter", "Version").value().asText());
            j.exec(HANDLER, "makePermanent", "1.1.0");
            assertEquals("1.1.0", j.read(HANDLER, "PermanentVersion").value().asText());

            JsonNode pulled = j.exec(store, "pull", id, "1").value();
            List<String> types = new ArrayList<>();
            pulled.path("notifications").forEach(n -> types.add(n.path("type").asText()));
            assertEquals(List.of("hotrel.release.unpacked", "hotrel.install.started", "hotrel.release.installed",
                    "hotrel.release.permanent"), types);
        }
    }

    @Test
    void beyondLoopbackWithoutCredentialsTheNodeRefusesToStart() throws Exception {
        NodeProcess.start(dir, "--no-jolokia").close(); // makes the root
        List<String> console = new ArrayList<>();
        int code = NodeProcess.startFailing(dir.resolve("root"), console, "--jolokia", "0.0.0.0:0");
        assertEquals(1, code, console.toString());
        assertTrue(console.contains("hotrel-node: refusing to expose Jolokia on 0.0.0.0:0 without credentials configured "
                + "for it: give --jolokia-users FILE (e.g. the generated conf/jolokia.users) or --jolokia-user and "
                + "--jolokia-password-file, or bind to 127.0.0.1"), console.toString());
    }

    @Test
    void httpsWithAKeystore() throws Exception {
        Path keystore = dir.resolve("node.p12");
        Path password = dir.resolve("keystore.password");
        Files.writeString(password, "changeit\n");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-alias", "node", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost", "-validity", "2",
                "-ext", "san=ip:127.0.0.1,dns:localhost").redirectErrorStream(true).start();
        assertEquals(0, keytool.waitFor(), new String(keytool.getInputStream().readAllBytes()));
        try (NodeProcess node = NodeProcess.start(dir, "--jolokia", "127.0.0.1:0", "--jolokia-keystore", keystore.toString(),
                "--jolokia-keystore-password-file", password.toString())) {
            assertTrue(node.jolokiaUrl.startsWith("https://127.0.0.1:"), node.jolokiaUrl);
            java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(keystore)) {
                trust.load(in, "changeit".toCharArray());
            }
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            Jolokia.Response r = new Jolokia(node.jolokiaUrl, null, null, tls).read(HANDLER, "CurrentVersion");
            assertEquals(200, r.status(), r.body().toString());
            assertEquals("1.0.0", r.value().asText());
        }
    }

    @Test
    void wrongCredentialsGet401() throws Exception {
        Path password = dir.resolve("jolokia.password");
        Files.writeString(password, "s3cret\n");
        try (NodeProcess node = NodeProcess.start(dir, "--jolokia", "127.0.0.1:0", "--jolokia-user", "ops",
                "--jolokia-password-file", password.toString())) {
            Map<String, Object> read = Map.of("type", "read", "mbean", HANDLER, "attribute", "CurrentVersion");
            assertEquals(401, Jolokia.anonymous(node.jolokiaUrl).post(read).http());
            assertEquals(401, new Jolokia(node.jolokiaUrl, "ops", "wrong").post(read).http());
            Jolokia.Response ok = new Jolokia(node.jolokiaUrl, "ops", "s3cret").post(read);
            assertEquals(200, ok.http());
            assertEquals("1.0.0", ok.value().asText());
        }
    }
}
