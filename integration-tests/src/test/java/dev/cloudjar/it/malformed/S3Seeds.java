package dev.cloudjar.it.malformed;

import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.it.fixtures.Clients;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** S3 (restXml): a bucket with objects and open uploads, and a valid request for most operations. */
final class S3Seeds {
    private S3Seeds() {
    }

    static List<Seed> seeds(URI endpoint, SdkCapture capture) {
        String upload;
        String completable;
        try (S3Client s3 = Clients.s3(endpoint)) {
            s3.createBucket(b -> b.bucket("gen"));
            s3.createBucket(b -> b.bucket("gen-versioned"));
            s3.putObject(b -> b.bucket("gen").key("k1"), RequestBody.fromString("hello"));
            s3.putObject(b -> b.bucket("gen").key("dir/k2"), RequestBody.fromString("world"));
            upload = s3.createMultipartUpload(b -> b.bucket("gen").key("mp")).uploadId();
            completable = s3.createMultipartUpload(b -> b.bucket("gen").key("mp2")).uploadId();
            s3.uploadPart(b -> b.bucket("gen").key("mp2").uploadId(completable).partNumber(1), RequestBody.fromString("part"));
        }
        Tag tag = Tag.builder().key("team").value("blue").build();
        // Checksums only where S3 requires one, so no body is aws-chunked; the generator adds Content-MD5 itself.
        S3Client s3 = capture.client(S3Client.builder().forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED));
        return capture.capture(s3, Protocol.REST_XML, "s3",
                c -> c.listBuckets(b -> b.maxBuckets(10).prefix("g")),
                c -> c.createBucket(b -> b.bucket("gen-new").acl(BucketCannedACL.PRIVATE)
                        .createBucketConfiguration(cfg -> cfg.locationConstraint("eu-west-1"))),
                c -> c.headBucket(b -> b.bucket("gen")),
                c -> c.deleteBucket(b -> b.bucket("gen-gone")),
                c -> c.getBucketLocation(b -> b.bucket("gen")),
                c -> c.putBucketVersioning(b -> b.bucket("gen-versioned")
                        .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED))),
                c -> c.getBucketVersioning(b -> b.bucket("gen")),
                // Writes go to keys no read seed reads: the generator looks for bad answers, not for races.
                c -> c.putObject(b -> b.bucket("gen").key("k-put").contentType("text/plain").metadata(Map.of("owner", "ann"))
                        .tagging("a=b&c=d").cacheControl("max-age=60").expires(Instant.parse("2030-01-01T00:00:00Z"))
                        .serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromString("hello")),
                c -> c.getObject(b -> b.bucket("gen").key("k1").range("bytes=0-2").responseContentType("text/plain")
                        .responseCacheControl("no-cache").ifModifiedSince(Instant.parse("2001-01-01T00:00:00Z"))),
                c -> c.headObject(b -> b.bucket("gen").key("dir/k2").ifNoneMatch("\"abc\"")),
                c -> c.deleteObject(b -> b.bucket("gen").key("gone")),
                c -> c.deleteObjects(b -> b.bucket("gen").delete(d -> d.quiet(false).objects(
                        o -> o.key("gone-1"), o -> o.key("gone-2").versionId("null")))),
                c -> c.copyObject(b -> b.sourceBucket("gen").sourceKey("k1").destinationBucket("gen").destinationKey("k3")
                        .metadataDirective("REPLACE").metadata(Map.of("x", "y"))),
                c -> c.getObjectAttributes(b -> b.bucket("gen").key("k1").maxParts(10)
                        .objectAttributes(ObjectAttributes.E_TAG, ObjectAttributes.OBJECT_SIZE)),
                c -> c.listObjects(b -> b.bucket("gen").prefix("dir/").delimiter("/").maxKeys(5).marker("a")),
                c -> c.listObjectsV2(b -> b.bucket("gen").prefix("d").delimiter("/").maxKeys(5).startAfter("a").fetchOwner(true)),
                c -> c.listObjectVersions(b -> b.bucket("gen").maxKeys(3).keyMarker("a")),
                c -> c.createMultipartUpload(b -> b.bucket("gen").key("mp3").contentType("text/plain")),
                c -> c.uploadPart(b -> b.bucket("gen").key("mp").uploadId(upload).partNumber(2), RequestBody.fromString("p")),
                c -> c.uploadPartCopy(b -> b.sourceBucket("gen").sourceKey("k1").destinationBucket("gen").destinationKey("mp")
                        .uploadId(upload).partNumber(3).copySourceRange("bytes=0-1")),
                c -> c.completeMultipartUpload(b -> b.bucket("gen").key("mp2").uploadId(completable)
                        .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag("\"etag\"")))),
                c -> c.abortMultipartUpload(b -> b.bucket("gen").key("nope").uploadId("not-an-upload")),
                c -> c.listParts(b -> b.bucket("gen").key("mp").uploadId(upload).maxParts(2).partNumberMarker(0)),
                c -> c.listMultipartUploads(b -> b.bucket("gen").maxUploads(2).prefix("m")),
                c -> c.putObjectTagging(b -> b.bucket("gen").key("k1").tagging(t -> t.tagSet(tag))),
                c -> c.getObjectTagging(b -> b.bucket("gen").key("k1")),
                c -> c.deleteObjectTagging(b -> b.bucket("gen").key("dir/k2")),
                c -> c.putBucketTagging(b -> b.bucket("gen").tagging(t -> t.tagSet(tag))),
                c -> c.getBucketTagging(b -> b.bucket("gen")),
                c -> c.putBucketPolicy(b -> b.bucket("gen").policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                        + "\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::gen/*\"}]}")),
                c -> c.getBucketPolicy(b -> b.bucket("gen")),
                c -> c.putBucketCors(b -> b.bucket("gen").corsConfiguration(cors -> cors.corsRules(r -> r
                        .allowedMethods("GET", "PUT").allowedOrigins("https://example.com").maxAgeSeconds(300)
                        .allowedHeaders("*").exposeHeaders("ETag")))),
                c -> c.getBucketCors(b -> b.bucket("gen")),
                c -> c.putBucketLifecycleConfiguration(b -> b.bucket("gen").lifecycleConfiguration(l -> l.rules(r -> r
                        .id("expire").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("tmp/"))
                        .expiration(e -> e.days(30)).abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(7))))),
                c -> c.getBucketLifecycleConfiguration(b -> b.bucket("gen")),
                c -> c.putBucketNotificationConfiguration(b -> b.bucket("gen").notificationConfiguration(n -> { })),
                c -> c.putBucketEncryption(b -> b.bucket("gen").serverSideEncryptionConfiguration(s -> s.rules(r -> r
                        .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256))))),
                c -> c.putBucketWebsite(b -> b.bucket("gen").websiteConfiguration(w -> w
                        .indexDocument(i -> i.suffix("index.html")).errorDocument(e -> e.key("error.html")))),
                c -> c.putBucketAccelerateConfiguration(b -> b.bucket("gen").accelerateConfiguration(a -> a.status("Enabled"))),
                c -> c.putBucketRequestPayment(b -> b.bucket("gen").requestPaymentConfiguration(p -> p.payer("Requester"))),
                c -> c.putBucketOwnershipControls(b -> b.bucket("gen").ownershipControls(o -> o
                        .rules(r -> r.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)))),
                c -> c.putPublicAccessBlock(b -> b.bucket("gen").publicAccessBlockConfiguration(p -> p
                        .blockPublicAcls(true).ignorePublicAcls(false))),
                c -> c.putBucketAcl(b -> b.bucket("gen").acl(BucketCannedACL.PRIVATE)),
                c -> c.getObjectAcl(b -> b.bucket("gen").key("k1")),
                c -> c.putObjectLockConfiguration(b -> b.bucket("gen").objectLockConfiguration(o -> o
                        .objectLockEnabled("Enabled").rule(r -> r.defaultRetention(d -> d.mode("GOVERNANCE").days(1))))),
                c -> c.putBucketLogging(b -> b.bucket("gen").bucketLoggingStatus(l -> l
                        .loggingEnabled(e -> e.targetBucket("gen").targetPrefix("logs/")))));
    }
}
