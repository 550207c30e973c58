package dev.cloudjar.s3.object;

import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.s3.S3Errors;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.s3.access.Acls;
import dev.cloudjar.s3.bucket.BucketOperations;
import dev.cloudjar.s3.bucket.ProtectionOperations;
import dev.cloudjar.s3.store.BucketRecord;
import dev.cloudjar.s3.store.Encryption;
import dev.cloudjar.s3.store.ObjectVersion;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an object carries besides its bytes, read from PutObject-like inputs and written to
 * GetObject/HeadObject outputs: the content headers, user metadata, storage class and tags.
 */
public final class ObjectAttributes {
    /** Stored as sent and returned under the same member name. */
    public static final List<String> CONTENT_HEADERS = List.of("ContentType", "ContentEncoding", "ContentDisposition",
            "ContentLanguage", "CacheControl", "WebsiteRedirectLocation");
    private static final int MAX_KEY_BYTES = 1024;
    private static final int MAX_OBJECT_TAGS = 10;
    private static final int MAX_METADATA_BYTES = 2048;
    /** What tag keys and values may hold: letters, numbers, spaces and _ . : / = + - @. */
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    private static final Set<String> STORAGE_CLASSES = Set.of("STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA",
            "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "GLACIER_IR");

    private ObjectAttributes() {
    }

    public static void checkKey(String key) {
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw S3Errors.keyTooLong(bytes);
        }
    }

    public static Map<String, String> contentHeaders(Input input) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String member : CONTENT_HEADERS) {
            String value = input.string(member);
            if (value != null) {
                headers.put(member, value);
            }
        }
        String encoding = headers.get("ContentEncoding");
        if (encoding != null) {
            // aws-chunked describes how this request was sent, not the object: S3 does not keep it.
            String kept = String.join(",", java.util.Arrays.stream(encoding.split(","))
                    .map(String::trim).filter(e -> !e.equalsIgnoreCase("aws-chunked") && !e.isEmpty()).toList());
            if (kept.isEmpty()) {
                headers.remove("ContentEncoding");
            } else {
                headers.put("ContentEncoding", kept);
            }
        }
        headers.putIfAbsent("ContentType", "binary/octet-stream");
        return headers;
    }

    public static Long expires(Input input) {
        Instant expires = input.timestamp("Expires");
        return expires == null ? null : expires.toEpochMilli();
    }

    /**
     * User metadata; S3 keeps the names lower-cased and limits names (without x-amz-meta-) and
     * values to 2 KB together, in UTF-8.
     */
    public static Map<String, String> metadata(Input input) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, Object> metadata = input.map("Metadata");
        int size = 0;
        if (metadata != null) {
            for (Map.Entry<String, Object> m : metadata.entrySet()) {
                String value = String.valueOf(m.getValue());
                out.put(m.getKey().toLowerCase(Locale.ROOT), value);
                size += m.getKey().getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        if (size > MAX_METADATA_BYTES) {
            throw S3Errors.metadataTooLarge(size);
        }
        return out;
    }

    /** The storage class asked for, STANDARD when none; those of outposts and directory buckets are not a bucket's. */
    public static String storageClass(Input input) {
        String storageClass = input.string("StorageClass");
        if (storageClass == null) {
            return "STANDARD";
        }
        if (!STORAGE_CLASSES.contains(storageClass)) {
            throw S3Errors.invalidStorageClass(storageClass);
        }
        return storageClass;
    }

    /**
     * The x-amz-tagging header, a URL-encoded query string of tags. A repeated name or a character
     * tags cannot hold makes the whole header an invalid argument rather than an invalid tag.
     */
    public static Map<String, String> tagsHeader(String header) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (header == null || header.isEmpty()) {
            return tags;
        }
        for (String pair : header.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = Request.decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : Request.decode(pair.substring(eq + 1));
            if (tags.put(key, value) != null || !TAG_TEXT.matcher(key).matches() || !TAG_TEXT.matcher(value).matches()) {
                throw S3Errors.invalidArgument("The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL"
                        + " query parameters without tag name duplicates.", "x-amz-tagging", header);
            }
        }
        checkTags(tags, MAX_OBJECT_TAGS, false);
        return tags;
    }

    /**
     * A TagSet as the codec parsed it ([{Key, Value}, ...]).
     *
     * @param bucketTags whether these are a bucket's tags, whose aws: keys S3 calls system tags
     */
    public static Map<String, String> tagSet(List<Object> tagSet, int max, boolean bucketTags) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (tagSet != null) {
            for (Object item : tagSet) {
                Map<?, ?> tag = (Map<?, ?>) item;
                if (tag.get("Key") == null || tag.get("Value") == null) {
                    throw S3Errors.malformedXml();
                }
                String key = String.valueOf(tag.get("Key"));
                if (tags.put(key, String.valueOf(tag.get("Value"))) != null) {
                    throw S3Errors.invalidTag("Cannot provide multiple Tags with the same key").with("TagKey", key);
                }
            }
        }
        checkTags(tags, max, bucketTags);
        return tags;
    }

    public static List<Object> toTagSet(Map<String, String> tags) {
        return tags.entrySet().stream().<Object>map(e -> Map.of("Key", e.getKey(), "Value", e.getValue())).toList();
    }

    public static int maxObjectTags() {
        return MAX_OBJECT_TAGS;
    }

    private static void checkTags(Map<String, String> tags, int max, boolean bucketTags) {
        if (tags.size() > max) {
            throw S3Errors.invalidTag("Object tags cannot be greater than " + max);
        }
        tags.forEach((k, v) -> {
            if (k.isEmpty() || k.length() > 128 || !TAG_TEXT.matcher(k).matches()) {
                throw S3Errors.invalidTag("The TagKey you have provided is invalid").with("TagKey", k);
            }
            if (v.length() > 256 || !TAG_TEXT.matcher(v).matches()) {
                throw S3Errors.invalidTag("The TagValue you have provided is invalid").with("TagKey", k).with("TagValue", v);
            }
            if (k.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw S3Errors.invalidTag(bucketTags ? "System tags cannot be added/updated by requester"
                        : "Your TagKey cannot be prefixed with aws:").with("TagKey", k);
            }
        });
    }

    /**
     * The encryption a write asks for with x-amz-server-side-encryption, else the bucket's default.
     */
    public static Encryption encryption(Input input, BucketRecord bucket) {
        String algorithm = input.string("ServerSideEncryption");
        String keyId = input.string("SSEKMSKeyId");
        if (algorithm == null) {
            if (keyId != null) {
                throw S3Errors.invalidArgument("Server Side Encryption with AWS KMS managed key requires HTTP header"
                        + " x-amz-server-side-encryption : aws:kms", "x-amz-server-side-encryption-aws-kms-key-id", keyId);
            }
            return ProtectionOperations.defaultEncryption(bucket);
        }
        if (!ProtectionOperations.SSE_ALGORITHMS.contains(algorithm)) {
            throw S3Errors.invalidArgument("The encryption method specified is not supported",
                    "x-amz-server-side-encryption", algorithm);
        }
        boolean kms = algorithm.startsWith("aws:kms");
        return new Encryption(algorithm, kms ? keyId : null, kms && Boolean.TRUE.equals(input.bool("BucketKeyEnabled")));
    }

    /** The x-amz-server-side-encryption headers every write and read of an object answers with. */
    public static Output describeEncryption(Output out, Encryption encryption) {
        return out.put("ServerSideEncryption", encryption.algorithm())
                .put("SSEKMSKeyId", encryption.kmsKeyId())
                .put("BucketKeyEnabled", encryption.bucketKeyEnabled() ? Boolean.TRUE : null);
    }

    /**
     * The grants an object is written with (x-amz-acl or x-amz-grant-*), null for the default;
     * refused where the bucket has ACLs disabled.
     */
    public static List<Object> grants(RequestContext context, Input input, BucketRecord bucket) {
        String owner = BucketOperations.canonicalUserId(context.accountId());
        List<Object> grants = Acls.requested(input, owner, false);
        Acls.checkAllowed(bucket, grants, owner);
        return grants == null || Acls.isOwnerOnly(grants, owner) ? null : grants;
    }

    /**
     * The headers GetObject and HeadObject answer with. x-amz-mp-parts-count only for a request
     * naming a partNumber, as the GetObject and HeadObject references say ("This value is only
     * returned if you specify partNumber in your request and the object was uploaded as a multipart
     * upload").
     */
    public static Output describe(ObjectVersion object, String visibleVersionId, boolean checksumMode,
                                  boolean partRequested) {
        Output out = new Output()
                .put("AcceptRanges", "bytes")
                .put("LastModified", Instant.ofEpochMilli(object.lastModified()))
                .put("ContentLength", object.size())
                .put("ETag", object.etag())
                .put("VersionId", visibleVersionId)
                .put("Expires", object.expires() == null ? null : Instant.ofEpochMilli(object.expires()))
                .put("StorageClass", "STANDARD".equals(object.storageClass()) ? null : object.storageClass())
                .put("PartsCount", partRequested && object.partsCount() > 0 ? object.partsCount() : null)
                .put("TagCount", object.tags() == null || object.tags().isEmpty() ? null : object.tags().size());
        object.contentHeaders().forEach(out::put);
        describeEncryption(out, object.encryptionOrDefault());
        if (!object.metadata().isEmpty()) {
            out.put("Metadata", new LinkedHashMap<String, Object>(object.metadata()));
        }
        if (checksumMode) {
            object.checksums().forEach(out::put);
            out.put("ChecksumType", object.checksums().isEmpty() ? null : object.checksumType());
        }
        return out;
    }
}
