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

/** A blob being written to its temp file; nothing is visible until {@link #commit()}. */
final class FileBlobWriter implements BlobStore.BlobWriter {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final FileBlobStore store;
    private final String id;
    private final Path temp;
    private final FileChannel channel;
    private final BufferedOutputStream buffer;
    private final OutputStream output = new Output();
    private long size;
    private boolean finished;

    FileBlobWriter(FileBlobStore store, String id, Path temp) throws IOException {
        this.store = store;
        this.id = id;
        this.temp = temp;
        this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        this.buffer = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
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

    /** Counts what is written; closing it only flushes, since the writer owns the file. */
    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            ensureOpen();
            buffer.write(b);
            size++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ensureOpen();
            buffer.write(bytes, offset, length);
            size += length;
        }

        @Override
        public void flush() throws IOException {
            ensureOpen();
            buffer.flush();
        }

        @Override
        public void close() throws IOException {
            if (!finished) {
                buffer.flush();
            }
        }
    }
}
