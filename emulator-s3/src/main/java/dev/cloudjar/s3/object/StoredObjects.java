package dev.cloudjar.s3.object;

import dev.cloudjar.core.spi.ObjectSource;
import dev.cloudjar.s3.store.ObjectVersion;
import dev.cloudjar.s3.store.S3Store;

import java.util.Optional;

/** S3's side of {@link ObjectSource}: Lambda reads function code from a bucket through it. */
public final class StoredObjects implements ObjectSource {
    private final S3Store store;
    private final ObjectContent content;

    public StoredObjects(S3Store store) {
        this.store = store;
        this.content = new ObjectContent(store.blobs());
    }

    @Override
    public Optional<StoredObject> find(String accountId, String bucket, String key, String versionId) {
        if (!bucketExists(accountId, bucket)) {
            return Optional.empty();
        }
        Optional<ObjectVersion> version = versionId == null
                ? store.current(accountId, bucket, key)
                : store.version(accountId, bucket, key, versionId).filter(v -> !v.deleteMarker());
        return version.map(v -> new StoredObject(v.size(), () -> content.open(v, 0, v.size())));
    }

    @Override
    public boolean bucketExists(String accountId, String bucket) {
        return store.bucket(accountId, bucket).isPresent();
    }
}
