package dev.cloudjar.s3.store;

import java.util.List;
import java.util.Map;

/**
 * A multipart upload in progress, with what CreateMultipartUpload said the object will carry.
 *
 * @param checksumAlgorithm the algorithm parts are checksummed with, or null
 * @param checksumType      COMPOSITE or FULL_OBJECT, or null without an algorithm
 * @param encryption        what the object will be encrypted with, fixed when the upload starts
 * @param grants            the object's ACL grants, null for the owner's FULL_CONTROL alone
 */
public record UploadRecord(String bucket, String key, String uploadId, long initiated,
                           Map<String, String> contentHeaders, Long expires, Map<String, String> metadata,
                           String storageClass, Map<String, String> tags, String checksumAlgorithm,
                           String checksumType, Encryption encryption, List<Object> grants) {
}
