package dev.cloudjar.core.spi;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Stored object contents offered by S3 to other services (Lambda reads function code from
 * {@code S3Bucket}/{@code S3Key}) through {@link Capabilities}, without a module dependency.
 */
public interface ObjectSource {

    /**
     * The object's committed contents, or empty when the bucket, key or version does not exist
     * (or the latest version is a delete marker).
     *
     * @param versionId a version id, or {@code null} for the latest version
     */
    Optional<StoredObject> find(String accountId, String bucket, String key, String versionId);

    /** Whether the account has the bucket: callers tell S3's NoSuchBucket from NoSuchKey by it. */
    boolean bucketExists(String accountId, String bucket);

    /**
     * A committed object, read through {@code contents}: S3 may keep one object in several blobs
     * (a multipart object's parts), so there is no single file to hand out.
     */
    record StoredObject(long size, Contents contents) {
        /** A new stream over the whole object; the caller closes it. */
        public InputStream open() throws IOException {
            return contents.open();
        }
    }

    /** Opens a stream over an object's bytes, each call a new one from the start. */
    @FunctionalInterface
    interface Contents {
        InputStream open() throws IOException;
    }
}
