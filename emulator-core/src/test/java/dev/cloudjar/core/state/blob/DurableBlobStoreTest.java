package dev.cloudjar.core.state.blob;

import dev.cloudjar.core.spi.storage.BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurableBlobStoreTest extends BlobStoreContract {
    @TempDir
    Path dataDir;

    @Override
    protected BlobStore createStore() throws IOException {
        return FileBlobStore.open(directory());
    }

    @Override
    protected Path directory() {
        return dataDir.resolve("blobs");
    }

    @Test
    void blobsOutliveClosingAndReopening() throws IOException {
        String id = write(new byte[] {4, 5, 6});
        store.close();

        store = FileBlobStore.open(directory());

        assertArrayEquals(new byte[] {4, 5, 6}, read(id, 0, 3));
    }

    @Test
    void committedBlobsAreFannedOutByTheFirstTwoCharactersOfTheirId() throws IOException {
        String id = write(new byte[] {1});

        assertTrue(Files.isRegularFile(directory().resolve(id.substring(0, 2)).resolve(id)));
    }

    @Test
    void openingDeletesBlobsLeftHalfWrittenByACrash() throws IOException {
        BlobStore.BlobWriter crashed = store.create();
        crashed.output().write(randomBytes(1000));
        crashed.output().flush();
        String kept = write(new byte[] {1});

        BlobStore reopened = FileBlobStore.open(directory());

        assertEquals(1, fileCount());
        assertTrue(reopened.exists(kept));
        crashed.abort();
    }
}
