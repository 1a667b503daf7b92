package dev.hotrel.mbeans;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotrel.handler.FixtureReleases;
import dev.hotrel.mbeans.Cli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.hotrel.mbeans.Cli.hotrel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hotrel --url ...} against a real node JVM over real HTTP. */
class RemoteCliTest {

    @TempDir
    Path dir;

    @Test
    void deployMovesTheNodeAndTheOtherCommandsDriveIt() throws Exception {
        try (NodeProcess node = NodeProcess.start(dir, "--jolokia", "127.0.0.1:0")) {
            String url = node.jolokiaUrl;
            Result deploy = hotrel("--url", url, "deploy", FixtureReleases.archive("1.1.0").toString());
            assertEquals(0, deploy.code(), deploy.toString());
            assertTrue(deploy.out().contains("installed demo-1.1.0 (from demo-1.0.0): 1 server(s) moved (counter/counter), "
                    + "longest pause "), deploy.out());
            assertTrue(deploy.out().contains("  6. commit"), deploy.out());
            assertTrue(deploy.out().contains("state:\n  counter/counter: codeChange of counter@1.1.0 converts the state "
                    + "(runs at install)"), deploy.out());

            Result status = hotrel("--url", url, "status");
            assertEquals(0, status.code(), status.toString());
            assertTrue(status.out().contains("runs 1.1.0, boots 1.0.0, idle"), status.out());
            assertTrue(status.out().matches("(?s).*1\\.1\\.0 +demo +current +counter@1\\.1\\.0, greeter@1\\.0\\.0.*"), status.out());
            assertTrue(status.out().matches("(?s).*counter/counter +1\\.1\\.0 +RUNNING +0 +0.*"), status.out());
            JsonNode json = new ObjectMapper().readTree(hotrel("--url", url, "status", "--json").out());
            assertEquals("1.1.0", json.path("current").asText());
            assertEquals("RUNNING", json.path("servers").path("counter/counter").path("Status").asText());

            assertEquals(0, hotrel("--url", url, "permanent", "1.1.0").code());
            assertEquals(0, hotrel("--url", url, "upload", FixtureReleases.archive("2.0.0").toString()).code());
            assertEquals(0, hotrel("--url", url, "unpack", "demo-2.0.0.tar.gz").code());
            Result check = hotrel("--url", url, "check", "2.0.0");
            assertTrue(check.out().contains("start application metrics@1.0.0"), check.out());
            assertEquals(0, hotrel("--url", url, "install", "2.0.0").code());
            Result rollback = hotrel("--url", url, "rollback");
            assertEquals(0, rollback.code(), rollback.toString());
            assertTrue(rollback.out().startsWith("rolled back to demo-1.1.0 (from demo-2.0.0)"), rollback.out());
            assertEquals(0, hotrel("--url", url, "remove", "2.0.0").code());
            Result leaks = hotrel("--url", url, "leaks");
            assertEquals(0, leaks.code(), leaks.toString());
        }
    }

    @Test
    void statusListsEveryServerAlsoOfAnApplicationOverTheServerMBeansLimit() throws Exception {
        try (NodeProcess node = NodeProcess.startOn(CrowdReleases.root(dir), List.of("-Dhotrel.serverMBeans=2"),
                "--jolokia", "127.0.0.1:0")) {
            Result status = hotrel("--url", node.jolokiaUrl, "status");
            assertEquals(0, status.code(), status.toString());
            for (String server : List.of("counter/c2", "counter/c3", "counter/counter", "greeter/greeter")) {
                assertTrue(status.out().matches("(?s).*\\n" + server + " +1\\.0\\.0 +RUNNING +0 +0\\n.*"), server + ":\n" + status.out());
            }
            JsonNode json = new ObjectMapper().readTree(hotrel("--url", node.jolokiaUrl, "status", "--json").out());
            assertEquals(List.of("counter/c2", "counter/c3", "counter/counter", "greeter/greeter"), fieldNames(json.path("servers")));
            assertEquals("RUNNING", json.path("servers").path("counter/c3").path("Status").asText());
            assertEquals("1.0.0", json.path("servers").path("counter/c3").path("Version").asText());
            assertTrue(json.path("applications").path("counter").path("Servers").isMissingNode(), "servers are listed once");
            assertEquals(false, json.path("applications").path("counter").path("ServerMBeans").asBoolean(true));
        }
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void failuresAreOneLineAndAnExitCode() throws Exception {
        try (NodeProcess node = NodeProcess.start(dir, "--jolokia", "127.0.0.1:0")) {
            Result unknown = hotrel("--url", node.jolokiaUrl, "install", "9.9.9");
            assertEquals(1, unknown.code());
            assertEquals(List.of("hotrel install: installRelease failed: no release 9.9.9 in this release root (known: 1.0.0); "
                    + "the node runs demo-1.0.0 (permanent: demo-1.0.0)"), unknown.errLines());
        }
        Result nobody = hotrel("--url", "http://127.0.0.1:1/jolokia", "status");
        assertEquals(1, nobody.code());
        assertTrue(nobody.err().startsWith("hotrel status: cannot reach a node at http://127.0.0.1:1/jolokia"), nobody.err());
        Result noUrl = hotrel("install", "1.1.0");
        assertEquals(2, noUrl.code());
        assertTrue(noUrl.err().startsWith("hotrel install: 'install' drives a running node: give --url"), noUrl.err());
    }

    @Test
    void credentialsAreSentAndWrongOnesAreRefused() throws Exception {
        Path password = dir.resolve("pw");
        Files.writeString(password, "s3cret\n");
        Path wrong = dir.resolve("wrong");
        Files.writeString(wrong, "nope\n");
        try (NodeProcess node = NodeProcess.start(dir, "--jolokia", "127.0.0.1:0", "--jolokia-user", "ops",
                "--jolokia-password-file", password.toString())) {
            Result refused = hotrel("--url", node.jolokiaUrl, "--user", "ops", "--password-file", wrong.toString(), "status");
            assertEquals(1, refused.code());
            assertTrue(refused.err().contains("refused the credentials (HTTP 401)"), refused.err());
            Result ok = hotrel("--url", node.jolokiaUrl, "--user", "ops", "--password-file", password.toString(), "status");
            assertEquals(0, ok.code(), ok.toString());
        }
    }
}
