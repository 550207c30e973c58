package dev.cloudjar.core.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds {@code DIR/cloudjar.lock} locked so that a second Cloudjar on the same data dir stops
 * with a message that says so, instead of H2's "database may be already in use". The operating
 * system releases the lock when the process dies, even by {@code kill -9}.
 */
final class DataDirectoryLock implements AutoCloseable {
    static final String FILE_NAME = "cloudjar.lock";

    /**
     * The lock files this process holds. Closing any descriptor of a file releases every lock the
     * process holds on it (POSIX record locks), so a second server of this JVM must be refused
     * without opening the file at all — the one mutable static here, as the locks are per process.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectoryLock acquire(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        Path key = file.toAbsolutePath().normalize();
        if (!HELD.add(key)) {
            throw inUse(directory, file);
        }
        try {
            Files.createDirectories(directory);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw inUse(directory, file);
            }
            return new DataDirectoryLock(key, channel, lock);
        } catch (IOException e) {
            HELD.remove(key);
            throw new UncheckedIOException("cannot lock data directory " + directory + " (lock file " + file + ")", e);
        } catch (RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
    }

    private static IllegalStateException inUse(Path directory, Path file) {
        return new IllegalStateException("data directory " + directory
                + " is in use by another Cloudjar process (lock file " + file + ")");
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
        } finally {
            HELD.remove(file);
        }
    }
}
