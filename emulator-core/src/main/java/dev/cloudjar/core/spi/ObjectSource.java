package dev.cloudjar.core.spi;

import java.nio.file.Path;
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
     * A committed object: {@code file} is the blob store's own file for it (never a path a user
     * chose), to be read, never written or moved.
     */
    record StoredObject(long size, Path file) {}
}
