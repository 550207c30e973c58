package dev.cloudjar.s3.object;

import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.s3.S3Errors;
import dev.cloudjar.s3.bucket.Buckets;
import dev.cloudjar.s3.store.BucketRecord;
import dev.cloudjar.s3.store.ObjectVersion;
import dev.cloudjar.s3.store.S3Store;

import java.time.Instant;
import java.util.List;

/** Finds the object version a read names (the current one, or one by versionId) with S3's errors for absent ones. */
public final class ObjectReader {
    private final S3Store store;
    private final Buckets buckets;

    public ObjectReader(S3Store store, Buckets buckets) {
        this.store = store;
        this.buckets = buckets;
    }

    /** A copy's source: bucket, key and optional version id from x-amz-copy-source. */
    public record CopySource(String bucket, String key, String versionId) {
        public static CopySource parse(String header) {
            String value = header.startsWith("/") ? header.substring(1) : header;
            String versionId = null;
            int q = value.indexOf('?');
            if (q >= 0) {
                List<String> ids = Request.parseQuery(value.substring(q + 1)).get("versionId");
                versionId = ids == null || ids.isEmpty() ? null : ids.get(0);
                value = value.substring(0, q);
            }
            String decoded = Request.decode(value.replace("+", "%2B"));
            int slash = decoded.indexOf('/');
            if (slash <= 0 || slash == decoded.length() - 1) {
                throw S3Errors.invalidArgument("Invalid copy source object key", "x-amz-copy-source", header);
            }
            return new CopySource(decoded.substring(0, slash), decoded.substring(slash + 1), versionId);
        }
    }

    /** A resolved object and the bucket it is in. */
    public record Found(BucketRecord bucket, ObjectVersion object) {
    }

    public Found find(RequestContext context, String bucketName, String key, String versionId) {
        BucketRecord bucket = buckets.require(context, bucketName);
        String account = context.accountId();
        if (versionId != null) {
            ObjectVersion version = store.version(account, bucketName, key, versionId)
                    .orElseThrow(() -> S3Errors.noSuchVersion(key, versionId));
            if (version.deleteMarker()) {
                throw S3Errors.methodNotAllowed().withHeader("x-amz-delete-marker", "true")
                        .withHeader("x-amz-version-id", versionId);
            }
            return new Found(bucket, version);
        }
        ObjectVersion current = store.current(account, bucketName, key).orElse(null);
        if (current == null) {
            List<ObjectVersion> versions = store.versionsOf(account, bucketName, key);
            var missing = S3Errors.noSuchKey(key);
            if (!versions.isEmpty() && versions.get(0).deleteMarker()) {
                missing.withHeader("x-amz-delete-marker", "true").withHeader("x-amz-version-id", versions.get(0).versionId());
            }
            throw missing;
        }
        return new Found(bucket, current);
    }

    public Found findCopySource(RequestContext context, Input input) {
        CopySource source = CopySource.parse(input.string("CopySource"));
        Found found = find(context, source.bucket(), source.key(), source.versionId());
        Preconditions.checkCopySource(new Preconditions.Conditions(input.string("CopySourceIfMatch"),
                input.timestamp("CopySourceIfUnmodifiedSince"), input.string("CopySourceIfNoneMatch"),
                input.timestamp("CopySourceIfModifiedSince")), found.object());
        return found;
    }

    public static Instant lastModified(ObjectVersion object) {
        return Instant.ofEpochMilli(object.lastModified());
    }
}
