package dev.cloudjar.core.spi.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Payloads (object bodies, function packages), always on disk so memory use does not depend on
 * their size. Blob ids are generated here; user-chosen names (object keys) never become paths. A
 * blob is visible only once committed: a large one written to a temp file, fsynced (with a data
 * dir) and atomically renamed; a small one appended to a shared pack file (forced with a data dir)
 * and then named in the store's index.
 */
public interface BlobStore extends AutoCloseable {

    /** Starts a new blob; write it, then {@link BlobWriter#commit()} or {@link BlobWriter#abort()}. */
    default BlobWriter create() throws IOException {
        return create(-1);
    }

    /**
     * Starts a new blob of about {@code expectedLength} bytes (-1 when unknown): a hint for the
     * writer's first buffer, never a limit.
     */
    BlobWriter create(long expectedLength) throws IOException;

    /** Reads {@code length} bytes of a committed blob from {@code offset}. */
    InputStream open(String blobId, long offset, long length) throws IOException;

    /** Reads {@code length} bytes of a committed blob from {@code offset} into one array: for small reads. */
    default byte[] read(String blobId, long offset, int length) throws IOException {
        try (InputStream in = open(blobId, offset, length)) {
            byte[] bytes = in.readNBytes(length);
            if (bytes.length < length) {
                throw new IOException("blob " + blobId + " ended after " + bytes.length + " of " + length + " bytes");
            }
            return bytes;
        }
    }

    /**
     * The committed blob's own file, for zero-copy responses; empty for a small blob, which shares
     * a pack file with others (read it with {@link #open}).
     */
    Optional<Path> file(String blobId);

    long size(String blobId) throws IOException;

    boolean exists(String blobId);

    boolean delete(String blobId);

    /** Deletes every blob. */
    void clear();

    @Override
    void close();

    /** A blob being written. Closing an uncommitted writer aborts it. */
    interface BlobWriter extends AutoCloseable {
        OutputStream output();

        /** Bytes written so far. */
        long size();

        /** Makes the blob durable and visible; returns its id. */
        String commit() throws IOException;

        void abort();

        @Override
        void close();
    }
}
