package dev.cloudjar.core.state.blob;

import dev.cloudjar.core.spi.storage.BlobStore;
import dev.cloudjar.core.state.journal.JournalStateStore;
import org.junit.jupiter.api.AfterEach;
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
    private JournalStateStore state;

    @Override
    protected BlobStore createStore() throws IOException {
        state = JournalStateStore.open(dataDir.resolve("state"));
        return FileBlobStore.open(directory(), state);
    }

    @AfterEach
    void closeState() {
        state.close();
    }

    @Override
    protected Path directory() {
        return dataDir.resolve("blobs");
    }

    @Test
    void blobsOutliveClosingAndReopening() throws IOException {
        String small = write(new byte[] {4, 5, 6});
        byte[] content = randomBytes(100_000);
        String large = write(content);
        store.close();
        state.close();

        store = createStore();

        assertArrayEquals(new byte[] {4, 5, 6}, read(small, 0, 3));
        assertArrayEquals(content, read(large, 0, content.length));
    }

    @Test
    void committedBlobsAreFannedOutByTheFirstTwoCharactersOfTheirId() throws IOException {
        String id = write(randomBytes(100_000));

        assertTrue(Files.isRegularFile(directory().resolve(id.substring(0, 2)).resolve(id)));
    }

    @Test
    void openingDeletesBlobsLeftHalfWrittenByACrash() throws IOException {
        BlobStore.BlobWriter crashed = store.create();
        crashed.output().write(randomBytes(100_000));
        crashed.output().flush();
        String kept = write(randomBytes(100_000));

        BlobStore reopened = FileBlobStore.open(directory(), state);

        assertEquals(1, fileCount());
        assertTrue(reopened.exists(kept));
        crashed.abort();
    }
}
