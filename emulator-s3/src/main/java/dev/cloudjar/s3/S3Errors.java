package dev.cloudjar.s3;

import dev.cloudjar.core.error.AwsException;

/** S3's errors with the codes, statuses, messages and extra members S3 answers with. */
public final class S3Errors {
    private S3Errors() {
    }

    public static AwsException noSuchBucket(String bucket) {
        return new AwsException("NoSuchBucket", 404, "The specified bucket does not exist").with("BucketName", bucket);
    }

    public static AwsException noSuchKey(String key) {
        return new AwsException("NoSuchKey", 404, "The specified key does not exist.").with("Key", key);
    }

    public static AwsException noSuchVersion(String key, String versionId) {
        return new AwsException("NoSuchVersion", 404, "The specified version does not exist.")
                .with("Key", key).with("VersionId", versionId);
    }

    public static AwsException noSuchUpload(String uploadId) {
        return new AwsException("NoSuchUpload", 404, "The specified upload does not exist. The upload ID may be"
                + " invalid, or the upload may have been aborted or completed.").with("UploadId", uploadId);
    }

    public static AwsException bucketAlreadyOwnedByYou(String bucket) {
        return new AwsException("BucketAlreadyOwnedByYou", 409, "Your previous request to create the named bucket"
                + " succeeded and you already own it.").with("BucketName", bucket);
    }

    /** @param versioned whether versioning was ever configured: then S3 adds that versions count too */
    public static AwsException bucketNotEmpty(String bucket, boolean versioned) {
        return new AwsException("BucketNotEmpty", 409, "The bucket you tried to delete is not empty"
                + (versioned ? ". You must delete all versions in the bucket." : "")).with("BucketName", bucket);
    }

    public static AwsException illegalLocationConstraint(String constraint) {
        return new AwsException("IllegalLocationConstraintException", 400, "The " + constraint
                + " location constraint is incompatible for the region specific endpoint this request was sent to.");
    }

    public static AwsException invalidLocationConstraint(String constraint) {
        return new AwsException("InvalidLocationConstraint", 400, "The specified location-constraint is not valid")
                .with("LocationConstraint", constraint);
    }

    public static AwsException invalidBucketName(String bucket) {
        return new AwsException("InvalidBucketName", 400, "The specified bucket is not valid.").with("BucketName", bucket);
    }

    public static AwsException invalidArgument(String message, String name, String value) {
        return new AwsException("InvalidArgument", 400, message).with("ArgumentName", name).with("ArgumentValue", value);
    }

    /** Some InvalidArgument errors name the argument without echoing its value. */
    public static AwsException invalidArgument(String message, String name) {
        return new AwsException("InvalidArgument", 400, message).with("ArgumentName", name);
    }

    public static AwsException invalidStorageClass(String storageClass) {
        return new AwsException("InvalidStorageClass", 400, "The storage class you specified is not valid")
                .with("StorageClassRequested", storageClass);
    }

    public static AwsException metadataTooLarge(int size) {
        return new AwsException("MetadataTooLarge", 400, "Your metadata headers exceed the maximum allowed metadata size")
                .with("Size", size).with("MaxSizeAllowed", 2048);
    }

    public static AwsException invalidRequest(String message) {
        return new AwsException("InvalidRequest", 400, message);
    }

    public static AwsException invalidRange(String range, long size) {
        return new AwsException("InvalidRange", 416, "The requested range is not satisfiable")
                .with("RangeRequested", range).with("ActualObjectSize", size);
    }

    public static AwsException preconditionFailed(String condition) {
        return new AwsException("PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold")
                .with("Condition", condition);
    }

    /** 304 has no body; the SDKs surface it as an S3Exception with that status. */
    public static AwsException notModified() {
        return new AwsException("NotModified", 304, "Not Modified");
    }

    /** @param algorithm as S3 spells it in that place: "CRC32" for a PutObject header, "crc32" for a whole multipart object */
    public static AwsException badChecksum(String algorithm) {
        return new AwsException("BadDigest", 400, "The " + algorithm + " you specified did not match the calculated checksum.");
    }

    public static AwsException badPartChecksum(String algorithm, int partNumber) {
        return new AwsException("BadDigest", 400, "The " + algorithm + " you specified for part " + partNumber
                + " did not match what we received.");
    }

    /** S3 echoes the Content-MD5 sent in hex and the one computed in base64. */
    public static AwsException badContentMd5(String expectedHex, String calculatedBase64) {
        return new AwsException("BadDigest", 400, "The Content-MD5 you specified did not match what we received.")
                .with("ExpectedDigest", expectedHex).with("CalculatedDigest", calculatedBase64);
    }

    public static AwsException invalidDigest(String contentMd5) {
        return new AwsException("InvalidDigest", 400, "The Content-MD5 you specified was invalid.")
                .with("Content-MD5", contentMd5);
    }

    public static AwsException incompleteBody() {
        return new AwsException("IncompleteBody", 400,
                "You did not provide the number of bytes specified by the Content-Length HTTP header");
    }

    public static AwsException entityTooLarge(long size, long max) {
        return new AwsException("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed size")
                .with("ProposedSize", size).with("MaxSizeAllowed", max);
    }

    /** A part other than the last is under 5 MiB; S3 names it by number and unquoted ETag. */
    public static AwsException entityTooSmall(long size, int partNumber, String etag) {
        return new AwsException("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed size")
                .with("ProposedSize", size).with("MinSizeAllowed", 5L * 1024 * 1024)
                .with("PartNumber", partNumber).with("ETag", etag);
    }

    public static AwsException keyTooLong(int size) {
        return new AwsException("KeyTooLongError", 400, "Your key is too long")
                .with("Size", size).with("MaxSizeAllowed", 1024);
    }

    /** S3's message has two spaces after the first sentence. */
    public static AwsException invalidPart(String uploadId, int partNumber, String etag) {
        return new AwsException("InvalidPart", 400, "One or more of the specified parts could not be found.  The part"
                + " may not have been uploaded, or the specified entity tag may not match the part's entity tag.")
                .with("UploadId", uploadId).with("PartNumber", partNumber).with("ETag", etag);
    }

    public static AwsException invalidPartOrder(String uploadId) {
        return new AwsException("InvalidPartOrder", 400,
                "The list of parts was not in ascending order. Parts must be ordered by part number.")
                .with("UploadId", uploadId);
    }

    public static AwsException malformedXml() {
        return new AwsException("MalformedXML", 400,
                "The XML you provided was not well-formed or did not validate against our published schema");
    }

    public static AwsException methodNotAllowed(String method, String resourceType) {
        return new AwsException("MethodNotAllowed", 405, "The specified method is not allowed against this resource.")
                .with("Method", method).with("ResourceType", resourceType);
    }

    public static AwsException invalidVersionId(String versionId) {
        return invalidArgument("Invalid version id specified", "versionId", versionId);
    }

    public static AwsException invalidTag(String message) {
        return new AwsException("InvalidTag", 400, message);
    }

    public static AwsException noSuchConfiguration(String code, String message, String bucket) {
        return new AwsException(code, 404, message).with("BucketName", bucket);
    }

    public static AwsException malformedAcl() {
        return new AwsException("MalformedACLError", 400,
                "The XML you provided was not well-formed or did not validate against our published schema");
    }

    /** S3 checks a bucket's state against a configuration, e.g. versioning for Object Lock. */
    public static AwsException invalidBucketState(String message) {
        return new AwsException("InvalidBucketState", 409, message);
    }
}
