package dev.cloudjar.s3.bucket;

import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.s3.S3Errors;
import dev.cloudjar.s3.store.BucketRecord;
import dev.cloudjar.s3.store.ObjectVersion;
import dev.cloudjar.s3.store.S3Store;

import java.util.Map;
import java.util.function.UnaryOperator;

/** Finds the bucket a request names in the caller's account, or fails with NoSuchBucket. */
public final class Buckets {
    private final S3Store store;

    public Buckets(S3Store store) {
        this.store = store;
    }

    public BucketRecord require(RequestContext context, String bucket) {
        return store.bucket(context.accountId(), bucket).orElseThrow(() -> S3Errors.noSuchBucket(bucket));
    }

    /** Changes a bucket's record under the bucket's lock. */
    public BucketRecord update(RequestContext context, String bucket, UnaryOperator<BucketRecord> change) {
        return store.locked(context.accountId(), bucket, null, () -> {
            BucketRecord updated = change.apply(require(context, bucket));
            store.putBucket(context.accountId(), updated);
            return updated;
        });
    }

    /**
     * A configuration document the bucket must have (website, replication...), else the not-found
     * error S3 answers for that configuration.
     */
    public Map<String, Object> requireSetting(RequestContext context, String bucket, String element,
                                              String notFoundCode, String notFoundMessage) {
        Map<String, Object> document = require(context, bucket).setting(element);
        if (document == null) {
            throw S3Errors.noSuchConfiguration(notFoundCode, notFoundMessage, bucket);
        }
        return document;
    }

    /** Stores a configuration document in the bucket's record, or removes it when null. */
    public void putSetting(RequestContext context, String bucket, String element, Map<String, Object> document) {
        update(context, bucket, b -> b.withSetting(element, document));
    }

    /** The version id a new object gets: a fresh one with versioning enabled, else "null". */
    public String newVersionId(BucketRecord bucket, long sequence) {
        return bucket.versioningEnabled() ? S3Store.newVersionId(sequence) : ObjectVersion.NULL_VERSION;
    }

    /** S3 names versions in responses once a bucket's versioning has ever been configured. */
    public static String visibleVersionId(BucketRecord bucket, String versionId) {
        return bucket.versioning() == null ? null : versionId;
    }
}
