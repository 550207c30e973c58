package dev.cloudjar.s3.object;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.protocol.TimestampFormat;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.s3.S3Errors;
import dev.cloudjar.s3.bucket.Buckets;
import dev.cloudjar.s3.store.BucketRecord;
import dev.cloudjar.s3.store.ObjectVersion;
import dev.cloudjar.s3.store.S3Store;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Finds the object version a read names (the current one, or one by versionId) with S3's errors for absent ones. */
public final class ObjectReader {
    /** Reads whose answer to a latest delete marker is NoSuchKey rather than MethodNotAllowed. */
    private static final Set<String> READS = Set.of("GetObject", "HeadObject", "GetObjectAttributes");

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
                // S3 answers with the header's name as the argument's value.
                throw S3Errors.invalidArgument("Invalid copy source object key", "x-amz-copy-source", "x-amz-copy-source");
            }
            return new CopySource(decoded.substring(0, slash), decoded.substring(slash + 1), versionId);
        }
    }

    /** A resolved object and the bucket it is in. */
    public record Found(BucketRecord bucket, ObjectVersion object) {
    }

    /**
     * The object a request names. A delete marker is no object: reading the latest one is
     * NoSuchKey (with x-amz-delete-marker), anything else on it is MethodNotAllowed. Without
     * versioning the only version id is "null".
     */
    public Found find(RequestContext context, String bucketName, String key, String versionId) {
        BucketRecord bucket = buckets.require(context, bucketName);
        String account = context.accountId();
        if (versionId != null) {
            if (bucket.versioning() == null && !versionId.equals(ObjectVersion.NULL_VERSION)) {
                throw S3Errors.invalidVersionId(versionId);
            }
            ObjectVersion version = store.version(account, bucketName, key, versionId)
                    .orElseThrow(() -> S3Errors.noSuchVersion(key, versionId));
            if (version.deleteMarker()) {
                throw onDeleteMarker(context, version);
            }
            return new Found(bucket, version);
        }
        ObjectVersion current = store.current(account, bucketName, key).orElse(null);
        if (current == null) {
            List<ObjectVersion> versions = store.versionsOf(account, bucketName, key);
            if (versions.isEmpty() || !versions.get(0).deleteMarker()) {
                throw S3Errors.noSuchKey(key);
            }
            ObjectVersion marker = versions.get(0);
            if (!READS.contains(context.operation())) {
                throw onDeleteMarker(context, marker);
            }
            throw S3Errors.noSuchKey(key).withHeader("x-amz-delete-marker", "true")
                    .withHeader("x-amz-version-id", marker.versionId());
        }
        return new Found(bucket, current);
    }

    private static AwsException onDeleteMarker(RequestContext context, ObjectVersion marker) {
        return S3Errors.methodNotAllowed(method(context.operation()), "DeleteMarker")
                .withHeader("x-amz-delete-marker", "true")
                .withHeader("x-amz-version-id", marker.versionId())
                .withHeader("Last-Modified", TimestampFormat.HTTP_DATE.format(lastModified(marker)))
                .withHeader("Allow", "DELETE");
    }

    /** The HTTP method of an object operation, which MethodNotAllowed names. */
    private static String method(String operation) {
        if (operation.startsWith("Head")) {
            return "HEAD";
        }
        if (operation.startsWith("Get") || operation.startsWith("List")) {
            return "GET";
        }
        return operation.startsWith("Delete") ? "DELETE" : "PUT";
    }

    public Found findCopySource(RequestContext context, Input input) {
        CopySource source = CopySource.parse(input.string("CopySource"));
        Found found;
        try {
            found = find(context, source.bucket(), source.key(), source.versionId());
        } catch (AwsException e) {
            // A copy reads its source: a latest delete marker is just a missing key, one named by version an error.
            if (e.code().equals("MethodNotAllowed") && source.versionId() != null) {
                throw S3Errors.invalidRequest("The source of a copy request may not specifically refer to a delete"
                        + " marker by version id.");
            }
            if (e.code().equals("MethodNotAllowed") || e.code().equals("NoSuchKey")) {
                throw S3Errors.noSuchKey(source.key());
            }
            throw e;
        }
        Preconditions.checkCopySource(new Preconditions.Conditions(input.string("CopySourceIfMatch"),
                input.timestamp("CopySourceIfUnmodifiedSince"), input.string("CopySourceIfNoneMatch"),
                input.timestamp("CopySourceIfModifiedSince")), found.object());
        return found;
    }

    public static Instant lastModified(ObjectVersion object) {
        return Instant.ofEpochMilli(object.lastModified());
    }
}
