package dev.hotrel.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON Schemas in {@code docs/schemas/} and the manifest parsers agree: every example of the
 * format reference ({@code docs/reference/formats.md}) and every manifest of the project is accepted
 * by both, what the parsers write is accepted by the schemas, and each bad document of a list is
 * refused by both. A schema or a parser changed alone fails here.
 */
class ManifestSchemasTest {

    private static final Path REPO = repo();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "https://hotrel.dev/schemas/";
    private static final Pattern BLOCK = Pattern.compile("```json ([A-Za-z.]+)\\n(.*?)\\n```", Pattern.DOTALL);

    /** File name → the schema and the type the parser reads it as. */
    private static final Map<String, Format> FORMATS = Map.of(
            Manifests.RELEASE, new Format("release.schema.json", Release.class),
            Manifests.APP, new Format("app.schema.json", AppSpec.class),
            Manifests.APPUP, new Format("appup.schema.json", Appup.class),
            Manifests.RELUP, new Format("relup.schema.json", Relup.class),
            Manifests.SYS, new Format("sys.schema.json", SysConfig.class),
            Manifests.RELEASES, new Format("releases.schema.json", Releases.class));

    record Format(String schema, Class<?> type) {
    }

    private final SchemaRegistry registry = registry();

    @Test
    void everyExampleOfTheReferenceIsValidForItsSchemaAndItsParser() throws IOException {
        String reference = Files.readString(REPO.resolve("docs/reference/formats.md"));
        Matcher m = BLOCK.matcher(reference);
        Map<String, Integer> seen = new HashMap<>();
        while (m.find()) {
            String file = m.group(1);
            assertTrue(FORMATS.containsKey(file), "formats.md has a json block for unknown file " + file);
            accepted(file, m.group(2), "formats.md example of " + file);
            seen.merge(file, 1, Integer::sum);
        }
        assertEquals(FORMATS.keySet(), seen.keySet(), "formats.md shows an example of every format");
    }

    @Test
    void everyManifestOfTheProjectIsValidForItsSchemaAndItsParser() throws IOException {
        int checked = 0;
        for (String folder : List.of("releases", "release-tools/src/test/fixture-releases", "bench/src/apps",
                "maven-plugin/src", "archetype/src")) {
            try (Stream<Path> files = Files.walk(REPO.resolve(folder))) {
                for (Path file : files.filter(f -> FORMATS.containsKey(f.getFileName().toString()))
                        .filter(f -> !f.toString().contains("/target/")).toList()) {
                    accepted(file.getFileName().toString(), Files.readString(file), REPO.relativize(file).toString());
                    checked++;
                }
            }
        }
        assertTrue(checked >= 30, "found only " + checked + " manifests");
    }

    @Test
    void whatTheWritersWriteIsValidForTheSchemas() {
        Version v1 = Version.parse("1.0.0");
        Version v2 = Version.parse("1.1.0");
        String fp = "sha256:" + "ab".repeat(32);
        List<Instruction> every = List.of(
                new Instruction.Update("store", dev.hotrel.runtime.purge.PurgeMode.BRUTAL, 5000L, Map.of("step", 1)),
                new Instruction.Restart("cache"), new Instruction.AddServer("reporter"),
                new Instruction.RemoveServer("legacy"), new Instruction.AddApplication("metrics"),
                new Instruction.RemoveApplication("old_metrics"), new Instruction.RestartApplication("web"),
                new Instruction.Apply("com.example.Migrate", "run", List.of("a"),
                        new Instruction.Call("com.example.Migrate", "unrun", List.of())),
                new Instruction.RestartNode());
        Relup relup = new Relup(v2, List.of(new RelupPlan(v1, fp, List.of(
                new RelupStep.ChangeApplication("kv", v1, v2, every),
                new RelupStep.AddApplication("metrics", v1)))),
                List.of(new RelupPlan(v1, fp, List.of(new RelupStep.RemoveApplication("metrics", v1)))));
        Release release = new Release("demo", v2, v1, List.of(new AppRef("kv", v2)), fp);
        Map<String, Object> written = new LinkedHashMap<>();
        written.put(Manifests.RELUP, relup);
        written.put(Manifests.RELEASE, release);
        written.put(Manifests.APPUP, new Appup(v2, List.of(new AppupEntry(VersionPattern.parse("1.0.*"), every)), List.of()));
        written.put(Manifests.RELEASES, new Releases(List.of(ReleaseEntry.of(release, ReleaseStatus.PERMANENT))));
        written.put(Manifests.APP, new AppSpec("ledger-core", v2, "Books.", "com.example.LedgerApp",
                Map.of("ledger.books", "com.example.Books"), List.of("kv"), List.of("ledger-core-1.1.0.jar", "picocli-4.7.7.jar")));
        written.put(Manifests.SYS, SysConfig.of(Map.of("ledger-core", Map.of("port", 7070, "tags", List.of("a")))));
        written.forEach((file, value) -> accepted(file, new String(Manifests.toJson(value), StandardCharsets.UTF_8),
                "what the writer writes for " + file));
    }

    @Test
    void badDocumentsAreRefusedByBothTheSchemaAndTheParser() {
        String app = "{\"name\": \"kv\", \"version\": \"1.0.0\", \"start\": \"x.App\", \"jars\": [\"kv.jar\"]";
        String appup = "{\"version\": \"1.1.0\", \"upFrom\": [{\"version\": \"1.0.0\", \"instructions\": [";
        List<String[]> bad = List.of(
                new String[]{Manifests.APP, app.replace("\"kv\"", "\"Kv\"") + "}"},
                new String[]{Manifests.APP, app.replace("\"kv\"", "\"kv-2fa\"") + "}"},
                new String[]{Manifests.APP, app.replace("\"kv\"", "\"kv--core\"") + "}"},
                new String[]{Manifests.APP, app.replace("\"kv\"", "\"kv-\"") + "}"},
                new String[]{Manifests.APP, app.replace("1.0.0", "1.0") + "}"},
                new String[]{Manifests.APP, app.replace("1.0.0", "01.0.0") + "}"},
                new String[]{Manifests.APP, app.replace("[\"kv.jar\"]", "[]") + "}"},
                new String[]{Manifests.APP, app.replace("kv.jar", "../kv.jar") + "}"},
                new String[]{Manifests.APP, app.replace("x.App", "x..App") + "}"},
                new String[]{Manifests.APP, app + ", \"color\": \"red\"}"},
                new String[]{Manifests.APP, app + ", \"servers\": {\"a b\": \"x.S\"}}"},
                new String[]{Manifests.APP, app + ", \"dependsOn\": [\"db\", \"db\"]}"},
                new String[]{Manifests.APP, "{\"name\": \"kv\", \"version\": \"1.0.0\", \"jars\": [\"kv.jar\"]}"},
                new String[]{Manifests.RELEASE, "{\"name\": \"demo\", \"version\": \"1.0.0\", \"runtime\": \"0.1.0\", \"applications\": []}"},
                new String[]{Manifests.RELEASE, "{\"name\": \"demo\", \"version\": \"1.0.0\", \"runtime\": \"0.1.0\", "
                        + "\"applications\": [{\"name\": \"kv\", \"version\": \"1.0.0\"}], \"fingerprint\": \"md5:00\"}"},
                new String[]{Manifests.RELEASE, "{\"name\": \"demo\", \"version\": \"1.0.0\", "
                        + "\"applications\": [{\"name\": \"kv\", \"version\": \"1.0.0\"}]}"},
                new String[]{Manifests.RELEASE, "{\"name\": \"demo\", \"version\": \"1.0.0\", \"runtime\": \"0.1.0\", "
                        + "\"applications\": [{\"name\": \"kv\", \"version\": \"1.0.0\"}], "
                        + "\"health\": {\"server\": \"health\", \"request\": \"health?\", \"healthy\": \"ok\", \"passes\": 0}}"},
                new String[]{Manifests.RELEASE, "{\"name\": \"demo\", \"version\": \"1.0.0\", \"runtime\": \"0.1.0\", "
                        + "\"applications\": [{\"name\": \"kv\", \"version\": \"1.0.0\"}], "
                        + "\"health\": {\"server\": \"health\", \"healthy\": \"ok\"}}"},
                new String[]{Manifests.APPUP, appup + "{\"upgrade\": \"store\"}]}]}"},
                new String[]{Manifests.APPUP, appup + "{\"update\": \"store\", \"purge\": \"hard\"}]}]}"},
                new String[]{Manifests.APPUP, appup + "{\"update\": \"store\", \"suspendTimeoutMillis\": 0}]}]}"},
                new String[]{Manifests.APPUP, appup + "{\"update\": \"store\", \"suspendTimeoutMillis\": \"5s\"}]}]}"},
                new String[]{Manifests.APPUP, appup + "{\"restart\": \"store\", \"purge\": \"soft\"}]}]}"},
                new String[]{Manifests.APPUP, appup + "{\"restartNode\": false}]}]}"},
                new String[]{Manifests.APPUP, appup + "{\"apply\": {\"method\": \"run\"}}]}]}"},
                new String[]{Manifests.APPUP, appup + "{\"apply\": {\"class\": \"x.M\", \"method\": \"run\", \"args\": [1]}}]}]}"},
                new String[]{Manifests.APPUP, appup + "{\"add\": \"a\", \"remove\": \"b\"}]}]}"},
                new String[]{Manifests.APPUP, "{\"version\": \"1.1.0\", \"upFrom\": [{\"version\": \"1.0.x\", \"instructions\": []}]}"},
                new String[]{Manifests.APPUP, "{\"version\": \"1.1.0\", \"upFrom\": [{\"version\": \"1.0.*\"}]}"},
                new String[]{Manifests.RELUP, "{\"version\": \"1.1.0\", \"upFrom\": [{\"version\": \"1.0.0\", \"steps\": []}]}"},
                new String[]{Manifests.RELUP, "{\"version\": \"1.1.0\", \"upFrom\": [{\"version\": \"1.0.0\", \"fingerprint\": \"sha256:"
                        + "ab".repeat(32) + "\", \"steps\": [{\"changeApplication\": \"kv\", \"from\": \"1.0.0\", \"to\": \"1.1.0\"}]}]}"},
                new String[]{Manifests.SYS, "{\"Kv\": {}}"},
                new String[]{Manifests.SYS, "{\"kv\": 7}"},
                new String[]{Manifests.RELEASES, "{\"releases\": [{\"name\": \"demo\", \"version\": \"1.0.0\", \"runtime\": \"0.1.0\", "
                        + "\"status\": \"installed\", \"fingerprint\": \"sha256:" + "ab".repeat(32) + "\", \"applications\": []}]}"});
        List<String> disagreements = new ArrayList<>();
        for (String[] doc : bad) {
            List<Error> errors = validate(doc[0], doc[1]);
            String parsed = parse(doc[0], doc[1]);
            if (errors.isEmpty() || parsed == null) {
                disagreements.add(doc[0] + " " + doc[1] + ": schema " + (errors.isEmpty() ? "accepts" : "refuses")
                        + ", parser " + (parsed == null ? "accepts" : "refuses"));
            }
        }
        assertEquals(List.of(), disagreements, "each bad document is refused by both");
    }

    private void accepted(String file, String json, String what) {
        List<Error> errors = validate(file, json);
        assertEquals(List.of(), errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList(),
                what + " against " + FORMATS.get(file).schema());
        String refused = parse(file, json);
        assertEquals(null, refused, what + " refused by the parser");
    }

    private List<Error> validate(String file, String json) {
        Schema schema = registry.getSchema(SchemaLocation.of(BASE + FORMATS.get(file).schema()));
        try {
            return schema.validate(JSON.readTree(json));
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** Null if the parser accepts it, else its error. */
    private static String parse(String file, String json) {
        try {
            Manifests.read(json.getBytes(StandardCharsets.UTF_8), FORMATS.get(file).type(), file);
            return null;
        } catch (ManifestException e) {
            return e.getMessage();
        }
    }

    private static SchemaRegistry registry() {
        Map<String, String> schemas = new HashMap<>();
        try (Stream<Path> files = Files.list(REPO.resolve("docs/schemas"))) {
            for (Path file : files.toList()) {
                String text = Files.readString(file);
                JsonNode id = JSON.readTree(text).path("$id");
                assertEquals(BASE + file.getFileName(), id.asText(), file + ": $id names its file");
                schemas.put(id.asText(), text);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b.schemas(schemas));
    }

    private static Path repo() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs/schemas"))) {
                return dir;
            }
        }
        throw new AssertionError("no docs/schemas above " + Paths.get("").toAbsolutePath());
    }
}
