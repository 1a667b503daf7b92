package dev.hotrel.release.root;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file so that a crash at any instant leaves either the old content or the new one,
 * never a torn mix: write a temporary file next to it, force it, rename it over the target, force
 * the folder so that the rename itself is durable.
 */
final class AtomicWrite {

    private AtomicWrite() {
    }

    /**
     * @throws AtomicMoveNotSupportedException if the file system cannot rename atomically (then
     *         nothing was replaced)
     * @throws IOException if writing, forcing or renaming the temporary file failed: the target is
     *         then unchanged; or if forcing the folder failed after the rename: the target then holds
     *         the new content, which a power loss may still turn back into the old (the message says which)
     */
    static void replace(Path target, byte[] content, Fsync fsync) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = dir.resolve(target.getFileName() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(content);
            }
            try {
                fsync.file(temp);
            } catch (IOException e) {
                throw new IOException("cannot write " + target + ": forcing " + temp.getFileName() + " to the disk failed ("
                        + Fsync.reason(e) + "); " + target.getFileName() + " is unchanged", e);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        try {
            fsync.folder(dir);
        } catch (IOException e) {
            throw new IOException("replaced " + target + ", but forcing its folder to the disk failed ("
                    + Fsync.reason(e) + "): after a power loss it may hold its previous content again", e);
        }
    }
}
