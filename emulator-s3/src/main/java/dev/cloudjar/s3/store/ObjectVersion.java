package dev.cloudjar.s3.store;

import java.util.List;
import java.util.Map;

/**
 * One version of an object, or a delete marker. Objects in buckets that never had versioning
 * have one version, "null", as S3 names it.
 *
 * @param sequence       orders a key's versions, newest highest
 * @param blobId         the blob holding the whole object: an object uploaded in one piece, or a multipart
 *                       object completed before objects kept their parts; null when partBlobIds holds it
 * @param contentHeaders Content-Type, Cache-Control, ... by their model member names (ContentType, CacheControl)
 * @param expires        the Expires header as epoch milliseconds, or null
 * @param checksums      base64 values by model member name (ChecksumCRC32, ...); a multipart
 *                       object's composite value ends in "-partCount"
 * @param partsCount     0 for an object uploaded in one piece
 * @param partSizes      the sizes of a multipart object's parts, for GetObject by partNumber; null otherwise
 * @param encryption     null for objects stored before it was recorded, which were SSE-S3
 * @param grants         the object ACL's grants as GetObjectAcl lists them; null for the default, the
 *                       owner's FULL_CONTROL alone
 * @param partBlobIds    a multipart object's part blobs in order, one per entry of partSizes: completing an
 *                       upload keeps its parts rather than writing their bytes again; null otherwise
 */
public record ObjectVersion(String key, String versionId, long sequence, boolean deleteMarker, long lastModified,
                            String blobId, long size, String etag, Map<String, String> contentHeaders, Long expires,
                            Map<String, String> metadata, String storageClass, Map<String, String> checksums,
                            String checksumType, int partsCount, Map<String, String> tags,
                            List<Long> partSizes, Encryption encryption, List<Object> grants,
                            List<String> partBlobIds) {

    public static final String NULL_VERSION = "null";

    public static ObjectVersion deleteMarker(String key, String versionId, long sequence, long lastModified) {
        return new ObjectVersion(key, versionId, sequence, true, lastModified, null, 0, null, Map.of(), null,
                Map.of(), null, Map.of(), null, 0, Map.of(), null, null, null, null);
    }

    public ObjectVersion withTags(Map<String, String> value) {
        return new ObjectVersion(key, versionId, sequence, deleteMarker, lastModified, blobId, size, etag,
                contentHeaders, expires, metadata, storageClass, checksums, checksumType, partsCount, value, partSizes,
                encryption, grants, partBlobIds);
    }

    public ObjectVersion withIdentity(String newKey, String newVersionId, long newSequence) {
        return new ObjectVersion(newKey, newVersionId, newSequence, deleteMarker, lastModified, blobId, size, etag,
                contentHeaders, expires, metadata, storageClass, checksums, checksumType, partsCount, tags, partSizes,
                encryption, grants, partBlobIds);
    }

    public ObjectVersion withGrants(List<Object> value) {
        return new ObjectVersion(key, versionId, sequence, deleteMarker, lastModified, blobId, size, etag,
                contentHeaders, expires, metadata, storageClass, checksums, checksumType, partsCount, tags, partSizes,
                encryption, value, partBlobIds);
    }

    /** Every blob holding the object's bytes, in order: what reading it opens and deleting it frees. */
    public List<String> blobIds() {
        if (partBlobIds != null) {
            return partBlobIds;
        }
        return blobId == null ? List.of() : List.of(blobId);
    }

    /** The size of each of {@link #blobIds()}. */
    public List<Long> blobSizes() {
        return partBlobIds != null ? partSizes : blobId == null ? List.of() : List.of(size);
    }

    public Encryption encryptionOrDefault() {
        return encryption == null ? Encryption.SSE_S3 : encryption;
    }
}
