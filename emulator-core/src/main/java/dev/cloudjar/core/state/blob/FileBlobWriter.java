package dev.cloudjar.core.state.blob;

import dev.cloudjar.core.spi.storage.BlobStore;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A blob being written; nothing is visible until {@link #commit()}. The first
 * {@link PackedBlobs#MAX_BLOB_BYTES} are held in memory: a blob that ends within them is
 * appended to a pack, and only a bigger one gets its temp file (created when it outgrows them).
 */
final class FileBlobWriter implements BlobStore.BlobWriter {
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int FIRST_SMALL_BYTES = 8 * 1024;

    private final FileBlobStore store;
    private final String id;
    private final Path tempDirectory;
    private final OutputStream output = new Output();
    /** The bytes so far while the blob is small; null once it has its temp file. */
    private byte[] small;
    /** The temp file, once the blob outgrows {@link #small}. */
    private Path temp;
    private FileChannel channel;
    private BufferedOutputStream buffer;
    private long size;
    private boolean finished;

    /** @param expectedLength the length the caller expects, or -1: sizes the first array of a small blob */
    FileBlobWriter(FileBlobStore store, String id, Path tempDirectory, long expectedLength) {
        this.store = store;
        this.id = id;
        this.tempDirectory = tempDirectory;
        this.small = new byte[expectedLength >= 0 && expectedLength <= PackedBlobs.MAX_BLOB_BYTES
                ? (int) expectedLength : FIRST_SMALL_BYTES];
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public String commit() throws IOException {
        ensureOpen();
        finished = true;
        try {
            if (small != null) {
                store.packed().append(id, small, (int) size);
                return id;
            }
            buffer.flush();
            if (store.durable()) {
                channel.force(true);
            }
            channel.close();
            store.publish(temp, id);
            return id;
        } catch (IOException | RuntimeException e) {
            discard();
            throw e;
        }
    }

    @Override
    public void abort() {
        if (!finished) {
            finished = true;
            discard();
        }
    }

    @Override
    public void close() {
        abort();
    }

    private void discard() {
        small = null;
        if (channel == null) {
            return;
        }
        try {
            channel.close();
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void ensureOpen() throws IOException {
        if (finished) {
            throw new IOException("blob writer " + id + " is already committed or aborted");
        }
    }

    /** Makes room for {@code length} more bytes: a bigger array while small enough, else the temp file. */
    private void reserve(int length) throws IOException {
        if (small == null) {
            return;
        }
        long needed = size + length;
        if (needed <= small.length) {
            return;
        }
        if (needed <= PackedBlobs.MAX_BLOB_BYTES) {
            small = Arrays.copyOf(small, (int) Math.min(PackedBlobs.MAX_BLOB_BYTES, Math.max(needed, 2L * small.length)));
            return;
        }
        temp = tempDirectory.resolve(id);
        channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        buffer = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
        buffer.write(small, 0, (int) size);
        small = null;
    }

    /** Counts what is written; closing it only flushes, since the writer owns the file. */
    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            ensureOpen();
            reserve(1);
            if (small != null) {
                small[(int) size] = (byte) b;
            } else {
                buffer.write(b);
            }
            size++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ensureOpen();
            reserve(length);
            if (small != null) {
                System.arraycopy(bytes, offset, small, (int) size, length);
            } else {
                buffer.write(bytes, offset, length);
            }
            size += length;
        }

        @Override
        public void flush() throws IOException {
            ensureOpen();
            if (buffer != null) {
                buffer.flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (!finished && buffer != null) {
                buffer.flush();
            }
        }
    }
}
