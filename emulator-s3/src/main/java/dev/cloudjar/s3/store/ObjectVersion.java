package dev.cloudjar.s3.store;

import java.util.List;
import java.util.Map;

/**
 * One version of an object, or a delete marker. Objects in buckets that never had versioning
 * have one version, "null", as S3 names it.
 *
 * @param sequence       orders a key's versions, newest highest
 * @param contentHeaders Content-Type, Cache-Control, ... by their model member names (ContentType, CacheControl)
 * @param expires        the Expires header as epoch milliseconds, or null
 * @param checksums      base64 values by model member name (ChecksumCRC32, ...); a multipart
 *                       object's composite value ends in "-partCount"
 * @param partsCount     0 for an object uploaded in one piece
 * @param partSizes      the sizes of a multipart object's parts, for GetObject by partNumber; null otherwise
 */
public record ObjectVersion(String key, String versionId, long sequence, boolean deleteMarker, long lastModified,
                            String blobId, long size, String etag, Map<String, String> contentHeaders, Long expires,
                            Map<String, String> metadata, String storageClass, Map<String, String> checksums,
                            String checksumType, int partsCount, Map<String, String> tags,
                            List<Long> partSizes) {

    public static final String NULL_VERSION = "null";

    public static ObjectVersion deleteMarker(String key, String versionId, long sequence, long lastModified) {
        return new ObjectVersion(key, versionId, sequence, true, lastModified, null, 0, null, Map.of(), null,
                Map.of(), null, Map.of(), null, 0, Map.of(), null);
    }

    public ObjectVersion withTags(Map<String, String> value) {
        return new ObjectVersion(key, versionId, sequence, deleteMarker, lastModified, blobId, size, etag,
                contentHeaders, expires, metadata, storageClass, checksums, checksumType, partsCount, value, partSizes);
    }

    public ObjectVersion withIdentity(String newKey, String newVersionId, long newSequence) {
        return new ObjectVersion(newKey, newVersionId, newSequence, deleteMarker, lastModified, blobId, size, etag,
                contentHeaders, expires, metadata, storageClass, checksums, checksumType, partsCount, tags, partSizes);
    }
}
