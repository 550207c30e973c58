package dev.cloudjar.core.state;

import dev.cloudjar.core.spi.storage.BlobStore;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.state.blob.FileBlobStore;
import dev.cloudjar.core.state.journal.JournalStateStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The state and blob stores of one server. Without a data dir, state lives in memory and blobs in
 * a temporary directory removed on close. With one ({@code --data-dir DIR}), the directory is
 * locked against other processes, state goes to a snapshot and journal in {@code DIR/state} and
 * blobs to {@code DIR/blobs}; every write acknowledged survives a restart and a {@code kill -9}.
 */
public final class Storage implements AutoCloseable {
    private final StateStore state;
    private final BlobStore blobs;
    private final DataDirectoryLock lock;

    private Storage(StateStore state, BlobStore blobs, DataDirectoryLock lock) {
        this.state = state;
        this.blobs = blobs;
        this.lock = lock;
    }

    /**
     * Opens storage in the data dir, or in memory when it is null.
     *
     * @throws IllegalStateException when another process uses the data dir, with a message for the user
     */
    public static Storage open(Path dataDir) {
        return dataDir == null
                ? inMemory()
                : durable(dataDir.toAbsolutePath(), JournalStateStore.DEFAULT_MIN_JOURNAL_BYTES);
    }

    public static Storage inMemory() {
        try {
            MemoryStateStore state = new MemoryStateStore();
            return new Storage(state, FileBlobStore.temporary(state), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary blob directory", e);
        }
    }

    /** Durable storage whose state journal is compacted once it passes the given size (tests use a small one). */
    static Storage durable(Path dataDir, long minJournalBytes) {
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
        try {
            JournalStateStore state = JournalStateStore.open(dataDir.resolve("state"), minJournalBytes);
            try {
                return new Storage(state, FileBlobStore.open(dataDir.resolve("blobs"), state), lock);
            } catch (IOException | RuntimeException e) {
                state.close();
                throw e;
            }
        } catch (IOException e) {
            lock.close();
            throw new UncheckedIOException("cannot open the blob directory in " + dataDir, e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    public StateStore state() {
        return state;
    }

    public BlobStore blobs() {
        return blobs;
    }

    /** Whether writes survive a restart (a data dir was given). */
    public boolean durable() {
        return lock != null;
    }

    @Override
    public void close() {
        try {
            state.close();
        } finally {
            try {
                blobs.close();
            } finally {
                if (lock != null) {
                    lock.close();
                }
            }
        }
    }
}
