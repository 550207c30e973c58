package dev.cloudjar.core.state.blob;

import dev.cloudjar.core.spi.storage.BlobStore;
import dev.cloudjar.core.state.MemoryStateStore;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;

class TemporaryBlobStoreTest extends BlobStoreContract {
    @Override
    protected BlobStore createStore() throws IOException {
        return FileBlobStore.temporary(new MemoryStateStore());
    }

    @Override
    protected Path directory() {
        return ((FileBlobStore) store).root();
    }

    @Test
    void closingDeletesTheDirectoryWithItsBlobs() throws IOException {
        write(randomBytes(10));
        Path directory = directory();

        store.close();

        assertFalse(Files.exists(directory));
    }
}
