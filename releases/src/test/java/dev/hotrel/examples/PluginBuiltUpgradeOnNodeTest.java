package dev.hotrel.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotrel.mbeans.Jolokia;
import dev.hotrel.mbeans.NodeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin's two-version integration test (maven-plugin/src/it/two-versions, built by the invoker
 * earlier in this build) on a real node: 1.1.0, whose appup hotrel:appup drafted from 1.0.0's
 * bytecode, is deployed with the real CLI to a node running 1.0.0, and the server the draft updates
 * keeps its state.
 */
class PluginBuiltUpgradeOnNodeTest {

    private static final Path IT = Path.of("../maven-plugin/target/it/two-versions");
    private static final String BOOK = "hotrel:type=Server,app=ledger,name=ledger.book";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theDraftedAppupMovesTheChangedServerWithItsStateOnARealNode() throws Exception {
        Path v1 = IT.resolve("v1/target/ledger-1.0.0.tar.gz");
        Path v2 = IT.resolve("v2/target/ledger-1.1.0.tar.gz");
        assertTrue(Files.isRegularFile(v1) && Files.isRegularFile(v2), "no " + v1 + " or " + v2
                + ": the invoker ITs of maven-plugin build them (mvn verify runs them before this module)");
        Path root = dir.resolve("root");
        HotrelCliProcess.run("init", "--root", root, v1);
        try (NodeProcess node = NodeProcess.startOn(root, "--jolokia", "127.0.0.1:0")) {
            Jolokia jolokia = new Jolokia(node.jolokiaUrl);
            JsonNode before = state(jolokia);
            assertTrue(before.get("startedAt").asLong() > 0 && !before.has("entries"), before.toString());

            String out = HotrelCliProcess.run("--url", node.jolokiaUrl, "deploy", v2);

            assertEquals("1.1.0", jolokia.read("hotrel:type=ReleaseHandler", "CurrentVersion").value().asText(), out);
            JsonNode after = state(jolokia);
            assertEquals(before.get("startedAt"), after.get("startedAt"), "moved with its state: " + after);
            assertEquals(0, after.get("entries").asLong(), after.toString());
        }
    }

    private static JsonNode state(Jolokia jolokia) throws Exception {
        Jolokia.Response state = jolokia.exec(BOOK, "getState");
        assertEquals(200, state.status(), String.valueOf(state.body()));
        return JSON.readTree(state.value().asText());
    }
}
