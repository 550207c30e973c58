package dev.cloudjar.s3.object;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.s3.S3Errors;
import dev.cloudjar.s3.bucket.Buckets;
import dev.cloudjar.s3.checksum.ChecksumAlgorithm;
import dev.cloudjar.s3.notification.Notifications;
import dev.cloudjar.s3.store.BucketRecord;
import dev.cloudjar.s3.store.Encryption;
import dev.cloudjar.s3.store.ObjectVersion;
import dev.cloudjar.s3.store.S3Store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** PutObject, GetObject, HeadObject, GetObjectAttributes, DeleteObject, DeleteObjects and CopyObject. */
public final class ObjectOperations {
    /** S3's limit for one PUT; larger objects must be uploaded in parts. */
    static final long MAX_SINGLE_PUT = 5L * 1024 * 1024 * 1024;
    private static final int MAX_DELETE_OBJECTS = 1000;
    private static final int MAX_ATTRIBUTE_PARTS = 1000;
    private static final Set<String> OBJECT_ATTRIBUTES = Set.of("ETag", "Checksum", "ObjectParts", "StorageClass",
            "ObjectSize");

    private final S3Store store;
    private final Buckets buckets;
    private final ObjectReader reader;
    private final BodyWriter writer;
    private final ObjectContent content;
    private final Notifications notifications;

    public ObjectOperations(S3Store store, Buckets buckets, ObjectReader reader, Notifications notifications) {
        this.store = store;
        this.buckets = buckets;
        this.reader = reader;
        this.writer = new BodyWriter(store.blobs());
        this.content = new ObjectContent(store.blobs());
        this.notifications = notifications;
    }

    public Output putObject(RequestContext context, Input input) {
        String bucketName = input.string("Bucket");
        String key = input.string("Key");
        ObjectAttributes.checkKey(key);
        BucketRecord bucket = buckets.require(context, bucketName);
        RequestBody body = input.stream("Body");
        long declared = body == null ? 0 : body.contentLength();
        if (declared > MAX_SINGLE_PUT) {
            throw S3Errors.entityTooLarge(declared, MAX_SINGLE_PUT);
        }
        Map<String, String> tags = ObjectAttributes.tagsHeader(input.string("Tagging"));
        Map<String, String> metadata = ObjectAttributes.metadata(input);
        String storageClass = ObjectAttributes.storageClass(input);
        Encryption encryption = ObjectAttributes.encryption(input, bucket);
        List<Object> grants = ObjectAttributes.grants(context, input, bucket);
        // Checked before the body is read, so a doomed upload is refused early, and again at commit.
        checkWriteConditions(context, bucketName, key, input);
        BodyWriter.StoredBody stored = writer.write(input, body, Set.of());
        ObjectVersion version = commit(context, bucketName, key, input, () -> new ObjectVersion(key, null, 0, false,
                S3Store.now(), stored.blobId(), stored.size(), stored.etag(),
                ObjectAttributes.contentHeaders(input), ObjectAttributes.expires(input),
                metadata, storageClass, stored.checksums(),
                "FULL_OBJECT", 0, tags, null, encryption, grants, null));
        notifications.publish(context, bucket, "ObjectCreated:Put", version);
        Output out = ObjectAttributes.describeEncryption(new Output(), encryption).put("ETag", version.etag())
                .put("VersionId", Buckets.visibleVersionId(bucket, version.versionId()))
                .put("ChecksumType", version.checksumType());
        version.checksums().forEach(out::put);
        return out;
    }

    /**
     * Checks If-None-Match / If-Match against the key's current object and stores the new version
     * under the key's lock; the new blob is deleted if a condition no longer holds.
     */
    ObjectVersion commit(RequestContext context, String bucketName, String key, Input conditions,
                         java.util.function.Supplier<ObjectVersion> content) {
        String account = context.accountId();
        return store.locked(account, bucketName, key, () -> {
            ObjectVersion draft = content.get();
            try {
                checkWriteConditions(context, bucketName, key, conditions);
            } catch (AwsException e) {
                draft.blobIds().forEach(store.blobs()::delete);
                throw e;
            }
            BucketRecord bucket = buckets.require(context, bucketName);
            long sequence = store.nextSequence();
            ObjectVersion version = draft.withIdentity(key, buckets.newVersionId(bucket, sequence), sequence);
            store.putVersion(account, bucketName, version);
            return version;
        });
    }

    /** Conditional writes: If-None-Match: * refuses to overwrite; If-Match requires the current ETag. */
    public void checkWriteConditions(RequestContext context, String bucket, String key, Input input) {
        String ifNoneMatch = input.string("IfNoneMatch");
        String ifMatch = input.string("IfMatch");
        if (ifNoneMatch == null && ifMatch == null) {
            return;
        }
        ObjectVersion current = store.current(context.accountId(), bucket, key).orElse(null);
        if (ifNoneMatch != null) {
            if (!ifNoneMatch.trim().equals("*")) {
                throw new AwsException("NotImplemented", 501,
                        "A header you provided implies functionality that is not implemented").with("Header", "If-None-Match")
                        .with("additionalMessage", "We don't accept the provided value of If-None-Match header for this API");
            }
            if (current != null) {
                throw S3Errors.preconditionFailed("If-None-Match");
            }
        }
        if (ifMatch != null) {
            if (current == null) {
                throw S3Errors.noSuchKey(key);
            }
            if (!Preconditions.matches(ifMatch, current.etag())) {
                throw S3Errors.preconditionFailed("If-Match");
            }
        }
    }

    public Output getObject(RequestContext context, Input input) {
        ObjectReader.Found found = read(context, input);
        ObjectVersion object = found.object();
        ByteRange range = range(input, object);
        Output out = describe(found, input, range == null);
        long offset = 0;
        long length = object.size();
        if (range != null) {
            offset = range.first();
            length = range.length();
            out.put("StatusCode", 206).put("ContentRange", range.contentRange(object.size())).put("ContentLength", length);
        }
        return out.put("Body", content.body(object, offset, length));
    }

    public Output headObject(RequestContext context, Input input) {
        ObjectReader.Found found = read(context, input);
        ByteRange range = range(input, found.object());
        Output out = describe(found, input, range == null);
        if (range != null) {
            out.put("StatusCode", 206).put("ContentRange", range.contentRange(found.object().size()))
                    .put("ContentLength", range.length());
        }
        return out;
    }

    /**
     * The attributes x-amz-object-attributes names. Unlike GetObject's header, the ETag here is
     * unquoted, and the storage class is named even when it is STANDARD.
     */
    public Output getObjectAttributes(RequestContext context, Input input) {
        List<Object> names = input.list("ObjectAttributes");
        Set<String> wanted = new HashSet<>();
        for (Object name : names == null ? List.of() : names) {
            if (!OBJECT_ATTRIBUTES.contains(String.valueOf(name))) {
                throw S3Errors.invalidArgument("Invalid attribute name specified.", "x-amz-object-attributes",
                        String.valueOf(name));
            }
            wanted.add(String.valueOf(name));
        }
        ObjectReader.Found found = reader.find(context, input.string("Bucket"), input.string("Key"),
                input.string("VersionId"));
        ObjectVersion object = found.object();
        Output out = new Output().put("LastModified", ObjectReader.lastModified(object))
                .put("VersionId", Buckets.visibleVersionId(found.bucket(), object.versionId()));
        if (wanted.contains("ETag")) {
            out.put("ETag", object.etag().replace("\"", ""));
        }
        if (wanted.contains("Checksum") && !object.checksums().isEmpty()) {
            Map<String, Object> checksum = new LinkedHashMap<>(object.checksums());
            checksum.put("ChecksumType", object.checksumType());
            out.put("Checksum", checksum);
        }
        if (wanted.contains("ObjectParts") && object.partSizes() != null) {
            out.put("ObjectParts", objectParts(object.partSizes(), input));
        }
        if (wanted.contains("StorageClass")) {
            out.put("StorageClass", object.storageClass());
        }
        if (wanted.contains("ObjectSize")) {
            out.put("ObjectSize", object.size());
        }
        return out;
    }

    /** A page of a multipart object's parts, after x-amz-part-number-marker and up to x-amz-max-parts. */
    private static Map<String, Object> objectParts(List<Long> sizes, Input input) {
        int marker = input.integer("PartNumberMarker") == null ? 0 : input.integer("PartNumberMarker");
        int max = input.integer("MaxParts") == null ? MAX_ATTRIBUTE_PARTS
                : Math.min(input.integer("MaxParts"), MAX_ATTRIBUTE_PARTS);
        List<Object> parts = new ArrayList<>();
        int last = marker;
        for (int number = marker + 1; number <= sizes.size() && parts.size() < max; number++) {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("PartNumber", number);
            part.put("Size", sizes.get(number - 1));
            parts.add(part);
            last = number;
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("TotalPartsCount", sizes.size());
        page.put("PartNumberMarker", marker);
        page.put("NextPartNumberMarker", last);
        page.put("MaxParts", max);
        page.put("IsTruncated", last < sizes.size());
        page.put("Parts", parts);
        return page;
    }

    /** The bytes a read asks for: a Range header, or one part of a multipart object (partNumber), or all. */
    private static ByteRange range(Input input, ObjectVersion object) {
        Integer partNumber = input.integer("PartNumber");
        if (partNumber == null) {
            return ByteRange.parse(input.string("Range"), object.size());
        }
        if (input.string("Range") != null) {
            throw S3Errors.invalidRequest("Cannot specify both Range header and partNumber query parameter");
        }
        List<Long> sizes = object.partSizes() == null ? List.of(object.size()) : object.partSizes();
        if (partNumber < 1 || partNumber > sizes.size()) {
            throw new AwsException("InvalidPartNumber", 416, "The requested partnumber is not satisfiable")
                    .with("PartNumberRequested", partNumber).with("ActualPartCount", sizes.size());
        }
        if (object.partSizes() == null) {
            // Part 1 of a single-part object is the whole object, still answered as a 206 with its range.
            return object.size() == 0 ? null : new ByteRange(0, object.size() - 1);
        }
        long first = 0;
        for (int i = 0; i < partNumber - 1; i++) {
            first += sizes.get(i);
        }
        return new ByteRange(first, first + sizes.get(partNumber - 1) - 1);
    }

    private ObjectReader.Found read(RequestContext context, Input input) {
        checkResponseOverrides(input);
        ObjectReader.Found found = reader.find(context, input.string("Bucket"), input.string("Key"), input.string("VersionId"));
        Preconditions.checkRead(new Preconditions.Conditions(input.string("IfMatch"), input.timestamp("IfUnmodifiedSince"),
                input.string("IfNoneMatch"), input.timestamp("IfModifiedSince")), found.object());
        return found;
    }

    /** The response-* query parameters, by their Input members: each becomes a response header. */
    private static final Map<String, String> RESPONSE_OVERRIDES = Map.of(
            "ResponseContentType", "response-content-type", "ResponseContentLanguage", "response-content-language",
            "ResponseCacheControl", "response-cache-control", "ResponseContentDisposition", "response-content-disposition",
            "ResponseContentEncoding", "response-content-encoding");

    /**
     * A header carries ISO-8859-1 without control characters: S3 refuses any other override rather
     * than answer with it (a filename in Unicode in response-content-disposition is the usual case).
     */
    private static void checkResponseOverrides(Input input) {
        RESPONSE_OVERRIDES.forEach((member, parameter) -> {
            String value = input.string(member);
            if (value != null && value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7F || c > 0xFF)) {
                throw S3Errors.invalidArgument("Header value cannot be represented using ISO-8859-1.", parameter, value);
            }
        });
    }

    /** An override as a header value: HTTP has no whitespace at either end of one, so none is sent. */
    private static String override(Input input, String member) {
        String value = input.string(member);
        return value == null ? null : value.strip();
    }

    /** The object's headers with the request's response-* overrides applied. */
    private static Output describe(ObjectReader.Found found, Input input, boolean wholeObject) {
        boolean checksums = wholeObject && "ENABLED".equalsIgnoreCase(input.string("ChecksumMode"));
        Output out = ObjectAttributes.describe(found.object(),
                Buckets.visibleVersionId(found.bucket(), found.object().versionId()), checksums,
                input.integer("PartNumber") != null);
        out.put("ContentType", override(input, "ResponseContentType"))
                .put("ContentLanguage", override(input, "ResponseContentLanguage"))
                .put("CacheControl", override(input, "ResponseCacheControl"))
                .put("ContentDisposition", override(input, "ResponseContentDisposition"))
                .put("ContentEncoding", override(input, "ResponseContentEncoding"))
                .put("Expires", input.timestamp("ResponseExpires"));
        return out;
    }

    public Output deleteObject(RequestContext context, Input input) {
        BucketRecord bucket = buckets.require(context, input.string("Bucket"));
        String ifMatch = input.string("IfMatch");
        if (ifMatch != null) {
            ObjectVersion current = store.current(context.accountId(), bucket.name(), input.string("Key"))
                    .orElseThrow(() -> S3Errors.noSuchKey(input.string("Key")));
            if (!Preconditions.matches(ifMatch, current.etag())) {
                throw S3Errors.preconditionFailed("If-Match");
            }
        }
        Deleted deleted = delete(context, bucket, input.string("Key"), input.string("VersionId"));
        return new Output().put("DeleteMarker", deleted.deleteMarker() ? Boolean.TRUE : null)
                .put("VersionId", deleted.versionId());
    }

    /** What a delete did: removed a version (versionId), or created a delete marker. */
    private record Deleted(String key, String versionId, boolean deleteMarker, boolean markerCreated) {
    }

    private Deleted delete(RequestContext context, BucketRecord bucket, String key, String versionId) {
        String account = context.accountId();
        Deleted deleted = store.locked(account, bucket.name(), key, () -> {
            if (versionId != null) {
                if (bucket.versioning() == null && !versionId.equals(ObjectVersion.NULL_VERSION)) {
                    throw S3Errors.invalidVersionId(versionId);
                }
                ObjectVersion version = store.version(account, bucket.name(), key, versionId).orElse(null);
                if (version == null) {
                    // Deleting a version of a key that does not exist is a no-op; of a key that does, an error.
                    if (!store.versionsOf(account, bucket.name(), key).isEmpty()) {
                        throw S3Errors.invalidVersionId(versionId);
                    }
                    return new Deleted(key, versionId, false, false);
                }
                store.deleteVersion(account, bucket.name(), version);
                return new Deleted(key, versionId, version.deleteMarker(), false);
            }
            if (bucket.versioning() == null) {
                store.version(account, bucket.name(), key, ObjectVersion.NULL_VERSION)
                        .ifPresent(v -> store.deleteVersion(account, bucket.name(), v));
                return new Deleted(key, null, false, false);
            }
            long sequence = store.nextSequence();
            ObjectVersion marker = ObjectVersion.deleteMarker(key, buckets.newVersionId(bucket, sequence), sequence,
                    S3Store.now());
            store.putVersion(account, bucket.name(), marker);
            return new Deleted(key, marker.versionId(), true, true);
        });
        notifications.publish(context, bucket, deleted.markerCreated() ? "ObjectRemoved:DeleteMarkerCreated"
                : "ObjectRemoved:Delete", ObjectVersion.deleteMarker(key, deleted.versionId(), 0, 0));
        return deleted;
    }

    public Output deleteObjects(RequestContext context, Input input) {
        BucketRecord bucket = buckets.require(context, input.string("Bucket"));
        Input delete = input.structure("Delete");
        List<Object> objects = delete == null ? null : delete.list("Objects");
        if (objects == null || objects.isEmpty() || objects.size() > MAX_DELETE_OBJECTS) {
            throw S3Errors.malformedXml();
        }
        // S3 checks the whole request before deleting anything: one <Object> without a <Key> fails it all.
        for (Object item : objects) {
            if (!(item instanceof Map<?, ?> entry) || !(entry.get("Key") instanceof String)) {
                throw S3Errors.malformedXml();
            }
        }
        boolean quiet = Boolean.TRUE.equals(delete.bool("Quiet"));
        List<Object> deleted = new ArrayList<>();
        List<Object> errors = new ArrayList<>();
        for (Object item : objects) {
            Input object = new Input(asMap(item));
            String key = object.string("Key");
            try {
                Deleted d = delete(context, bucket, key, object.string("VersionId"));
                if (!quiet) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("Key", key);
                    if (object.string("VersionId") != null) {
                        entry.put("VersionId", object.string("VersionId"));
                    }
                    if (d.deleteMarker()) {
                        entry.put("DeleteMarker", true);
                        entry.put("DeleteMarkerVersionId", d.versionId());
                    }
                    deleted.add(entry);
                }
            } catch (AwsException e) {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("Key", key);
                error.put("Code", e.code());
                error.put("Message", e.getMessage());
                errors.add(error);
            }
        }
        return new Output().put("Deleted", deleted.isEmpty() ? null : deleted).put("Errors", errors.isEmpty() ? null : errors);
    }

    public Output copyObject(RequestContext context, Input input) {
        String bucketName = input.string("Bucket");
        String key = input.string("Key");
        ObjectAttributes.checkKey(key);
        BucketRecord bucket = buckets.require(context, bucketName);
        ObjectReader.Found source = reader.findCopySource(context, input);
        ObjectVersion from = source.object();
        boolean replace = directive(input, "MetadataDirective");
        boolean replaceTags = directive(input, "TaggingDirective");
        boolean onto = source.bucket().name().equals(bucketName) && from.key().equals(key);
        if (onto && !replace && !input.has("StorageClass") && !input.has("WebsiteRedirectLocation")
                && !input.has("ServerSideEncryption")) {
            throw S3Errors.invalidRequest("This copy request is illegal because it is trying to copy an object to itself"
                    + " without changing the object's metadata, storage class, website redirect location or"
                    + " encryption attributes.");
        }
        Map<String, String> tags = replaceTags ? ObjectAttributes.tagsHeader(input.string("Tagging")) : from.tags();
        Map<String, String> metadata = replace ? ObjectAttributes.metadata(input) : from.metadata();
        String storageClass = input.has("StorageClass") ? ObjectAttributes.storageClass(input) : from.storageClass();
        // A copy is a new object: it takes the request's encryption and ACL, not the source's.
        Encryption encryption = ObjectAttributes.encryption(input, bucket);
        List<Object> grants = ObjectAttributes.grants(context, input, bucket);
        BodyWriter.StoredBody stored = copyBlob(from, 0, from.size(), copyAlgorithms(input, from));
        ObjectVersion version = commit(context, bucketName, key, Input.empty(), () -> new ObjectVersion(key, null, 0,
                false, S3Store.now(), stored.blobId(), stored.size(), stored.etag(),
                replace ? ObjectAttributes.contentHeaders(input) : from.contentHeaders(),
                replace ? ObjectAttributes.expires(input) : from.expires(),
                metadata, storageClass,
                stored.checksums(), "FULL_OBJECT", 0, tags, null, encryption, grants, null));
        notifications.publish(context, bucket, "ObjectCreated:Copy", version);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ETag", version.etag());
        result.put("LastModified", ObjectReader.lastModified(version));
        result.put("ChecksumType", version.checksumType());
        result.putAll(version.checksums());
        return ObjectAttributes.describeEncryption(new Output(), encryption).put("CopyObjectResult", result)
                .put("VersionId", Buckets.visibleVersionId(bucket, version.versionId()))
                .put("CopySourceVersionId", Buckets.visibleVersionId(source.bucket(), from.versionId()));
    }

    private static boolean directive(Input input, String member) {
        String value = input.string(member);
        if (value == null || value.equals("COPY")) {
            return false;
        }
        if (value.equals("REPLACE")) {
            return true;
        }
        throw S3Errors.invalidArgument("Unknown " + member + " value", member, value);
    }

    /** The algorithm the request names, else those of the source, else S3's default. */
    static Set<ChecksumAlgorithm> copyAlgorithms(Input input, ObjectVersion from) {
        Set<ChecksumAlgorithm> algorithms = EnumSet.noneOf(ChecksumAlgorithm.class);
        ChecksumAlgorithm named = ChecksumAlgorithm.of(input.string("ChecksumAlgorithm"));
        if (named != null) {
            algorithms.add(named);
            return algorithms;
        }
        for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
            if (from.checksums().containsKey(a.member())) {
                algorithms.add(a);
            }
        }
        if (algorithms.isEmpty()) {
            algorithms.add(ChecksumAlgorithm.CRC64NVME);
        }
        return algorithms;
    }

    /** Copies a byte range of an object into a new committed blob. */
    public BodyWriter.StoredBody copyBlob(ObjectVersion from, long offset, long length, Set<ChecksumAlgorithm> algorithms) {
        try (InputStream in = content.open(from, offset, length)) {
            return writer.write(in, length, algorithms);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }
}
