package dev.hotrel.release.root;

import dev.hotrel.release.AppRef;
import dev.hotrel.release.ReleaseEntry;
import dev.hotrel.release.Releases;
import dev.hotrel.release.Version;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What an operation leaves in a root when its process dies in the middle, and its removal:
 * <ul>
 *   <li>release folders ({@code releases/VERSION/}) and application folders ({@code lib/APP-VSN/})
 *       that {@code RELEASES.json} does not name: an unpack killed after it moved them into place
 *       and before it recorded the release (the commit point), or a removal killed after it
 *       recorded the release's removal and before it deleted its folders;</li>
 *   <li>the temporary files of atomic replaces ({@code releases/*.tmp}).</li>
 * </ul>
 * None of them is ever named by the state file, so nothing can use them; but an unpacked folder
 * left in place would make the next unpack of that release refuse it. Only names in the root's own
 * layout are touched (a folder under {@code releases/} whose name is a version, one under
 * {@code lib/} whose name is {@code APP-VSN}); anything else is left alone.
 */
final class CrashLeftovers {

    private CrashLeftovers() {
    }

    /**
     * Deletes the leftovers of {@code root} given the releases its state file lists. Call with the
     * root's lock held, so that no operation is between its moves and its commit.
     *
     * @return what was deleted
     * @throws IOException if one could not be deleted (those before it are gone)
     */
    static List<Path> clear(ReleaseRoot root, Releases listed) throws IOException {
        Set<String> releases = new HashSet<>();
        Set<String> apps = new HashSet<>();
        for (ReleaseEntry e : listed.releases()) {
            releases.add(e.version().toString());
            e.applications().forEach(a -> apps.add(a.dirName()));
        }
        List<Path> gone = new ArrayList<>();
        for (Path p : list(root.releasesDir())) {
            String name = p.getFileName().toString();
            boolean unlisted = Files.isDirectory(p) && isVersion(name) && !releases.contains(name);
            if (unlisted || (Files.isRegularFile(p) && name.endsWith(".tmp"))) {
                ReleaseRoot.deleteTree(p);
                gone.add(p);
            }
        }
        for (Path p : list(root.libDir())) {
            String name = p.getFileName().toString();
            if (Files.isDirectory(p) && isAppDir(name) && !apps.contains(name)) {
                ReleaseRoot.deleteTree(p);
                gone.add(p);
            }
        }
        return gone;
    }

    private static boolean isVersion(String name) {
        try {
            return Version.parse(name).toString().equals(name);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean isAppDir(String name) {
        int dash = name.indexOf('-');
        try {
            return dash > 0 && AppRef.of(name.substring(0, dash), name.substring(dash + 1)).dirName().equals(name);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        }
        return entries;
    }
}
