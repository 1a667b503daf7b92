package dev.hotrel.tools.unpack;

import dev.hotrel.tools.archive.Checksums;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every path under a folder with the SHA-256 of files, to compare a root before and after. */
final class RootSnapshot {

    private RootSnapshot() {
    }

    static Map<String, String> of(Path dir) throws IOException {
        Map<String, String> snapshot = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String key = dir.relativize(p).toString().replace('\\', '/');
                snapshot.put(key, Files.isDirectory(p) ? "dir" : Checksums.sha256(Files.readAllBytes(p)));
            }
        }
        return snapshot;
    }
}
