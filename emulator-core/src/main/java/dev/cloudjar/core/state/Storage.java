package dev.cloudjar.core.state;

import dev.cloudjar.core.spi.storage.BlobStore;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.spi.storage.StateStoreProvider;
import dev.cloudjar.core.state.blob.FileBlobStore;
import dev.cloudjar.core.state.journal.JournalStateStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The state and blob stores of one server. Without a data dir, state lives in memory and blobs in
 * a {@link ScratchDirectory} removed on close (or, after a {@code kill -9}, by a later start). With one ({@code --data-dir DIR}), the directory is
 * locked against other processes, state goes to a snapshot and journal in {@code DIR/state} and
 * blobs to {@code DIR/blobs}; every write acknowledged survives a restart and a {@code kill -9}.
 */
public final class Storage implements AutoCloseable {
    private final StateStore state;
    private final BlobStore blobs;
    private final DataDirectoryLock lock;
    private final Path scratch;
    /** In memory mode, the directory holding the blobs and the scratch, removed on close or by a later start. */
    private final ScratchDirectory temporary;

    private Storage(StateStore state, BlobStore blobs, DataDirectoryLock lock, Path scratch, ScratchDirectory temporary) {
        this.state = state;
        this.blobs = blobs;
        this.lock = lock;
        this.scratch = scratch;
        this.temporary = temporary;
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

    /**
     * Opens storage whose state lives in an external store ({@code --state-url}) and whose blobs
     * and scratch live in the data dir, which is required: object bytes and function packages
     * must outlive the process as the state naming them does.
     *
     * @param settings {@code user} and {@code password} for the store, when given
     * @throws IllegalStateException with a message for the user when no module opens the URL,
     *                               the store cannot be reached, or the data dir is missing
     */
    public static Storage external(String stateUrl, Map<String, String> settings, Path dataDir,
            ClassLoader classLoader) {
        if (dataDir == null) {
            throw new IllegalStateException("--state-url needs --data-dir too: object bytes and function code"
                    + " are kept there, beside the state the URL holds");
        }
        StateStoreProvider provider = ServiceLoader.load(StateStoreProvider.class, classLoader).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.accepts(stateUrl)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no state store opens '" + redacted(stateUrl)
                        + "' (this server opens jdbc:postgresql: URLs)"));
        return inDataDir(dataDir.toAbsolutePath(), dir -> provider.open(stateUrl, settings));
    }

    /** The URL without a password given in it, for messages. */
    static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    public static Storage inMemory() {
        ScratchDirectory temporary = ScratchDirectory.create(null, "storage");
        try {
            MemoryStateStore state = new MemoryStateStore();
            return new Storage(state, FileBlobStore.temporary(temporary.path().resolve("blobs"), state), null,
                    Files.createDirectories(temporary.path().resolve("scratch")), temporary);
        } catch (IOException e) {
            temporary.close();
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    /** Durable storage whose state journal is compacted once it passes the given size (tests use a small one). */
    static Storage durable(Path dataDir, long minJournalBytes) {
        return inDataDir(dataDir, dir -> JournalStateStore.open(dir.resolve("state"), minJournalBytes));
    }

    /**
     * Storage with its blobs and scratch in the data dir, which is locked against other processes,
     * and its state where {@code openState} keeps it (the journal in the data dir, or an external store).
     */
    private static Storage inDataDir(Path dataDir, Function<Path, StateStore> openState) {
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
        try {
            Path scratch = dataDir.resolve("scratch");
            // What a killed run left here (request bodies being received, Lambda's unpacked code) is garbage now.
            ScratchDirectory.deleteTree(scratch);
            Files.createDirectories(scratch);
            StateStore state = openState.apply(dataDir);
            try {
                return new Storage(state, FileBlobStore.open(dataDir.resolve("blobs"), state), lock, scratch, null);
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

    /**
     * A directory for files that matter only while the process runs (request bodies being
     * received): emptied when a data dir is opened, deleted on close in memory mode.
     */
    public Path scratch() {
        return scratch;
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
                try {
                    if (temporary != null) {
                        temporary.close();
                    }
                } finally {
                    if (lock != null) {
                        lock.close();
                    }
                }
            }
        }
    }
}
