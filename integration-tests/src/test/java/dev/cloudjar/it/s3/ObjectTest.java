package dev.cloudjar.it.s3;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.StorageClass;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.it.fixtures.Clients.s3;
import static dev.cloudjar.it.fixtures.Clients.s3VirtualHost;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Cloudjar
class ObjectTest {
    static final String BUCKET = "objects";
    static final byte[] HELLO = "hello, world".getBytes(StandardCharsets.UTF_8);
    static S3Client s3;

    @BeforeAll
    static void createBucket(URI endpoint) {
        s3 = s3(endpoint);
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    static String md5Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    static S3Exception s3Error(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(S3Exception.class, call);
    }

    @Test
    void putThenGetReturnsTheBytesWithTheQuotedMd5AsETag() throws Exception {
        PutObjectResponse put = s3.putObject(b -> b.bucket(BUCKET).key("hello.txt").contentType("text/plain"),
                RequestBody.fromBytes(HELLO));
        assertEquals("\"" + md5Hex(HELLO) + "\"", put.eTag());

        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("hello.txt"));
        assertArrayEquals(HELLO, got.asByteArray());
        assertEquals(put.eTag(), got.response().eTag());
        assertEquals("text/plain", got.response().contentType());
        assertEquals(HELLO.length, got.response().contentLength());
    }

    @Test
    void metadataAndContentHeadersComeBackOnGetAndHead() {
        Instant expires = Instant.parse("2030-01-01T00:00:00Z");
        s3.putObject(b -> b.bucket(BUCKET).key("meta").metadata(Map.of("Color", "blue", "size", "L"))
                .contentType("application/json").contentEncoding("identity").contentDisposition("attachment")
                .contentLanguage("en").cacheControl("max-age=60").expires(expires)
                .storageClass(StorageClass.STANDARD_IA), RequestBody.fromString("{}"));

        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("meta"));
        assertEquals(Map.of("color", "blue", "size", "L"), head.metadata());
        assertEquals("application/json", head.contentType());
        assertEquals("identity", head.contentEncoding());
        assertEquals("attachment", head.contentDisposition());
        assertEquals("en", head.contentLanguage());
        assertEquals("max-age=60", head.cacheControl());
        assertEquals(expires, head.expires());
        assertEquals(StorageClass.STANDARD_IA, head.storageClass());
        assertEquals(2L, head.contentLength());
    }

    @Test
    void keysAreArbitraryUtf8AndNeverPaths() {
        List<String> keys = List.of("../x", "a//b", "ünïcödé/日本語", "100%", "dir/", "with space+plus", "~tilde?q=1#frag");
        for (String key : keys) {
            s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("v:" + key));
        }
        for (String key : keys) {
            assertEquals("v:" + key, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String(), key);
        }
    }

    @Test
    void rangesAnswer206WithContentRange() {
        s3.putObject(b -> b.bucket(BUCKET).key("digits"), RequestBody.fromString("0123456789"));

        ResponseBytes<GetObjectResponse> middle = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("digits").range("bytes=2-5"));
        assertEquals("2345", middle.asUtf8String());
        assertEquals("bytes 2-5/10", middle.response().contentRange());
        assertEquals(4L, middle.response().contentLength());

        assertEquals("789", s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("digits").range("bytes=7-")).asUtf8String());
        assertEquals("89", s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("digits").range("bytes=-2")).asUtf8String());
        assertEquals("9", s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("digits").range("bytes=9-100")).asUtf8String());
    }

    @Test
    void unsatisfiableRangeFailsWithInvalidRange() {
        s3.putObject(b -> b.bucket(BUCKET).key("short"), RequestBody.fromString("abc"));
        S3Exception e = s3Error(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("short").range("bytes=5-9")));
        assertEquals(416, e.statusCode());
        assertEquals("InvalidRange", e.awsErrorDetails().errorCode());
    }

    @Test
    void conditionalReadsAnswer304And412() {
        String etag = s3.putObject(b -> b.bucket(BUCKET).key("cond"), RequestBody.fromString("x")).eTag();
        Instant past = Instant.now().minusSeconds(3600);
        Instant future = Instant.now().plusSeconds(3600);

        assertEquals("x", s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond").ifMatch(etag)).asUtf8String());
        assertEquals(304, s3Error(() -> s3.getObject(b -> b.bucket(BUCKET).key("cond").ifNoneMatch(etag))).statusCode());
        Instant lastModified = s3.headObject(b -> b.bucket(BUCKET).key("cond")).lastModified();
        assertEquals(304, s3Error(() -> s3.getObject(b -> b.bucket(BUCKET).key("cond").ifModifiedSince(lastModified))).statusCode());
        // A date in the future is no valid If-Modified-Since: S3 ignores it.
        assertEquals("x", s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond").ifModifiedSince(future)).asUtf8String());
        S3Exception mismatch = s3Error(() -> s3.getObject(b -> b.bucket(BUCKET).key("cond").ifMatch("\"nope\"")));
        assertEquals(412, mismatch.statusCode());
        assertEquals("PreconditionFailed", mismatch.awsErrorDetails().errorCode());
        assertEquals(412, s3Error(() -> s3.getObject(b -> b.bucket(BUCKET).key("cond").ifUnmodifiedSince(past))).statusCode());
        assertEquals(412, s3Error(() -> s3.headObject(b -> b.bucket(BUCKET).key("cond").ifMatch("\"nope\""))).statusCode());
    }

    @Test
    void responseOverridesReplaceTheStoredHeaders() {
        s3.putObject(b -> b.bucket(BUCKET).key("override").contentType("text/plain"), RequestBody.fromString("x"));
        GetObjectResponse response = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("override")
                .responseContentType("application/octet-stream").responseContentDisposition("attachment; filename=x")
                .responseCacheControl("no-cache").responseContentLanguage("fr")).response();
        assertEquals("application/octet-stream", response.contentType());
        assertEquals("attachment; filename=x", response.contentDisposition());
        assertEquals("no-cache", response.cacheControl());
        assertEquals("fr", response.contentLanguage());
    }

    @Test
    void conditionalWritesRefuseWithPreconditionFailed() {
        String etag = s3.putObject(b -> b.bucket(BUCKET).key("once").ifNoneMatch("*"), RequestBody.fromString("1")).eTag();
        S3Exception exists = s3Error(() -> s3.putObject(b -> b.bucket(BUCKET).key("once").ifNoneMatch("*"),
                RequestBody.fromString("2")));
        assertEquals(412, exists.statusCode());
        assertEquals("PreconditionFailed", exists.awsErrorDetails().errorCode());

        S3Exception stale = s3Error(() -> s3.putObject(b -> b.bucket(BUCKET).key("once").ifMatch("\"stale\""),
                RequestBody.fromString("2")));
        assertEquals("PreconditionFailed", stale.awsErrorDetails().errorCode());
        s3.putObject(b -> b.bucket(BUCKET).key("once").ifMatch(etag), RequestBody.fromString("3"));
        assertEquals("3", s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("once")).asUtf8String());
    }

    @Test
    void missingKeyFailsWithNoSuchKeyOnGetAndHead() {
        NoSuchKeyException e = assertThrows(NoSuchKeyException.class,
                () -> s3.getObject(b -> b.bucket(BUCKET).key("absent")));
        assertEquals("NoSuchKey", e.awsErrorDetails().errorCode());
        assertEquals(404, s3Error(() -> s3.headObject(b -> b.bucket(BUCKET).key("absent"))).statusCode());
    }

    @Test
    void missingBucketFailsWithNoSuchBucket() {
        S3Exception e = s3Error(() -> s3.getObject(b -> b.bucket("no-such-bucket-here").key("k")));
        assertEquals("NoSuchBucket", e.awsErrorDetails().errorCode());
    }

    @Test
    void keyLongerThan1024BytesFailsWithKeyTooLongError() {
        S3Exception e = s3Error(() -> s3.putObject(b -> b.bucket(BUCKET).key("k".repeat(1025)), RequestBody.fromString("x")));
        assertEquals("KeyTooLongError", e.awsErrorDetails().errorCode());
    }

    @Test
    void deleteObjectRemovesItAndDeletingAgainSucceeds() {
        s3.putObject(b -> b.bucket(BUCKET).key("gone"), RequestBody.fromString("x"));
        s3.deleteObject(b -> b.bucket(BUCKET).key("gone"));
        assertThrows(NoSuchKeyException.class, () -> s3.getObject(b -> b.bucket(BUCKET).key("gone")));
        s3.deleteObject(b -> b.bucket(BUCKET).key("gone"));
    }

    @Test
    void deleteObjectsReportsEachKeyUnlessQuiet() {
        s3.putObject(b -> b.bucket(BUCKET).key("batch/1"), RequestBody.fromString("1"));
        s3.putObject(b -> b.bucket(BUCKET).key("batch/2"), RequestBody.fromString("2"));
        var loud = s3.deleteObjects(b -> b.bucket(BUCKET).delete(d -> d.objects(
                o -> o.key("batch/1"), o -> o.key("batch/2"))));
        assertEquals(List.of("batch/1", "batch/2"), loud.deleted().stream().map(d -> d.key()).toList());
        assertTrue(loud.errors().isEmpty());

        s3.putObject(b -> b.bucket(BUCKET).key("batch/3"), RequestBody.fromString("3"));
        var quiet = s3.deleteObjects(b -> b.bucket(BUCKET).delete(d -> d.quiet(true).objects(o -> o.key("batch/3"))));
        assertTrue(quiet.deleted().isEmpty());
        assertEquals(0, s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("batch/")).keyCount());
    }

    @Test
    void copyObjectCopiesMetadataOrReplacesIt() {
        s3.putObject(b -> b.bucket(BUCKET).key("src").contentType("text/plain").metadata(Map.of("a", "1")),
                RequestBody.fromString("copied"));
        s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("src").destinationBucket(BUCKET).destinationKey("dst/copy"));
        ResponseBytes<GetObjectResponse> copy = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("dst/copy"));
        assertEquals("copied", copy.asUtf8String());
        assertEquals(Map.of("a", "1"), copy.response().metadata());
        assertEquals("text/plain", copy.response().contentType());

        s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("src").destinationBucket(BUCKET).destinationKey("dst/replaced")
                .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("b", "2")).contentType("text/csv"));
        HeadObjectResponse replaced = s3.headObject(b -> b.bucket(BUCKET).key("dst/replaced"));
        assertEquals(Map.of("b", "2"), replaced.metadata());
        assertEquals("text/csv", replaced.contentType());
    }

    @Test
    void copyOntoItselfNeedsReplace() {
        s3.putObject(b -> b.bucket(BUCKET).key("self"), RequestBody.fromString("x"));
        S3Exception e = s3Error(() -> s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("self")
                .destinationBucket(BUCKET).destinationKey("self")));
        assertEquals("InvalidRequest", e.awsErrorDetails().errorCode());
        s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("self").destinationBucket(BUCKET).destinationKey("self")
                .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("v", "2")));
        assertEquals(Map.of("v", "2"), s3.headObject(b -> b.bucket(BUCKET).key("self")).metadata());
    }

    @Test
    void copySourceConditionsFailWithPreconditionFailed() {
        s3.putObject(b -> b.bucket(BUCKET).key("cs"), RequestBody.fromString("x"));
        S3Exception e = s3Error(() -> s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("cs")
                .destinationBucket(BUCKET).destinationKey("cs2").copySourceIfMatch("\"nope\"")));
        assertEquals(412, e.statusCode());
        assertEquals("PreconditionFailed", e.awsErrorDetails().errorCode());
        S3Exception none = s3Error(() -> s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("cs")
                .destinationBucket(BUCKET).destinationKey("cs2")
                .copySourceIfModifiedSince(s3.headObject(h -> h.bucket(BUCKET).key("cs")).lastModified())));
        assertEquals("PreconditionFailed", none.awsErrorDetails().errorCode());
    }

    @Test
    void copyOfAMissingSourceFailsWithNoSuchKey() {
        S3Exception e = s3Error(() -> s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("nothing")
                .destinationBucket(BUCKET).destinationKey("x")));
        assertEquals("NoSuchKey", e.awsErrorDetails().errorCode());
    }

    @Test
    void virtualHostedAddressingReachesTheSameObjects(URI endpoint) {
        try (S3Client vhost = s3VirtualHost(endpoint)) {
            vhost.putObject(b -> b.bucket(BUCKET).key("vhost/a b.txt"), RequestBody.fromString("virtual"));
            assertEquals("virtual", s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("vhost/a b.txt")).asUtf8String());
            assertEquals("virtual", vhost.getObjectAsBytes(b -> b.bucket(BUCKET).key("vhost/a b.txt")).asUtf8String());
            assertEquals(1, vhost.listObjectsV2(b -> b.bucket(BUCKET).prefix("vhost/")).keyCount());
            assertFalse(vhost.listBuckets().buckets().isEmpty());
        }
    }

    @Test
    void emptyObjectsAreObjects() {
        s3.putObject(b -> b.bucket(BUCKET).key("empty"), RequestBody.empty());
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("empty"));
        assertEquals(0, got.asByteArray().length);
        assertEquals(0L, got.response().contentLength());
        assertNull(got.response().contentRange());
    }
}
