package dev.hotrel.tools.pack;

import dev.hotrel.release.Release;
import dev.hotrel.release.Relup;
import dev.hotrel.tools.Problem;

import java.nio.file.Path;
import java.util.List;

/**
 * A packed archive.
 *
 * @param release the release as packed, with its fingerprint
 * @param warnings problems that {@code --allow-uncovered} turned into warnings
 */
public record PackResult(Path archive, Release release, Relup relup, List<Problem> warnings) {

    public PackResult {
        warnings = List.copyOf(warnings);
    }
}
