package dev.cloudjar.s3.store;

/**
 * How an object is encrypted at rest, as S3 reports it in x-amz-server-side-encryption headers.
 *
 * @param algorithm        AES256, aws:kms or aws:kms:dsse
 * @param kmsKeyId         the KMS key named for aws:kms, or null
 * @param bucketKeyEnabled whether an S3 Bucket Key is used (KMS only)
 */
public record Encryption(String algorithm, String kmsKeyId, boolean bucketKeyEnabled) {
    /** Every object has been encrypted since January 2023: SSE-S3 unless the request or the bucket says otherwise. */
    public static final Encryption SSE_S3 = new Encryption("AES256", null, false);
}
