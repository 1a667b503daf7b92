package dev.hotrel.release.root;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Forces to the disk what was written to a file, or the names in a folder: the one way a release
 * root makes something durable ({@link ReleaseRoot}, durability rule), and the seam through which
 * tests watch the order of those calls and make one fail.
 *
 * <p>Implementations throw what the operating system reported; {@link ReleaseRoot} and
 * {@link AtomicWrite} say what could not be made durable and what that means for the root.
 */
interface Fsync {

    /** Forces the content of {@code file} (and its size) to the disk. */
    void file(Path file) throws IOException;

    /** Forces the entries of {@code dir} to the disk: names created, renamed into it or deleted. */
    void folder(Path dir) throws IOException;

    /**
     * The real disk. A file is opened for reading to force it (for writing on Windows, which
     * requires it; that changes nothing). A folder is not forced on Windows: Java cannot open one
     * there, and NTFS journals the names in it; everywhere else a folder that cannot be forced is an
     * error.
     */
    Fsync DISK = new Fsync() {
        private final boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

        @Override
        public void file(Path file) throws IOException {
            StandardOpenOption mode = windows ? StandardOpenOption.WRITE : StandardOpenOption.READ;
            try (FileChannel channel = FileChannel.open(file, mode)) {
                channel.force(true);
            }
        }

        @Override
        public void folder(Path dir) throws IOException {
            if (windows) {
                return;
            }
            try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
                channel.force(true);
            }
        }

        @Override
        public String toString() {
            return "fsync";
        }
    };

    /** What the system reported, for a message: its reason, else the kind of failure and its text. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName() + ": " + fs.getFile();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
