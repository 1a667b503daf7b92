package dev.hotrel.handler;

import dev.hotrel.release.AppRef;
import dev.hotrel.release.ReleaseEntry;
import dev.hotrel.release.Releases;
import dev.hotrel.release.root.ReleaseRoot;
import dev.hotrel.release.root.RootLock;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;

/**
 * Removes a release from a root: first from {@code RELEASES.json} (atomically), then its folder and
 * the application versions no remaining release names. A crash in between leaves only orphan
 * folders, never an entry whose files are gone; the node removes them when it boots
 * ({@link ReleaseRoot#clearCrashLeftovers}).
 */
final class ReleaseRemoval {

    @FunctionalInterface
    interface Writer {
        void write(Releases releases) throws IOException;
    }

    private ReleaseRemoval() {
    }

    static void remove(ReleaseRoot root, ReleaseEntry target, Releases remaining, Writer writer) throws IOException {
        writer.write(remaining);
        Set<AppRef> stillUsed = new HashSet<>();
        remaining.releases().forEach(r -> stillUsed.addAll(r.applications()));
        try (RootLock lock = root.lock()) {
            ReleaseRoot.deleteTree(root.releaseDir(target.version()));
            for (AppRef app : target.applications()) {
                if (!stillUsed.contains(app) && Files.exists(root.appDir(app))) {
                    ReleaseRoot.deleteTree(root.appDir(app));
                }
            }
        }
    }
}
