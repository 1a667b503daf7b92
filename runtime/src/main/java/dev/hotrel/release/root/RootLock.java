package dev.hotrel.release.root;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive right to change a release root, held from {@link ReleaseRoot#lock()} until
 * {@link #close()}. An operating-system file lock on the root's {@code .lock} file, so that a
 * {@code hotrel unpack} and a running node's {@code unpackRelease} never change one root at the
 * same time. Not re-entrant.
 */
public final class RootLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private RootLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock without waiting.
     *
     * @throws IllegalStateException if another process or thread holds it ("busy")
     */
    static RootLock acquire(Path lockFile) throws IOException {
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("release root " + lockFile.getParent()
                    + " is busy: another operation holds " + lockFile + "; try again when it has finished");
        }
        return new RootLock(channel, lock);
    }

    /** Releases the lock. Idempotent. */
    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }
}
