package dev.cloudjar.s3.listing;

import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.storage.Entry;
import dev.cloudjar.s3.S3Errors;
import dev.cloudjar.s3.bucket.BucketOperations;
import dev.cloudjar.s3.bucket.Buckets;
import dev.cloudjar.s3.checksum.ChecksumAlgorithm;
import dev.cloudjar.s3.store.BucketRecord;
import dev.cloudjar.s3.store.Keys;
import dev.cloudjar.s3.store.ObjectVersion;
import dev.cloudjar.s3.store.S3Store;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** ListObjectsV2, ListObjects (v1) and ListObjectVersions, in S3's key order (UTF-8 bytes). */
public final class ListingOperations {
    private static final int MAX_KEYS = 1000;

    private final S3Store store;
    private final Buckets buckets;

    public ListingOperations(S3Store store, Buckets buckets) {
        this.store = store;
        this.buckets = buckets;
    }

    public Output listObjectsV2(RequestContext context, Input input) {
        BucketRecord bucket = buckets.require(context, input.string("Bucket"));
        UnaryOperator<String> encode = encoding(input);
        int max = maxKeys(input);
        byte[] base = Keys.bucketBase(bucket.name());
        String token = input.string("ContinuationToken");
        String startAfter = input.string("StartAfter");
        byte[] from = base;
        if (token != null) {
            from = Keys.concat(base, decodeToken(token));
        } else if (startAfter != null) {
            from = Keys.after(Keys.concat(base, Keys.utf8(startAfter)));
        }
        KeyLister.Page page = KeyLister.list(store.objects(context.accountId()), base, input.string("Prefix"),
                input.string("Delimiter"), from, max, e -> Keys.keyOfObject(e.key(), base.length));
        boolean owner = Boolean.TRUE.equals(input.bool("FetchOwner"));
        Output out = common(page, bucket, input, max, encode, owner, context);
        return out.put("KeyCount", page.entries().size() + page.prefixes().size())
                .put("ContinuationToken", token)
                .put("NextContinuationToken", page.truncated()
                        ? encodeToken(Arrays.copyOfRange(page.next(), base.length, page.next().length)) : null)
                .put("StartAfter", startAfter == null ? null : encode.apply(startAfter));
    }

    public Output listObjects(RequestContext context, Input input) {
        BucketRecord bucket = buckets.require(context, input.string("Bucket"));
        UnaryOperator<String> encode = encoding(input);
        int max = maxKeys(input);
        byte[] base = Keys.bucketBase(bucket.name());
        String marker = input.string("Marker");
        byte[] from = marker == null || marker.isEmpty() ? base : KeyLister.resumeAfter(base, input.string("Prefix"),
                input.string("Delimiter"), marker, Keys.after(Keys.concat(base, Keys.utf8(marker))));
        KeyLister.Page page = KeyLister.list(store.objects(context.accountId()), base, input.string("Prefix"),
                input.string("Delimiter"), from, max, e -> Keys.keyOfObject(e.key(), base.length));
        Output out = common(page, bucket, input, max, encode, true, context);
        boolean delimited = input.string("Delimiter") != null;
        return out.put("Marker", marker == null ? "" : encode.apply(marker))
                .put("NextMarker", page.truncated() && delimited ? encode.apply(page.last()) : null);
    }

    private Output common(KeyLister.Page page, BucketRecord bucket, Input input, int max, UnaryOperator<String> encode,
                          boolean owner, RequestContext context) {
        List<Object> contents = new ArrayList<>();
        for (Entry e : page.entries()) {
            ObjectVersion object = store.read(e.value(), ObjectVersion.class);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("Key", encode.apply(object.key()));
            item.put("LastModified", Instant.ofEpochMilli(object.lastModified()));
            item.put("ETag", object.etag());
            item.put("ChecksumAlgorithm", algorithms(object));
            item.put("ChecksumType", object.checksumType());
            item.put("Size", object.size());
            item.put("StorageClass", object.storageClass());
            if (owner) {
                item.put("Owner", BucketOperations.owner(context));
            }
            contents.add(item);
        }
        String prefix = input.string("Prefix");
        String delimiter = input.string("Delimiter");
        return new Output().put("IsTruncated", page.truncated())
                .put("Contents", contents.isEmpty() ? null : contents)
                .put("Name", bucket.name())
                .put("Prefix", prefix == null ? "" : encode.apply(prefix))
                .put("Delimiter", delimiter == null ? null : encode.apply(delimiter))
                .put("MaxKeys", max)
                .put("CommonPrefixes", commonPrefixes(page, encode))
                .put("EncodingType", input.string("EncodingType"));
    }

    public Output listObjectVersions(RequestContext context, Input input) {
        BucketRecord bucket = buckets.require(context, input.string("Bucket"));
        UnaryOperator<String> encode = encoding(input);
        int max = maxKeys(input);
        String account = context.accountId();
        byte[] base = Keys.bucketBase(bucket.name());
        String keyMarker = input.string("KeyMarker");
        String versionIdMarker = input.string("VersionIdMarker");
        byte[] from = base;
        boolean midKey = false;
        if (versionIdMarker != null && (keyMarker == null || keyMarker.isEmpty())) {
            throw S3Errors.invalidArgument("A version-id marker cannot be specified without a key marker.",
                    "version-id-marker", versionIdMarker);
        }
        if (keyMarker != null && !keyMarker.isEmpty()) {
            ObjectVersion markerVersion = versionIdMarker == null ? null
                    : store.version(account, bucket.name(), keyMarker, versionIdMarker).orElseThrow(() ->
                    S3Errors.invalidArgument("Invalid version id specified", "version-id-marker", versionIdMarker));
            if (markerVersion != null) {
                from = Keys.after(Keys.version(bucket.name(), keyMarker, markerVersion.sequence()));
                midKey = true;
            } else {
                from = KeyLister.resumeAfter(base, input.string("Prefix"), input.string("Delimiter"), keyMarker,
                        Keys.successor(Keys.versionsOf(bucket.name(), keyMarker)));
            }
        }
        KeyLister.Page page = KeyLister.list(store.versions(account), base, input.string("Prefix"),
                input.string("Delimiter"), from, max, e -> Keys.keyOfVersion(e.key(), base.length));
        List<Object> versions = new ArrayList<>();
        List<Object> markers = new ArrayList<>();
        String previousKey = midKey ? keyMarker : null;
        for (Entry e : page.entries()) {
            ObjectVersion v = store.read(e.value(), ObjectVersion.class);
            boolean latest = !v.key().equals(previousKey);
            previousKey = v.key();
            Map<String, Object> item = new LinkedHashMap<>();
            if (!v.deleteMarker()) {
                item.put("ETag", v.etag());
                item.put("ChecksumAlgorithm", algorithms(v));
                item.put("ChecksumType", v.checksumType());
                item.put("Size", v.size());
                item.put("StorageClass", v.storageClass());
            }
            item.put("Key", encode.apply(v.key()));
            item.put("VersionId", v.versionId());
            item.put("IsLatest", latest);
            item.put("LastModified", Instant.ofEpochMilli(v.lastModified()));
            item.put("Owner", BucketOperations.owner(context));
            (v.deleteMarker() ? markers : versions).add(item);
        }
        String prefix = input.string("Prefix");
        String delimiter = input.string("Delimiter");
        String nextVersion = page.truncated() && page.lastEntry() != null
                ? store.read(page.lastEntry().value(), ObjectVersion.class).versionId() : null;
        return new Output().put("IsTruncated", page.truncated())
                .put("KeyMarker", keyMarker == null ? "" : encode.apply(keyMarker))
                .put("VersionIdMarker", versionIdMarker == null ? "" : versionIdMarker)
                .put("NextKeyMarker", page.truncated() ? encode.apply(page.last()) : null)
                .put("NextVersionIdMarker", nextVersion)
                .put("Versions", versions.isEmpty() ? null : versions)
                .put("DeleteMarkers", markers.isEmpty() ? null : markers)
                .put("Name", bucket.name())
                .put("Prefix", prefix == null ? "" : encode.apply(prefix))
                .put("Delimiter", delimiter == null ? null : encode.apply(delimiter))
                .put("MaxKeys", max)
                .put("CommonPrefixes", commonPrefixes(page, encode))
                .put("EncodingType", input.string("EncodingType"));
    }

    private static List<Object> commonPrefixes(KeyLister.Page page, UnaryOperator<String> encode) {
        if (page.prefixes().isEmpty()) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        page.prefixes().forEach(p -> out.add(Map.of("Prefix", encode.apply(p))));
        return out;
    }

    private static List<Object> algorithms(ObjectVersion object) {
        List<Object> out = new ArrayList<>();
        for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
            if (object.checksums() != null && object.checksums().containsKey(a.member())) {
                out.add(a.name());
            }
        }
        return out.isEmpty() ? null : out;
    }

    private static int maxKeys(Input input) {
        Integer max = input.integer("MaxKeys");
        if (max == null) {
            return MAX_KEYS;
        }
        if (max < 0) {
            throw S3Errors.invalidArgument("Argument maxKeys must be an integer between 0 and 2147483647", "maxKeys",
                    String.valueOf(max));
        }
        return Math.min(max, MAX_KEYS);
    }

    /** encoding-type=url percent-encodes keys and prefixes, so keys with characters XML cannot carry survive. */
    public static UnaryOperator<String> encoding(Input input) {
        String type = input.string("EncodingType");
        if (type == null) {
            return s -> s;
        }
        if (!type.equals("url")) {
            throw S3Errors.invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", type);
        }
        return s -> URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private static String encodeToken(byte[] next) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(next);
    }

    private static byte[] decodeToken(String token) {
        try {
            return Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw S3Errors.invalidArgument("The continuation token provided is incorrect", "continuation-token");
        }
    }
}
