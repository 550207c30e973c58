package dev.cloudjar.core.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Holds {@code DIR/cloudjar.lock} locked so that a second Cloudjar on the same data dir stops
 * with a message that says so, instead of H2's "database may be already in use". The operating
 * system releases the lock when the process dies, even by {@code kill -9}.
 */
final class DataDirectoryLock implements AutoCloseable {
    static final String FILE_NAME = "cloudjar.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectoryLock acquire(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        try {
            Files.createDirectories(directory);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("data directory " + directory
                        + " is in use by another Cloudjar process (lock file " + file + ")");
            }
            return new DataDirectoryLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock data directory " + directory + " (lock file " + file + ")", e);
        }
    }

    /** Null when held elsewhere: by another process, or by another store in this JVM. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
