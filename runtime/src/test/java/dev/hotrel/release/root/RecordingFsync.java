package dev.hotrel.release.root;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A test's disk under a release root: records every force the root makes, in order, with what
 * {@code RELEASES.json} said at that instant, and fails the one a test picks, as a disk that reports
 * an I/O error would (after recording it).
 */
public final class RecordingFsync implements Fsync {

    /** A disk's answer to a force it could not make. */
    public static final String ERROR = "Input/output error";

    /**
     * One force, of a file or a folder.
     *
     * @param releasesJson the text of the root's {@code RELEASES.json} when it was made; null if there was none
     */
    public record Force(boolean folder, Path path, String releasesJson) {
        @Override
        public String toString() {
            return (folder ? "folder " : "file ") + path;
        }
    }

    private final ReleaseRoot root;
    private final List<Force> forces = new ArrayList<>();
    private Predicate<Force> failing = f -> false;

    public RecordingFsync(Path rootDir) {
        this.root = ReleaseRoot.at(rootDir, this);
    }

    /** The root in {@code rootDir} whose forces this records. */
    public ReleaseRoot root() {
        return root;
    }

    /** Fails every force that {@code which} picks, from now on. */
    public RecordingFsync failing(Predicate<Force> which) {
        this.failing = which;
        return this;
    }

    /** Fails the force numbered {@code index} (from 0) since this was made. */
    public RecordingFsync failingAt(int index) {
        return failing(f -> forces.size() == index + 1);
    }

    /** The forces made so far, a failed one included. */
    public synchronized List<Force> forces() {
        return List.copyOf(forces);
    }

    @Override
    public void file(Path file) throws IOException {
        force(false, file);
    }

    @Override
    public void folder(Path dir) throws IOException {
        force(true, dir);
    }

    private synchronized void force(boolean folder, Path path) throws IOException {
        Force f = new Force(folder, path.toAbsolutePath().normalize(), releasesJson());
        forces.add(f);
        if (failing.test(f)) {
            throw new IOException(ERROR);
        }
    }

    private String releasesJson() throws IOException {
        try {
            return Files.readString(root.releasesFile());
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
