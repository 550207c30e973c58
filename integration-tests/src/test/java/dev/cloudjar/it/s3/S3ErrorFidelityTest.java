package dev.cloudjar.it.s3;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** S3's error codes, statuses, messages, extra members and headers as AWS answers them. */
@Cloudjar
class S3ErrorFidelityTest {
    private static final int MIB = 1024 * 1024;
    static S3Client s3;
    static URI endpoint;

    /** The last error document this thread received: the SDK keeps no raw body of S3's errors. */
    private static final ThreadLocal<String> ERROR_BODY = new ThreadLocal<>();

    @BeforeAll
    static void client(URI uri) {
        endpoint = uri;
        s3 = S3Client.builder().endpointOverride(uri).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                                           ExecutionAttributes attributes) {
                        if (context.httpResponse().isSuccessful() || context.responseBody().isEmpty()) {
                            ERROR_BODY.set("");
                            return context.responseBody();
                        }
                        try (InputStream in = context.responseBody().get()) {
                            byte[] body = in.readAllBytes();
                            ERROR_BODY.set(new String(body, StandardCharsets.UTF_8));
                            return Optional.of(new ByteArrayInputStream(body));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }))
                .build();
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    private static <T extends S3Exception> T fails(Class<T> type, int status, String code, String message, Executable call) {
        T e = assertThrows(type, call);
        assertEquals(status, e.statusCode());
        assertEquals(code, e.awsErrorDetails().errorCode());
        assertEquals(message, e.awsErrorDetails().errorMessage());
        return e;
    }

    /** An extra member of the error document, or null when absent. */
    private static String member(S3Exception e, String name) {
        String body = ERROR_BODY.get();
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">(.*?)</" + Pattern.quote(name) + ">").matcher(body);
        return m.find() ? m.group(1) : null;
    }

    private static String header(S3Exception e, String name) {
        Optional<String> value = e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader(name);
        return value.orElse(null);
    }

    private static void put(String bucket, String key, String body) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body));
    }

    @Test
    void missingBucketsAndKeysNameWhatIsMissing() {
        S3Exception bucket = fails(NoSuchBucketException.class, 404, "NoSuchBucket", "The specified bucket does not exist",
                () -> s3.getObject(b -> b.bucket("fid-nowhere").key("k")));
        assertEquals("fid-nowhere", member(bucket, "BucketName"));

        s3.createBucket(b -> b.bucket("fid-keys"));
        S3Exception key = fails(NoSuchKeyException.class, 404, "NoSuchKey", "The specified key does not exist.",
                () -> s3.getObjectAsBytes(b -> b.bucket("fid-keys").key("dir/missing.txt")));
        assertEquals("dir/missing.txt", member(key, "Key"));
        // HEAD answers 404 without a body; the SDK still knows it as NoSuchKey.
        S3Exception head = assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket("fid-keys").key("missing")));
        assertEquals(404, head.statusCode());
    }

    @Test
    void bucketNamesBreakingARuleFailWithInvalidBucketName() {
        // The SDK itself refuses names breaking the other rules (BucketOperationsTest covers them).
        for (String name : new String[] {"xn--punycode", "sthree-prefix", "name-s3alias", "name--ol-s3"}) {
            S3Exception e = fails(S3Exception.class, 400, "InvalidBucketName", "The specified bucket is not valid.",
                    () -> s3.createBucket(b -> b.bucket(name)));
            assertEquals(name, member(e, "BucketName"), name);
        }
        s3.createBucket(b -> b.bucket("a".repeat(63)));
        s3.createBucket(b -> b.bucket("a.b-c"));
    }

    @Test
    void recreatingAnOwnedBucketIsOkInUsEast1AndBucketAlreadyOwnedByYouElsewhere() {
        s3.createBucket(b -> b.bucket("fid-twice"));
        s3.createBucket(b -> b.bucket("fid-twice"));
        s3.createBucket(b -> b.bucket("fid-twice-eu").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
        S3Exception e = fails(BucketAlreadyOwnedByYouException.class, 409, "BucketAlreadyOwnedByYou",
                "Your previous request to create the named bucket succeeded and you already own it.",
                () -> s3.createBucket(b -> b.bucket("fid-twice-eu")
                        .createBucketConfiguration(c -> c.locationConstraint("eu-west-1"))));
        assertEquals("fid-twice-eu", member(e, "BucketName"));
    }

    @Test
    void locationConstraintsMustSuitTheEndpointsRegion() {
        S3Exception explicit = fails(S3Exception.class, 400, "InvalidLocationConstraint",
                "The specified location-constraint is not valid",
                () -> s3.createBucket(b -> b.bucket("fid-loc").createBucketConfiguration(c -> c.locationConstraint("us-east-1"))));
        assertEquals("us-east-1", member(explicit, "LocationConstraint"));
        // (The SDK adds its own region as the constraint when none is given, so "unspecified" cannot be sent.)
        try (S3Client london = S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.EU_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            fails(S3Exception.class, 400, "IllegalLocationConstraintException", "The us-west-2 location constraint is"
                    + " incompatible for the region specific endpoint this request was sent to.",
                    () -> london.createBucket(b -> b.bucket("fid-loc").createBucketConfiguration(c -> c.locationConstraint("us-west-2"))));
            london.createBucket(b -> b.bucket("fid-loc").createBucketConfiguration(c -> c.locationConstraint("eu-west-2")));
            assertEquals("eu-west-2", london.headBucket(b -> b.bucket("fid-loc")).bucketRegion());
        }
    }

    @Test
    void aBucketWithObjectsOrVersionsIsNotEmpty() {
        s3.createBucket(b -> b.bucket("fid-full"));
        put("fid-full", "k", "v");
        S3Exception plain = fails(S3Exception.class, 409, "BucketNotEmpty", "The bucket you tried to delete is not empty",
                () -> s3.deleteBucket(b -> b.bucket("fid-full")));
        assertEquals("fid-full", member(plain, "BucketName"));

        s3.createBucket(b -> b.bucket("fid-full-versioned"));
        s3.putBucketVersioning(b -> b.bucket("fid-full-versioned").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        put("fid-full-versioned", "k", "v");
        s3.deleteObject(b -> b.bucket("fid-full-versioned").key("k"));
        fails(S3Exception.class, 409, "BucketNotEmpty",
                "The bucket you tried to delete is not empty. You must delete all versions in the bucket.",
                () -> s3.deleteBucket(b -> b.bucket("fid-full-versioned")));
    }

    @Test
    void deleteMarkersAreNoSuchKeyWhenLatestAndMethodNotAllowedByVersion() {
        String bucket = "fid-markers";
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        String first = s3.putObject(b -> b.bucket(bucket).key("gone"), RequestBody.fromString("v1")).versionId();
        String marker = s3.deleteObject(b -> b.bucket(bucket).key("gone")).versionId();

        S3Exception latest = fails(NoSuchKeyException.class, 404, "NoSuchKey", "The specified key does not exist.",
                () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("gone")));
        assertEquals("true", header(latest, "x-amz-delete-marker"));
        assertEquals(marker, header(latest, "x-amz-version-id"));

        S3Exception byVersion = fails(S3Exception.class, 405, "MethodNotAllowed",
                "The specified method is not allowed against this resource.",
                () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("gone").versionId(marker)));
        assertEquals("GET", member(byVersion, "Method"));
        assertEquals("DeleteMarker", member(byVersion, "ResourceType"));
        assertEquals("DELETE", header(byVersion, "Allow"));
        assertEquals("true", header(byVersion, "x-amz-delete-marker"));
        assertEquals(marker, header(byVersion, "x-amz-version-id"));
        S3Exception head = assertThrows(S3Exception.class, () -> s3.headObject(b -> b.bucket(bucket).key("gone").versionId(marker)));
        assertEquals(405, head.statusCode());

        S3Exception tagging = fails(S3Exception.class, 405, "MethodNotAllowed",
                "The specified method is not allowed against this resource.",
                () -> s3.getObjectTagging(b -> b.bucket(bucket).key("gone")));
        assertEquals("GET", member(tagging, "Method"));
        S3Exception putTagging = assertThrows(S3Exception.class, () -> s3.putObjectTagging(b -> b.bucket(bucket).key("gone")
                .tagging(t -> t.tagSet(s -> s.key("a").value("b")))));
        assertEquals("PUT", member(putTagging, "Method"));

        fails(S3Exception.class, 400, "InvalidRequest",
                "The source of a copy request may not specifically refer to a delete marker by version id.",
                () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("gone").sourceVersionId(marker)
                        .destinationBucket(bucket).destinationKey("copy")));
        S3Exception copyLatest = fails(NoSuchKeyException.class, 404, "NoSuchKey", "The specified key does not exist.",
                () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("gone").destinationBucket(bucket).destinationKey("copy")));
        assertEquals("gone", member(copyLatest, "Key"));

        s3.deleteObject(b -> b.bucket(bucket).key("gone").versionId(first));
        S3Exception version = fails(S3Exception.class, 404, "NoSuchVersion", "The specified version does not exist.",
                () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("gone").versionId(first)));
        assertEquals("gone", member(version, "Key"));
        assertEquals(first, member(version, "VersionId"));
        S3Exception unknown = fails(S3Exception.class, 400, "InvalidArgument", "Invalid version id specified",
                () -> s3.deleteObject(b -> b.bucket(bucket).key("gone").versionId(first)));
        assertEquals("versionId", member(unknown, "ArgumentName"));
        assertEquals(first, member(unknown, "ArgumentValue"));
    }

    @Test
    void anUnversionedBucketKnowsOnlyTheNullVersion() {
        s3.createBucket(b -> b.bucket("fid-unversioned"));
        put("fid-unversioned", "k", "v");
        assertEquals("v", s3.getObjectAsBytes(b -> b.bucket("fid-unversioned").key("k").versionId("null")).asUtf8String());
        S3Exception e = fails(S3Exception.class, 400, "InvalidArgument", "Invalid version id specified",
                () -> s3.getObjectAsBytes(b -> b.bucket("fid-unversioned").key("k").versionId("abc")));
        assertEquals("versionId", member(e, "ArgumentName"));
        assertEquals("abc", member(e, "ArgumentValue"));
    }

    @Test
    void rangesAndPreconditionsFailWithTheirMembers() {
        s3.createBucket(b -> b.bucket("fid-ranges"));
        put("fid-ranges", "eight", "12345678");
        S3Exception range = fails(S3Exception.class, 416, "InvalidRange", "The requested range is not satisfiable",
                () -> s3.getObjectAsBytes(b -> b.bucket("fid-ranges").key("eight").range("bytes=1024-4096")));
        assertEquals("bytes=1024-4096", member(range, "RangeRequested"));
        assertEquals("8", member(range, "ActualObjectSize"));
        fails(S3Exception.class, 400, "InvalidRequest", "Cannot specify both Range header and partNumber query parameter",
                () -> s3.getObjectAsBytes(b -> b.bucket("fid-ranges").key("eight").range("bytes=0-1").partNumber(1)));

        S3Exception condition = fails(S3Exception.class, 412, "PreconditionFailed",
                "At least one of the pre-conditions you specified did not hold",
                () -> s3.getObjectAsBytes(b -> b.bucket("fid-ranges").key("eight").ifMatch("\"0000\"")));
        assertEquals("If-Match", member(condition, "Condition"));

        String etag = s3.headObject(b -> b.bucket("fid-ranges").key("eight")).eTag();
        S3Exception notModified = assertThrows(S3Exception.class,
                () -> s3.getObjectAsBytes(b -> b.bucket("fid-ranges").key("eight").ifNoneMatch(etag)));
        assertEquals(304, notModified.statusCode());
        assertEquals(etag, header(notModified, "ETag"));
        assertEquals(s3.headObject(b -> b.bucket("fid-ranges").key("eight")).sdkHttpResponse()
                .firstMatchingHeader("Last-Modified").orElseThrow(), header(notModified, "Last-Modified"));

        S3Exception ifNoneMatch = fails(S3Exception.class, 501, "NotImplemented",
                "A header you provided implies functionality that is not implemented",
                () -> s3.putObject(b -> b.bucket("fid-ranges").key("eight").ifNoneMatch(etag), RequestBody.fromString("x")));
        assertEquals("If-None-Match", member(ifNoneMatch, "Header"));
        assertEquals("We don't accept the provided value of If-None-Match header for this API",
                member(ifNoneMatch, "additionalMessage"));
    }

    @Test
    void invalidArgumentsNameTheArgument() {
        s3.createBucket(b -> b.bucket("fid-args"));
        S3Exception maxKeys = fails(S3Exception.class, 400, "InvalidArgument",
                "Argument maxKeys must be an integer between 0 and 2147483647",
                () -> s3.listObjectsV2(b -> b.bucket("fid-args").maxKeys(-1)));
        assertEquals("maxKeys", member(maxKeys, "ArgumentName"));
        assertEquals("-1", member(maxKeys, "ArgumentValue"));

        S3Exception token = fails(S3Exception.class, 400, "InvalidArgument", "The continuation token provided is incorrect",
                () -> s3.listObjectsV2(b -> b.bucket("fid-args").continuationToken("!!not-a-token!!")));
        assertEquals("continuation-token", member(token, "ArgumentName"));
        assertEquals(null, member(token, "ArgumentValue"));

        S3Exception marker = fails(S3Exception.class, 400, "InvalidArgument",
                "A version-id marker cannot be specified without a key marker.",
                () -> s3.listObjectVersions(b -> b.bucket("fid-args").versionIdMarker("v1")));
        assertEquals("version-id-marker", member(marker, "ArgumentName"));

        S3Exception storage = fails(S3Exception.class, 400, "InvalidStorageClass", "The storage class you specified is not valid",
                () -> s3.putObject(b -> b.bucket("fid-args").key("k").storageClass("OUTPOSTS"), RequestBody.fromString("x")));
        assertEquals("OUTPOSTS", member(storage, "StorageClassRequested"));

        S3Exception source = fails(S3Exception.class, 400, "InvalidArgument", "Invalid copy source object key",
                () -> s3.copyObject(b -> b.copySource("wrongformat").destinationBucket("fid-args").destinationKey("k")));
        assertEquals("x-amz-copy-source", member(source, "ArgumentName"));
        assertEquals("x-amz-copy-source", member(source, "ArgumentValue"));

        String key = "k".repeat(1025);
        S3Exception tooLong = fails(S3Exception.class, 400, "KeyTooLongError", "Your key is too long",
                () -> s3.putObject(b -> b.bucket("fid-args").key(key), RequestBody.fromString("x")));
        assertEquals("1025", member(tooLong, "Size"));
        assertEquals("1024", member(tooLong, "MaxSizeAllowed"));

        S3Exception metadata = fails(S3Exception.class, 400, "MetadataTooLarge",
                "Your metadata headers exceed the maximum allowed metadata size",
                () -> s3.putObject(b -> b.bucket("fid-args").key("meta").metadata(Map.of("big", "m".repeat(2046))),
                        RequestBody.fromString("x")));
        assertEquals("2049", member(metadata, "Size"));
        assertEquals("2048", member(metadata, "MaxSizeAllowed"));
        s3.putObject(b -> b.bucket("fid-args").key("meta").metadata(Map.of("big", "m".repeat(2045))), RequestBody.fromString("x"));
    }

    @Test
    void digestsThatDoNotMatchFailWithBadDigest() {
        s3.createBucket(b -> b.bucket("fid-digests"));
        String otherMd5 = Base64.getEncoder().encodeToString(new byte[16]);
        S3Exception md5 = fails(S3Exception.class, 400, "BadDigest", "The Content-MD5 you specified did not match what we received.",
                () -> s3.putObject(b -> b.bucket("fid-digests").key("k").contentMD5(otherMd5), RequestBody.fromString("body")));
        assertEquals("00000000000000000000000000000000", member(md5, "ExpectedDigest"));
        assertEquals("hBotaJrYa9FhFEdFPCLG/A==", member(md5, "CalculatedDigest"));
        S3Exception invalid = fails(S3Exception.class, 400, "InvalidDigest", "The Content-MD5 you specified was invalid.",
                () -> s3.putObject(b -> b.bucket("fid-digests").key("k").contentMD5("__invalid__"), RequestBody.fromString("x")));
        assertEquals("__invalid__", member(invalid, "Content-MD5"));
        fails(S3Exception.class, 400, "BadDigest", "The CRC32 you specified did not match the calculated checksum.",
                () -> s3.putObject(b -> b.bucket("fid-digests").key("k").checksumCRC32("AAAAAA=="),
                        RequestBody.fromString("body")));
    }

    @Test
    void multipartErrorsNameTheUploadAndPart() {
        String bucket = "fid-multipart";
        s3.createBucket(b -> b.bucket(bucket));
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("mp")).uploadId();
        String etag1 = s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(id).partNumber(1),
                RequestBody.fromString("four")).eTag();
        String etag2 = s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(id).partNumber(2),
                RequestBody.fromString("four")).eTag();
        CompletedPart p1 = CompletedPart.builder().partNumber(1).eTag(etag1).build();
        CompletedPart p2 = CompletedPart.builder().partNumber(2).eTag(etag2).build();

        S3Exception order = fails(S3Exception.class, 400, "InvalidPartOrder",
                "The list of parts was not in ascending order. Parts must be ordered by part number.",
                () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(id).multipartUpload(m -> m.parts(p2, p1))));
        assertEquals(id, member(order, "UploadId"));

        S3Exception part = fails(S3Exception.class, 400, "InvalidPart", "One or more of the specified parts could not be"
                + " found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
                () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(id)
                        .multipartUpload(m -> m.parts(p1, p2.toBuilder().partNumber(3).build()))));
        assertEquals(id, member(part, "UploadId"));
        assertEquals("3", member(part, "PartNumber"));
        assertEquals(etag2.replace("\"", ""), member(part, "ETag"));

        S3Exception small = fails(S3Exception.class, 400, "EntityTooSmall",
                "Your proposed upload is smaller than the minimum allowed size",
                () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(id).multipartUpload(m -> m.parts(p1, p2))));
        assertEquals("4", member(small, "ProposedSize"));
        assertEquals("5242880", member(small, "MinSizeAllowed"));
        assertEquals("1", member(small, "PartNumber"));
        assertEquals(etag1.replace("\"", ""), member(small, "ETag"));

        fails(S3Exception.class, 400, "InvalidRequest", "You must specify at least one part",
                () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(id)));

        S3Exception partNumber = fails(S3Exception.class, 400, "InvalidArgument",
                "Part number must be an integer between 1 and 10000, inclusive",
                () -> s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(id).partNumber(10001), RequestBody.fromString("x")));
        assertEquals("partNumber", member(partNumber, "ArgumentName"));
        assertEquals("10001", member(partNumber, "ArgumentValue"));

        put(bucket, "ten", "0123456789");
        S3Exception pastEnd = fails(S3Exception.class, 400, "InvalidArgument",
                "Range specified is not valid for source object of size: 10",
                () -> s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("ten").destinationBucket(bucket)
                        .destinationKey("mp").uploadId(id).partNumber(3).copySourceRange("bytes=0-100")));
        assertEquals("x-amz-copy-source-range", member(pastEnd, "ArgumentName"));
        assertEquals("bytes=0-100", member(pastEnd, "ArgumentValue"));
        fails(S3Exception.class, 400, "InvalidRequest", "The specified copy range is invalid for the source object size",
                () -> s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("ten").destinationBucket(bucket)
                        .destinationKey("mp").uploadId(id).partNumber(3).copySourceRange("bytes=100-200")));

        S3Exception uploadMarker = fails(S3Exception.class, 400, "InvalidArgument", "Invalid uploadId marker",
                () -> s3.listMultipartUploads(b -> b.bucket(bucket).keyMarker("other-key").uploadIdMarker(id)));
        assertEquals("upload-id-marker", member(uploadMarker, "ArgumentName"));
        assertEquals(id, member(uploadMarker, "ArgumentValue"));
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(id));
        S3Exception upload = fails(NoSuchUploadException.class, 404, "NoSuchUpload", "The specified upload does not exist."
                + " The upload ID may be invalid, or the upload may have been aborted or completed.",
                () -> s3.listParts(b -> b.bucket(bucket).key("mp").uploadId(id)));
        assertEquals(id, member(upload, "UploadId"));
    }

    @Test
    void aWholeObjectChecksumThatDoesNotMatchNamesTheAlgorithmInLowerCase() {
        String bucket = "fid-mp-checksum";
        s3.createBucket(b -> b.bucket(bucket));
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("c").checksumAlgorithm(ChecksumAlgorithm.CRC32_C)
                .checksumType("FULL_OBJECT")).uploadId();
        var part = s3.uploadPart(b -> b.bucket(bucket).key("c").uploadId(id).partNumber(1)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32_C), RequestBody.fromBytes(new byte[MIB]));
        fails(S3Exception.class, 400, "BadDigest", "The crc32c you specified did not match the calculated checksum.",
                () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("c").uploadId(id).checksumCRC32C("AAAAAA==")
                        .checksumType("FULL_OBJECT").multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1)
                                .eTag(part.eTag()).checksumCRC32C(part.checksumCRC32C()).build()))));
    }

    @Test
    void checksumHeadersAndModesAreCheckedAsS3Does() {
        String bucket = "fid-checksum-rules";
        s3.createBucket(b -> b.bucket(bucket));
        fails(S3Exception.class, 400, "InvalidRequest", "Value for x-amz-checksum-sha256 header is invalid.",
                () -> s3.putObject(b -> b.bucket(bucket).key("k").checksumSHA256("AAAA"), RequestBody.fromString("x")));
        fails(S3Exception.class, 400, "InvalidRequest",
                "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.",
                () -> s3.putObject(b -> b.bucket(bucket).key("k").checksumCRC32("AAAAAA==").checksumCRC32C("AAAAAA=="),
                        RequestBody.fromString("x")));
        fails(S3Exception.class, 400, "InvalidRequest", "Checksum algorithm provided is unsupported. Please try again"
                        + " with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]",
                () -> s3.createMultipartUpload(b -> b.bucket(bucket).key("k").checksumAlgorithm("TEST")));
        fails(S3Exception.class, 400, "InvalidRequest",
                "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.",
                () -> s3.createMultipartUpload(b -> b.bucket(bucket).key("k").checksumType("COMPOSITE")));
        fails(S3Exception.class, 400, "InvalidRequest",
                "The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.",
                () -> s3.createMultipartUpload(b -> b.bucket(bucket).key("k").checksumType("COMPOSITE")
                        .checksumAlgorithm(ChecksumAlgorithm.CRC64_NVME)));

        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("k").checksumAlgorithm(ChecksumAlgorithm.SHA256))
                .uploadId();
        fails(S3Exception.class, 400, "InvalidRequest",
                "Checksum Type mismatch occurred, expected checksum Type: sha256, actual checksum Type: crc32",
                () -> s3.uploadPart(b -> b.bucket(bucket).key("k").uploadId(id).partNumber(1)
                        .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromString("part")));
        var part = s3.uploadPart(b -> b.bucket(bucket).key("k").uploadId(id).partNumber(1)
                .checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromString("part"));
        fails(S3Exception.class, 400, "BadDigest", "The sha256 you specified for part 1 did not match what we received.",
                () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id).multipartUpload(m -> m.parts(
                        CompletedPart.builder().partNumber(1).eTag(part.eTag())
                                .checksumSHA256("n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=").build()))));
        fails(S3Exception.class, 400, "InvalidRequest", "The upload was created using the COMPOSITE checksum mode."
                        + " The complete request must use the same checksum mode.",
                () -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id).checksumType("FULL_OBJECT")
                        .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(part.eTag())
                                .checksumSHA256(part.checksumSHA256()).build()))));
    }

    @Test
    void tagsAreCheckedWithTheOffendingKeyNamed() {
        String bucket = "fid-tags";
        s3.createBucket(b -> b.bucket(bucket));
        put(bucket, "k", "x");
        S3Exception header = fails(S3Exception.class, 400, "InvalidArgument", "The header 'x-amz-tagging' shall be"
                        + " encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.",
                () -> s3.putObject(b -> b.bucket(bucket).key("t").tagging("key1=val1&key1=val2"), RequestBody.fromString("x")));
        assertEquals("x-amz-tagging", member(header, "ArgumentName"));
        assertEquals("key1=val1&amp;key1=val2", member(header, "ArgumentValue"));

        S3Exception duplicate = fails(S3Exception.class, 400, "InvalidTag", "Cannot provide multiple Tags with the same key",
                () -> s3.putObjectTagging(b -> b.bucket(bucket).key("k").tagging(t -> t.tagSet(
                        s -> s.key("Key1").value("a"), s -> s.key("Key1").value("b")))));
        assertEquals("Key1", member(duplicate, "TagKey"));
        S3Exception key = fails(S3Exception.class, 400, "InvalidTag", "The TagKey you have provided is invalid",
                () -> s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(s -> s.key("Key1,Key2").value("v")))));
        assertEquals("Key1,Key2", member(key, "TagKey"));
        S3Exception value = fails(S3Exception.class, 400, "InvalidTag", "The TagValue you have provided is invalid",
                () -> s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(s -> s.key("Key1").value("Val1,Val2")))));
        assertEquals("Key1", member(value, "TagKey"));
        assertEquals("Val1,Val2", member(value, "TagValue"));
        fails(S3Exception.class, 400, "InvalidTag", "System tags cannot be added/updated by requester",
                () -> s3.putBucketTagging(b -> b.bucket(bucket).tagging(t -> t.tagSet(s -> s.key("aws:prefixed").value("v")))));
        fails(S3Exception.class, 400, "InvalidTag", "Your TagKey cannot be prefixed with aws:",
                () -> s3.putObjectTagging(b -> b.bucket(bucket).key("k").tagging(t -> t.tagSet(s -> s.key("aws:prefixed").value("v")))));

        S3Exception missing = fails(NoSuchKeyException.class, 404, "NoSuchKey", "The specified key does not exist.",
                () -> s3.getObjectTagging(b -> b.bucket(bucket).key("fake-key")));
        assertEquals(bucket + "/fake-key", member(missing, "Key"));
    }

    @Test
    void anEmptyDeleteIsMalformedXml() {
        s3.createBucket(b -> b.bucket("fid-xml"));
        fails(S3Exception.class, 400, "MalformedXML",
                "The XML you provided was not well-formed or did not validate against our published schema",
                () -> s3.deleteObjects(b -> b.bucket("fid-xml").delete(d -> d.objects(java.util.List.of()))));
    }
}
