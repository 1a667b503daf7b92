package dev.hotrel.tools.archive;

import dev.hotrel.release.AppRef;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * A release's content fingerprint: the SHA-256 of the {@code CHECKSUMS} lines of its applications'
 * files ({@code lib/APP-VSN/...}, sorted by path), written {@code sha256:HEX}.
 *
 * <p>It depends on the applications' bytes only, not on the release's name, version or relup, so a
 * node can tell that the release it runs is the very one a relup plan was made from, not merely
 * one with the same version string; and two releases built from the same application versions
 * share it.
 */
public final class Fingerprint {

    private Fingerprint() {
    }

    public static String of(Checksums checksums, List<AppRef> applications) {
        StringBuilder lines = new StringBuilder();
        checksums.files().forEach((path, hash) -> {
            if (applications.stream().anyMatch(app -> path.startsWith(ArchiveLayout.appDir(app) + "/"))) {
                lines.append(hash).append("  ").append(path).append('\n');
            }
        });
        return "sha256:" + HexFormat.of().formatHex(
                Checksums.newDigest().digest(lines.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
