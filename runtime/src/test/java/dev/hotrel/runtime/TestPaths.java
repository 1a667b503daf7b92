package dev.hotrel.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Test resources of one module found from that module or a sibling (tests run in their module's folder). */
public final class TestPaths {

    private TestPaths() {
    }

    /**
     * The first of {@code candidates} (relative paths), tried in the working folder and every folder
     * above it, that holds {@code marker}.
     *
     * @throws IllegalStateException naming what was looked for where
     */
    public static Path findAbove(String marker, String... candidates) {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (String candidate : candidates) {
                Path path = dir.resolve(candidate);
                if (Files.exists(path.resolve(marker))) {
                    return path;
                }
            }
        }
        throw new IllegalStateException("cannot find " + String.join(" or ", candidates) + " (with " + marker + ") above "
                + Paths.get("").toAbsolutePath());
    }
}
