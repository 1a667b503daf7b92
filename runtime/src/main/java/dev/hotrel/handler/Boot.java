package dev.hotrel.handler;

import dev.hotrel.release.AppSpec;
import dev.hotrel.release.ReleaseEntry;
import dev.hotrel.release.Releases;
import dev.hotrel.release.StartOrder;
import dev.hotrel.release.SysConfig;
import dev.hotrel.release.Version;
import dev.hotrel.release.root.ReleaseRoot;
import dev.hotrel.release.root.RootLock;
import dev.hotrel.runtime.Node;
import dev.hotrel.runtime.code.AppVersion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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

    private static final System.Logger LOG = System.getLogger("dev.hotrel.handler");

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

    /**
     * Marks {@code release} to boot on the next start, once ({@code releases/BOOT_NEXT}, durable).
     *
     * @throws HandlerException BUSY if an offline command changes the root right now
     */
    static void markNext(ReleaseRoot root, ReleaseEntry release) throws IOException {
        try (RootLock lock = root.lock()) {
            root.writeBootNext(release.version());
        } catch (IllegalStateException e) {
            throw new HandlerException(Reason.BUSY, e.getMessage(), Instant.now());
        }
    }

    /**
     * The release the next start boots first: the marked one, if the root still holds it, else
     * the permanent one. A mark that cannot be read counts as none, as {@link #takeNext} treats it.
     */
    static ReleaseEntry next(ReleaseRoot root, Releases releases) {
        ReleaseEntry permanent = releases.permanent().orElseThrow();
        try {
            return root.readBootNext().flatMap(text -> parse(text).flatMap(releases::find)).orElse(permanent);
        } catch (IOException e) {
            return permanent;
        }
    }

    /**
     * Reads and deletes the mark, before the release it names boots: it is honoured once. A mark
     * that cannot be read is logged and dropped: the node boots its permanent release.
     */
    static Optional<String> takeNext(ReleaseRoot root) {
        try {
            Optional<String> marked = root.readBootNext();
            if (marked.isPresent()) {
                root.clearBootNext();
            }
            return marked;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot read or delete " + root.bootNextFile() + " (" + e.getMessage()
                    + "); booting the permanent release");
            return Optional.empty();
        }
    }

    private static Optional<Version> parse(String text) {
        try {
            return Optional.of(Version.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Removes what a crashed node or unpack left: staging folders, release and application folders
     * {@code RELEASES.json} does not name, temporary state files and partial uploads.
     */
    static void cleanUp(ReleaseRoot root) throws IOException {
        try (RootLock lock = root.lock()) {
            root.clearStaging();
            for (Path gone : root.clearCrashLeftovers()) {
                LOG.log(System.Logger.Level.INFO, "removed " + root.dir().relativize(gone)
                        + ", left by an operation that did not finish (RELEASES.json does not name it)");
            }
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
