package dev.hotrel.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotrel.mbeans.Jolokia;
import dev.hotrel.mbeans.NodeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12's "done when", as a new user does it, with real Maven builds (the mvn that runs this
 * build) against the Hotrel artifacts this build made (installed into archetype/target/it-repo,
 * never into ~/.m2): generate a project from hotrel-archetype, mvn package it (1.0.0), raise its
 * version and change its server's state, mvn package again naming 1.0.0 (hotrel:appup drafts the
 * appup from 1.0.0's folder, hotrel:release plans from 1.0.0's archive), start a real node on
 * 1.0.0 and hotrel deploy 1.1.0: the node runs 1.1.0 and the server kept its state.
 */
class NewServiceFromArchetypeTest {

    private static final Path IT_REPO = Path.of("../archetype/target/it-repo").toAbsolutePath().normalize();
    private static final String APP = "ledger-service";
    private static final String SERVER = "hotrel:type=Server,app=" + APP + ",name=counter";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aGeneratedServiceBuiltTwiceWithMavenUpgradesARunningNodeAndItsServerKeepsItsState() throws Exception {
        Path settings = settings();
        mvn(dir, settings, "org.apache.maven.plugins:maven-archetype-plugin:" + property("archetype.version") + ":generate",
                "-DarchetypeGroupId=dev.hotrel", "-DarchetypeArtifactId=hotrel-archetype",
                "-DarchetypeVersion=" + property("hotrel.version"), "-DgroupId=com.example", "-DartifactId=" + APP,
                "-Dversion=1.0.0", "-Dpackage=com.example.ledger", "-DinteractiveMode=false");
        Path project = dir.resolve(APP);
        mvn(project, settings, "package");
        Path v1Archive = project.resolve("target/" + APP + "-1.0.0.tar.gz");
        assertTrue(Files.isRegularFile(v1Archive), "mvn package made no " + v1Archive);

        // What the node runs is kept, as an operator keeps the release a node runs.
        Path kept = Files.createDirectories(dir.resolve("kept"));
        Files.copy(v1Archive, kept.resolve(v1Archive.getFileName()));
        copyFolder(project.resolve("target/lib/" + APP + "-1.0.0"), kept.resolve(APP + "-1.0.0"));

        // 1.1.0: the counter also counts its calls (its state changes shape).
        replaceOnce(project.resolve("pom.xml"), "<version>1.0.0</version>", "<version>1.1.0</version>");
        Path counter = project.resolve("src/main/java/com/example/ledger/Counter.java");
        replaceOnce(counter, "        public long ticks;\n", "        public long ticks;\n        public long calls;\n");
        replaceOnce(counter, "        if (request instanceof Number n) {", "        state.calls++;\n        if (request instanceof Number n) {");
        mvn(project, settings, "package", "-Dhotrel.previous=" + kept.resolve(APP + "-1.0.0"),
                "-Dhotrel.from=" + kept.resolve(v1Archive.getFileName()));
        JsonNode appup = JSON.readTree(project.resolve("target/lib/" + APP + "-1.1.0/appup.json").toFile());
        assertEquals(JSON.readTree("{\"version\":\"1.1.0\","
                + "\"upFrom\":[{\"version\":\"1.0.0\",\"instructions\":[{\"update\":\"counter\"}]}],"
                + "\"downTo\":[{\"version\":\"1.0.0\",\"instructions\":[{\"update\":\"counter\"}]}]}"), appup,
                "the appup hotrel:appup drafted and hotrel:app shipped");
        Path v2Archive = project.resolve("target/" + APP + "-1.1.0.tar.gz");

        Path root = dir.resolve("root");
        HotrelCliProcess.run("init", "--root", root, kept.resolve(v1Archive.getFileName()));
        try (NodeProcess node = NodeProcess.startOn(root, "--jolokia", "127.0.0.1:0")) {
            Jolokia jolokia = new Jolokia(node.jolokiaUrl);
            assertEquals("1.0.0", jolokia.read("hotrel:type=ReleaseHandler", "CurrentVersion").value().asText());
            JsonNode before = state(jolokia);
            assertTrue(before.has("startedAt") && !before.has("calls"), before.toString());

            HotrelCliProcess.run("--url", node.jolokiaUrl, "deploy", v2Archive);

            assertEquals("1.1.0", jolokia.read("hotrel:type=ReleaseHandler", "CurrentVersion").value().asText());
            assertEquals("1.1.0", jolokia.read("hotrel:type=Application,name=" + APP, "Version").value().asText());
            JsonNode after = state(jolokia);
            assertEquals(before.get("startedAt"), after.get("startedAt"), "the state moved, not started afresh: " + after);
            assertTrue(after.get("ticks").asLong() >= before.get("ticks").asLong(), before + " then " + after);
            assertEquals(0, after.get("calls").asLong(), after.toString());
        }
    }

    private static JsonNode state(Jolokia jolokia) throws Exception {
        Jolokia.Response state = jolokia.exec(SERVER, "getState");
        assertEquals(200, state.status(), String.valueOf(state.body()));
        return JSON.readTree(state.value().asText());
    }

    /** The outer build's local repository serves the builds as a remote one; the Hotrel artifacts are in IT_REPO. */
    private Path settings() throws IOException {
        String url = Path.of(property("outer.repo")).toUri().toString();
        String repository = "<id>outer</id><url>" + url + "</url><releases><enabled>true</enabled></releases>"
                + "<snapshots><enabled>true</enabled></snapshots>";
        return Files.writeString(dir.resolve("settings.xml"), "<settings><profiles><profile><id>outer</id>"
                + "<activation><activeByDefault>true</activeByDefault></activation>"
                + "<repositories><repository>" + repository + "</repository></repositories>"
                + "<pluginRepositories><pluginRepository>" + repository + "</pluginRepository></pluginRepositories>"
                + "</profile></profiles></settings>\n");
    }

    /** Runs the mvn that runs this build; fails with the end of its log unless it succeeds. */
    private void mvn(Path in, Path settings, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(property("maven.home"), "bin", "mvn").toString(), "-B",
                "-s", settings.toString(), "-Dmaven.repo.local=" + IT_REPO));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "mvn-", ".log");
        Process p = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within 5 minutes:\n" + tail(log));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + p.exitValue() + ":\n" + tail(log));
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set (the releases pom sets it for the tests)");
        }
        return value;
    }

    private static void replaceOnce(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        int at = text.indexOf(from);
        assertTrue(at >= 0, file + " has no '" + from + "'");
        Files.writeString(file, text.substring(0, at) + to + text.substring(at + from.length()));
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
