package dev.cloudjar.core.state.blob;

import dev.cloudjar.core.spi.storage.BlobStore;
import dev.cloudjar.core.spi.storage.BlobStore.BlobWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link BlobStore} promises, run against each kind of store by a small subclass.
 * The contract looks into the store's directory to check that nothing is left behind.
 */
public abstract class BlobStoreContract {
    protected BlobStore store;

    /** A new, empty store; the contract closes it. */
    protected abstract BlobStore createStore() throws IOException;

    /** The directory holding the store's files, temp files included. */
    protected abstract Path directory();

    @BeforeEach
    void open() throws IOException {
        store = createStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aCommittedBlobReadsBackWhole() throws IOException {
        byte[] content = randomBytes(200_000);

        String id = write(content);

        assertTrue(store.exists(id));
        assertEquals(content.length, store.size(id));
        assertArrayEquals(content, read(id, 0, content.length));
        assertArrayEquals(content, Files.readAllBytes(store.file(id).orElseThrow()));
    }

    @Test
    void aRangeReadReturnsExactlyThoseBytes() throws IOException {
        byte[] content = randomBytes(100_000);
        String id = write(content);

        assertArrayEquals(Arrays.copyOfRange(content, 70_000, 90_000), read(id, 70_000, 20_000));
        assertArrayEquals(Arrays.copyOfRange(content, 99_999, 100_000), read(id, 99_999, 1));
        assertArrayEquals(new byte[0], read(id, 100_000, 0));
    }

    @Test
    void aRangeBeyondTheEndIsRejected() throws IOException {
        String id = write(new byte[10]);

        assertThrows(IllegalArgumentException.class, () -> store.open(id, 5, 6));
        assertThrows(IllegalArgumentException.class, () -> store.open(id, -1, 1));
    }

    @Test
    void writerCountsTheBytesWritten() throws IOException {
        try (BlobWriter writer = store.create()) {
            writer.output().write(1);
            writer.output().write(new byte[10], 2, 5);

            assertEquals(6, writer.size());
        }
    }

    @Test
    void emptyBlobsAreBlobs() throws IOException {
        String id = write(new byte[0]);

        assertEquals(0, store.size(id));
        assertEquals(-1, store.open(id, 0, 0).read());
    }

    @Test
    void eachBlobGetsItsOwnId() throws IOException {
        assertNotEquals(write(new byte[1]), write(new byte[1]));
    }

    @Test
    void closingTheOutputStreamDoesNotEndTheBlob() throws IOException {
        try (BlobWriter writer = store.create()) {
            try (OutputStream out = writer.output()) {
                out.write(new byte[] {1, 2, 3});
            }
            String id = writer.commit();

            assertArrayEquals(new byte[] {1, 2, 3}, read(id, 0, 3));
        }
    }

    @Test
    void abortLeavesNothing() throws IOException {
        BlobWriter writer = store.create();
        writer.output().write(randomBytes(100_000));

        writer.abort();

        assertEquals(0, fileCount());
    }

    @Test
    void closingAnUncommittedWriterLeavesNothing() throws IOException {
        try (BlobWriter writer = store.create()) {
            writer.output().write(randomBytes(1000));
        }

        assertEquals(0, fileCount());
    }

    @Test
    void writingAfterCommitFails() throws IOException {
        BlobWriter writer = store.create();
        writer.commit();

        assertThrows(IOException.class, () -> writer.output().write(1));
        assertThrows(IOException.class, writer::commit);
    }

    @Test
    void deleteRemovesTheBlob() throws IOException {
        String id = write(new byte[] {1});

        assertTrue(store.delete(id));

        assertFalse(store.exists(id));
        assertFalse(store.delete(id));
        assertThrows(IOException.class, () -> store.open(id, 0, 0));
    }

    @Test
    void clearDeletesEveryBlob() throws IOException {
        String first = write(new byte[] {1});
        String second = write(new byte[] {2});

        store.clear();

        assertFalse(store.exists(first));
        assertFalse(store.exists(second));
        assertEquals(0, fileCount());
    }

    @Test
    void stringsThatAreNotBlobIdsNeverBecomePaths() {
        for (String id : new String[] {"../../etc/passwd", "", "tmp", "ABCDEF0123456789ABCDEF0123456789"}) {
            assertFalse(store.exists(id));
            assertFalse(store.delete(id));
            assertThrows(IllegalArgumentException.class, () -> store.file(id));
        }
        assertFalse(store.exists(null));
    }

    @Test
    void smallBlobsShareOnePackAndHaveNoFileOfTheirOwn() throws IOException {
        String first = write(new byte[] {1, 2});
        String second = write(randomBytes(PackedBlobs.MAX_BLOB_BYTES));
        String large = write(randomBytes(PackedBlobs.MAX_BLOB_BYTES + 1));

        assertTrue(store.file(first).isEmpty());
        assertTrue(store.file(second).isEmpty());
        assertTrue(store.file(large).isPresent());
        assertEquals(2, fileCount());
        assertEquals(PackedBlobs.MAX_BLOB_BYTES, store.size(second));
        assertArrayEquals(new byte[] {2}, read(first, 1, 1));
        assertArrayEquals(randomBytes(PackedBlobs.MAX_BLOB_BYTES), read(second, 0, PackedBlobs.MAX_BLOB_BYTES));
    }

    @Test
    void aBlobWrittenInSmallPiecesPastThePackLimitGetsItsOwnFile() throws IOException {
        byte[] content = randomBytes(PackedBlobs.MAX_BLOB_BYTES + 100);
        String id;
        try (BlobWriter writer = store.create()) {
            for (int i = 0; i < content.length; i += 1000) {
                writer.output().write(content, i, Math.min(1000, content.length - i));
            }
            id = writer.commit();
        }

        assertTrue(store.file(id).isPresent());
        assertArrayEquals(content, read(id, 0, content.length));
    }

    @Test
    void anUnknownIdDoesNotExist() {
        assertFalse(store.exists("0123456789abcdef0123456789abcdef"));
    }

    protected String write(byte[] content) throws IOException {
        try (BlobWriter writer = store.create()) {
            writer.output().write(content);
            return writer.commit();
        }
    }

    protected byte[] read(String id, long offset, long length) throws IOException {
        try (InputStream in = store.open(id, offset, length)) {
            return in.readAllBytes();
        }
    }

    protected long fileCount() throws IOException {
        try (Stream<Path> files = Files.walk(directory())) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    protected static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
