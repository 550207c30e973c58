package dev.cloudjar.it.s3;

import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.util.List;

import static dev.cloudjar.it.fixtures.Clients.s3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The headers and listing fields of S3's successful answers, as AWS sends them. */
@Cloudjar
class S3ResponseFidelityTest {
    private static final String HTTP_DATE = "[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT";
    static S3Client s3;

    @BeforeAll
    static void open(URI endpoint) {
        s3 = s3(endpoint);
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    @Test
    void objectsAnswerWithQuotedETagsWholeSecondDatesAndRangesInBytes() {
        s3.createBucket(b -> b.bucket("fid-headers"));
        PutObjectResponse put = s3.putObject(b -> b.bucket("fid-headers").key("eight"), RequestBody.fromString("12345678"));
        assertTrue(put.eTag().matches("\"[0-9a-f]{32}\""), put.eTag());
        assertNull(put.versionId());
        assertTrue(put.sdkHttpResponse().firstMatchingHeader("x-amz-version-id").isEmpty());

        HeadObjectResponse head = s3.headObject(b -> b.bucket("fid-headers").key("eight"));
        assertEquals("bytes", head.acceptRanges());
        assertEquals(put.eTag(), head.eTag());
        assertEquals(0, head.lastModified().getNano());
        assertTrue(head.sdkHttpResponse().firstMatchingHeader("Last-Modified").orElseThrow().matches(HTTP_DATE));
        assertEquals(8L, head.contentLength());

        ResponseBytes<GetObjectResponse> range = s3.getObjectAsBytes(b -> b.bucket("fid-headers").key("eight").range("bytes=2-5"));
        assertEquals(206, range.response().sdkHttpResponse().statusCode());
        assertEquals("bytes 2-5/8", range.response().contentRange());
        assertEquals(4L, range.response().contentLength());
        assertEquals("3456", range.asUtf8String());
        ResponseBytes<GetObjectResponse> suffix = s3.getObjectAsBytes(b -> b.bucket("fid-headers").key("eight").range("bytes=-3"));
        assertEquals("bytes 5-7/8", suffix.response().contentRange());
        ResponseBytes<GetObjectResponse> part = s3.getObjectAsBytes(b -> b.bucket("fid-headers").key("eight").partNumber(1));
        assertEquals(206, part.response().sdkHttpResponse().statusCode());
        assertEquals("bytes 0-7/8", part.response().contentRange());
        assertNull(part.response().partsCount());
        assertEquals("12345678", s3.getObjectAsBytes(b -> b.bucket("fid-headers").key("eight")
                .ifModifiedSince(java.time.Instant.now().plusSeconds(86_400))).asUtf8String());
        s3.copyObject(b -> b.sourceBucket("fid-headers").sourceKey("eight").destinationBucket("fid-headers")
                .destinationKey("copy").copySourceIfModifiedSince(java.time.Instant.now().plusSeconds(86_400)));
        ResponseBytes<GetObjectResponse> beyond = s3.getObjectAsBytes(b -> b.bucket("fid-headers").key("eight").range("bytes=6-100"));
        assertEquals("bytes 6-7/8", beyond.response().contentRange());
    }

    @Test
    void checksumsAreAnsweredOnlyWhenAskedFor(URI endpoint) {
        s3.createBucket(b -> b.bucket("fid-checksums"));
        PutObjectResponse put = s3.putObject(b -> b.bucket("fid-checksums").key("k"), RequestBody.fromString("data"));
        // The SDK sends a CRC32 by default; S3 answers with the checksum it stored.
        assertNotNull(put.checksumCRC32());
        assertNull(s3.headObject(b -> b.bucket("fid-checksums").key("k")).checksumCRC32());
        assertEquals(put.checksumCRC32(), s3.headObject(b -> b.bucket("fid-checksums").key("k")
                .checksumMode(ChecksumMode.ENABLED)).checksumCRC32());
        try (S3Client plain = Clients.client(S3Client.builder().forcePathStyle(true)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED), endpoint,
                AwsBasicCredentials.create("test", "test"))) {
            GetObjectResponse get = plain.getObjectAsBytes(b -> b.bucket("fid-checksums").key("k")).response();
            assertTrue(get.sdkHttpResponse().headers().keySet().stream().noneMatch(h -> h.toLowerCase().startsWith("x-amz-checksum-")),
                    get.sdkHttpResponse().headers().toString());
        }
    }

    @Test
    void versionedWritesAndDeletesNameTheirVersions() {
        s3.createBucket(b -> b.bucket("fid-versions"));
        s3.putBucketVersioning(b -> b.bucket("fid-versions").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        String v1 = s3.putObject(b -> b.bucket("fid-versions").key("k"), RequestBody.fromString("1")).versionId();
        String v2 = s3.putObject(b -> b.bucket("fid-versions").key("k"), RequestBody.fromString("2")).versionId();
        var deleted = s3.deleteObject(b -> b.bucket("fid-versions").key("k"));
        assertEquals(true, deleted.deleteMarker());
        String marker = deleted.versionId();
        String other = s3.putObject(b -> b.bucket("fid-versions").key("l"), RequestBody.fromString("3")).versionId();
        var removed = s3.deleteObject(b -> b.bucket("fid-versions").key("k").versionId(v1));
        assertNull(removed.deleteMarker());
        assertEquals(v1, removed.versionId());
        s3.putObject(b -> b.bucket("fid-versions").key("k0"), RequestBody.fromString("x"));
        String markerK0 = s3.deleteObject(b -> b.bucket("fid-versions").key("k0")).versionId();

        ListObjectVersionsResponse list = s3.listObjectVersions(b -> b.bucket("fid-versions").prefix("k").maxKeys(3));
        // Versions and markers together in key order, newest first within a key, split into their two lists.
        assertEquals(List.of("k:" + v2 + ":false"), list.versions().stream()
                .map(v -> v.key() + ":" + v.versionId() + ":" + v.isLatest()).toList());
        List<DeleteMarkerEntry> markers = list.deleteMarkers();
        assertEquals(List.of("k:" + marker + ":true", "k0:" + markerK0 + ":true"), markers.stream()
                .map(m -> m.key() + ":" + m.versionId() + ":" + m.isLatest()).toList());
        assertEquals(true, list.isTruncated());
        assertEquals("k0", list.nextKeyMarker());
        assertEquals(markerK0, list.nextVersionIdMarker());
        assertTrue(list.versions().get(0).owner().id().matches("[0-9a-f]{64}"));
        assertNull(list.versions().get(0).owner().displayName());
        ObjectVersion latest = s3.listObjectVersions(b -> b.bucket("fid-versions").prefix("l")).versions().get(0);
        assertEquals(other, latest.versionId());
        assertEquals(true, latest.isLatest());
    }

    @Test
    void urlEncodedListingsRoundTripKeysXmlCannotCarry() {
        s3.createBucket(b -> b.bucket("fid-encoding"));
        List<String> keys = List.of("a b/c+d", "a b/ctl\u0001char", "a b/é ü", "a b/sub/deep");
        keys.forEach(k -> s3.putObject(b -> b.bucket("fid-encoding").key(k), RequestBody.fromString("x")));
        ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket("fid-encoding").prefix("a b/").delimiter("/")
                .startAfter("a b/").encodingType(EncodingType.URL));
        assertEquals(List.of("a b/c+d", "a b/ctl\u0001char", "a b/é ü"), page.contents().stream().map(S3Object::key).toList());
        assertEquals(List.of("a b/sub/"), page.commonPrefixes().stream().map(CommonPrefix::prefix).toList());
        assertEquals("a b/", page.prefix());
        assertEquals("a b/", page.startAfter());
        assertEquals("/", page.delimiter());
        assertEquals(EncodingType.URL, page.encodingType());
    }

    @Test
    void listPartsPagesByPartNumberMarkerAndAnswersZeroPastTheEnd() {
        s3.createBucket(b -> b.bucket("fid-parts"));
        String id = s3.createMultipartUpload(b -> b.bucket("fid-parts").key("k")).uploadId();
        var empty = s3.listParts(b -> b.bucket("fid-parts").key("k").uploadId(id));
        assertEquals(0, empty.nextPartNumberMarker());
        assertEquals(0, empty.partNumberMarker());
        assertEquals(1000, empty.maxParts());
        for (int n = 1; n <= 2; n++) {
            int part = n;
            s3.uploadPart(b -> b.bucket("fid-parts").key("k").uploadId(id).partNumber(part), RequestBody.fromString("four"));
        }
        var first = s3.listParts(b -> b.bucket("fid-parts").key("k").uploadId(id).maxParts(1));
        assertEquals(true, first.isTruncated());
        assertEquals(1, first.nextPartNumberMarker());
        var next = s3.listParts(b -> b.bucket("fid-parts").key("k").uploadId(id).maxParts(1).partNumberMarker(1));
        assertEquals(false, next.isTruncated());
        assertEquals(2, next.nextPartNumberMarker());
        var past = s3.listParts(b -> b.bucket("fid-parts").key("k").uploadId(id).partNumberMarker(10));
        assertEquals(0, past.nextPartNumberMarker());
        assertEquals(10, past.partNumberMarker());
    }

    @Test
    void listObjectsV1GivesNextMarkerOnlyWithADelimiter() {
        s3.createBucket(b -> b.bucket("fid-v1"));
        for (String key : List.of("a", "b/1", "b/2", "c")) {
            s3.putObject(b -> b.bucket("fid-v1").key(key), RequestBody.fromString("x"));
        }
        ListObjectsResponse plain = s3.listObjects(b -> b.bucket("fid-v1").maxKeys(2));
        assertEquals(true, plain.isTruncated());
        assertNull(plain.nextMarker());
        assertEquals("", plain.marker());
        assertNotNull(plain.contents().get(0).owner());

        ListObjectsResponse delimited = s3.listObjects(b -> b.bucket("fid-v1").delimiter("/").maxKeys(2));
        assertEquals(true, delimited.isTruncated());
        assertEquals("b/", delimited.nextMarker());
        ListObjectsResponse rest = s3.listObjects(b -> b.bucket("fid-v1").delimiter("/").marker("b/"));
        assertEquals(List.of("c"), rest.contents().stream().map(S3Object::key).toList());
        assertEquals(false, rest.isTruncated());
        assertNull(rest.nextMarker());
    }
}
