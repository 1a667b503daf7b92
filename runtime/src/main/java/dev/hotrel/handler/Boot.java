package dev.hotrel.handler;

import dev.hotrel.release.AppSpec;
import dev.hotrel.release.ReleaseEntry;
import dev.hotrel.release.StartOrder;
import dev.hotrel.release.SysConfig;
import dev.hotrel.runtime.Node;
import dev.hotrel.runtime.code.AppVersion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import dev.hotrel.release.root.ReleaseRoot;
import dev.hotrel.release.root.RootLock;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts a release's applications on an empty node, dependencies first; and the one-shot marker
 * of a release that asked to be booted ({@code restartNode}) instead of switched in place.
 *
 * <p>The marker is deleted before the release it names is booted, as OTP's heart-driven reboot
 * does: if that boot crashes the node, the next start boots the permanent release again.
 */
final class Boot {

    private Boot() {
    }

    /**
     * Starts every application of {@code release}; on a failure stops those started and rethrows.
     */
    static void start(Node node, RootFiles files, ReleaseEntry release) throws IOException {
        Map<String, AppSpec> specs = files.apps(release.applications());
        SysConfig config = files.sys(release.version());
        List<String> started = new ArrayList<>();
        try {
            StartOrder order = StartOrder.of(List.copyOf(specs.keySet()), specs);
            if (!order.isSound()) {
                throw new IllegalArgumentException("release " + release.id() + " cannot start: "
                        + (order.cycle().isEmpty() ? "" : "applications depend on each other in a cycle: "
                        + String.join(", ", order.cycle()) + "; ")
                        + (order.missing().isEmpty() ? "" : "missing dependencies " + order.missing()));
            }
            for (AppSpec spec : order.names().stream().map(specs::get).toList()) {
                AppVersion version = node.load(spec.name(), spec.version().toString(), files.jars(spec));
                try {
                    node.startApplication(version, spec.start(), config.forApplication(spec.name()));
                } catch (RuntimeException e) {
                    node.discard(version);
                    throw e;
                }
                started.add(spec.name());
            }
        } catch (RuntimeException e) {
            for (int i = started.size() - 1; i >= 0; i--) {
                node.stopApplication(started.get(i));
            }
            throw e;
        }
    }

    static void markNext(Path marker, String version) throws IOException {
        Path tmp = marker.resolveSibling(marker.getFileName() + ".tmp");
        Files.writeString(tmp, version + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads and deletes the marker: it is honoured once. */
    static Optional<String> takeNext(Path marker) throws IOException {
        if (!Files.exists(marker)) {
            return Optional.empty();
        }
        String version = Files.readString(marker, StandardCharsets.UTF_8).trim();
        Files.delete(marker);
        return Optional.of(version);
    }

    /** Removes what a crashed node or unpack left: staging folders and partial uploads. */
    static void cleanUp(ReleaseRoot root) throws IOException {
        try (RootLock lock = root.lock()) {
            root.clearStaging();
        } catch (IllegalStateException busy) {
            return; // a CLI unpack runs right now; its staging folder is in use
        }
        if (Files.isDirectory(root.inbox())) {
            try (var parts = Files.newDirectoryStream(root.inbox(), ".upload-*.part")) {
                for (Path part : parts) {
                    Files.deleteIfExists(part);
                }
            }
        }
    }
}
