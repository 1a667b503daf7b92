package dev.hotrel.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotrel.release.AppRef;
import dev.hotrel.release.ReleaseEntry;
import dev.hotrel.release.Releases;
import dev.hotrel.release.root.ReleaseRoot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a release root must look like after its node was killed at any instant: read from the disk
 * with the node's own {@link ReleaseRoot}, never through the node, so a root the node would tidy or
 * hide cannot pass.
 */
final class RootAfterCrash {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RootAfterCrash() {
    }

    /** {@code RELEASES.json} as version → status; fails (with the file's text) if it does not parse. */
    static Map<String, String> statuses(Path root) throws IOException {
        Releases releases;
        try {
            releases = ReleaseRoot.at(root).readReleases();
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("RELEASES.json does not parse after the kill: " + e.getMessage() + "\n"
                    + Files.readString(ReleaseRoot.at(root).releasesFile()), e);
        }
        Map<String, String> statuses = new TreeMap<>();
        for (ReleaseEntry e : releases.releases()) {
            statuses.put(e.version().toString(), e.status().name().toLowerCase());
        }
        return statuses;
    }

    /**
     * What crashed operations left and a booted node must have cleared: anything in the staging
     * folder, partial uploads, temporary state files, and release or application folders that no
     * listed release names (a half-unpacked or half-removed release). Also every listed release's
     * own files. Empty if the root is tidy.
     */
    static List<String> leftovers(Path rootDir) throws IOException {
        ReleaseRoot root = ReleaseRoot.at(rootDir);
        Releases releases = root.readReleases();
        List<String> problems = new ArrayList<>();
        for (Path p : list(root.stagingDir())) {
            problems.add("staging leftover " + rootDir.relativize(p));
        }
        for (Path p : list(root.inbox())) {
            if (p.getFileName().toString().startsWith(".upload-")) {
                problems.add("partial upload " + rootDir.relativize(p));
            }
        }
        Set<String> listed = new HashSet<>();
        Set<String> apps = new HashSet<>();
        for (ReleaseEntry e : releases.releases()) {
            listed.add(e.version().toString());
            for (AppRef app : e.applications()) {
                apps.add(app.dirName());
            }
            Path dir = root.releaseDir(e.version());
            for (String file : List.of("release.json", "CHECKSUMS")) {
                if (!Files.isRegularFile(dir.resolve(file))) {
                    problems.add("listed release " + e.id() + " has no " + rootDir.relativize(dir.resolve(file)));
                }
            }
            for (AppRef app : e.applications()) {
                if (!Files.isRegularFile(root.appDir(app).resolve("app.json"))) {
                    problems.add("listed release " + e.id() + " names " + app.dirName() + ", which has no app.json");
                }
            }
        }
        for (Path p : list(root.releasesDir())) {
            String name = p.getFileName().toString();
            if (Files.isDirectory(p) && !listed.contains(name)) {
                problems.add("release folder " + rootDir.relativize(p) + " that RELEASES.json does not list");
            } else if (!Files.isDirectory(p) && !name.equals("RELEASES.json") && !name.equals("BOOT_NEXT")) {
                problems.add("stray file " + rootDir.relativize(p));
            }
        }
        for (Path p : list(root.libDir())) {
            if (!apps.contains(p.getFileName().toString())) {
                problems.add("application folder " + rootDir.relativize(p) + " that no listed release names");
            }
        }
        return problems;
    }

    /**
     * {@code audit.log}: every line a whole JSON object with its time, operation and outcome.
     *
     * @return the lines' operations, in order
     */
    static List<String> auditOperations(Path rootDir) throws IOException {
        Path file = rootDir.resolve("audit.log");
        List<String> operations = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            JsonNode record;
            try {
                record = JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("audit.log line " + n + " is not JSON: '" + line + "'", e);
            }
            for (String field : List.of("time", "operation", "versions", "outcome")) {
                if (!record.path(field).isTextual()) {
                    throw new AssertionError("audit.log line " + n + " lacks '" + field + "': " + line);
                }
            }
            operations.add(record.path("operation").asText());
        }
        return operations;
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        }
    }
}
