package dev.hotrel.mbeans;

import dev.hotrel.runtime.FixtureJars;
import dev.hotrel.runtime.TestPaths;
import dev.hotrel.tools.Progress;
import dev.hotrel.tools.archive.ArchiveLimits;
import dev.hotrel.tools.pack.PackRequest;
import dev.hotrel.tools.pack.Packer;
import dev.hotrel.tools.unpack.ReleaseUnpacker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Real release archives, packed by the real packer, of the fixture applications with an
 * application that runs more servers than the others: the counter fixture runs one counter per
 * name in its {@code servers} setting.
 * <ul>
 *   <li>crowd-1.0.0: counter 1.0.0 running {@code counter, c2, c3} (three servers), greeter 1.0.0 (one);</li>
 *   <li>crowd-1.1.0: counter 1.1.0 running {@code counter, c2, c3, c4, c5} (five: the install adds c4
 *       and c5, its downgrade removes them; counter 1.1.0's appup holds at its apply {@code up} under
 *       {@link HeldApply}), greeter 1.0.0.</li>
 * </ul>
 */
final class CrowdReleases {

    static final List<String> SERVERS_1_0_0 = List.of("counter", "c2", "c3");
    static final List<String> SERVERS_1_1_0 = List.of("counter", "c2", "c3", "c4", "c5");

    private static final Path SOURCE = TestPaths.findAbove("counter-1.0.0", "src/test/fixture-releases/lib",
            "release-tools/src/test/fixture-releases/lib");
    private static final Path WORK = Paths.get("target/crowd-releases");
    private static final Map<String, Path> ARCHIVES = new HashMap<>();

    private CrowdReleases() {
    }

    /** A new root in {@code dir} whose permanent release is crowd-1.0.0, with crowd-1.1.0 in its inbox. */
    static Path root(Path dir) throws Exception {
        Path root = dir.resolve("root");
        ReleaseUnpacker.init(root, archive("1.0.0"), ArchiveLimits.DEFAULT, Progress.NONE);
        Path next = archive("1.1.0");
        Files.copy(next, root.resolve("inbox").resolve(next.getFileName()));
        return root;
    }

    static synchronized Path archive(String version) throws Exception {
        if (ARCHIVES.isEmpty()) {
            build();
        }
        return ARCHIVES.get(version);
    }

    private static void build() throws Exception {
        Path lib = WORK.resolve("lib");
        for (String app : List.of("counter-1.0.0", "counter-1.1.0", "greeter-1.0.0")) {
            Path dir = Files.createDirectories(lib.resolve(app));
            try (var files = Files.list(SOURCE.resolve(app))) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            int dash = app.lastIndexOf('-');
            Files.copy(FixtureJars.jar(app.substring(0, dash), app.substring(dash + 1)), dir.resolve(app + ".jar"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Path v1 = release("1.0.0", "1.0.0", SERVERS_1_0_0);
        Path v2 = release("1.1.0", "1.1.0", SERVERS_1_1_0);
        Path out = Files.createDirectories(WORK.resolve("archives"));
        ARCHIVES.put("1.0.0", pack(v1, lib, List.of(), out));
        ARCHIVES.put("1.1.0", pack(v2, lib, List.of(v1), out));
    }

    /** Writes crowd-VERSION's release.json and sys.json; returns the release.json. */
    private static Path release(String version, String counterVersion, List<String> counters) throws IOException {
        Path dir = Files.createDirectories(WORK.resolve("crowd-" + version));
        Files.writeString(dir.resolve("release.json"), "{\"name\": \"crowd\", \"version\": \"" + version + "\", \"runtime\": \"0.1.0\",\n"
                + " \"applications\": [{\"name\": \"counter\", \"version\": \"" + counterVersion + "\"}, "
                + "{\"name\": \"greeter\", \"version\": \"1.0.0\"}]}\n");
        Files.writeString(dir.resolve("sys.json"), "{\"counter\": {\"servers\": [\"" + String.join("\", \"", counters) + "\"]},\n"
                + " \"greeter\": {\"greeting\": \"hello\"}}\n");
        return dir.resolve("release.json");
    }

    private static Path pack(Path descriptor, Path lib, List<Path> from, Path out) throws Exception {
        return Packer.pack(new PackRequest(descriptor, List.of(lib), from, out, false, ArchiveLimits.DEFAULT), Progress.NONE)
                .archive().toAbsolutePath();
    }
}
