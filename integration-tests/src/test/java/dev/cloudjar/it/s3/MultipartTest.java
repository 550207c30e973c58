package dev.cloudjar.it.s3;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static dev.cloudjar.it.fixtures.Clients.s3;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Cloudjar
class MultipartTest {
    static final String BUCKET = "multipart";
    static final int MIB = 1024 * 1024;
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

    static byte[] filled(int size, int seed) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) seed);
        bytes[0] = (byte) (seed + 1);
        return bytes;
    }

    static String upload(String key) {
        return s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
    }

    static CompletedPart part(String key, String uploadId, int number, byte[] bytes) {
        String etag = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(number),
                RequestBody.fromBytes(bytes)).eTag();
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    @Test
    void completedUploadIsTheConcatenationWithTheMultipartETag() throws Exception {
        byte[] one = filled(5 * MIB, 1);
        byte[] two = filled(1234, 2);
        String id = upload("big");
        CompletedPart p1 = part("big", id, 1, one);
        CompletedPart p2 = part("big", id, 2, two);
        String etag = s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("big").uploadId(id)
                .multipartUpload(m -> m.parts(p1, p2))).eTag();

        MessageDigest md5s = MessageDigest.getInstance("MD5");
        md5s.update(MessageDigest.getInstance("MD5").digest(one));
        md5s.update(MessageDigest.getInstance("MD5").digest(two));
        assertEquals("\"" + HexFormat.of().formatHex(md5s.digest()) + "-2\"", etag);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(one);
        expected.write(two);
        assertArrayEquals(expected.toByteArray(), s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("big")).asByteArray());
        assertEquals(2, s3.headObject(b -> b.bucket(BUCKET).key("big").partNumber(1)).partsCount());
        assertThrows(NoSuchUploadException.class, () -> s3.listParts(b -> b.bucket(BUCKET).key("big").uploadId(id)));
    }

    @Test
    void partsSmallerThan5MiBExceptTheLastFailWithEntityTooSmall() {
        String id = upload("small");
        CompletedPart p1 = part("small", id, 1, filled(100, 1));
        CompletedPart p2 = part("small", id, 2, filled(100, 2));
        S3Exception e = assertThrows(S3Exception.class, () -> s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("small")
                .uploadId(id).multipartUpload(m -> m.parts(p1, p2))));
        assertEquals("EntityTooSmall", e.awsErrorDetails().errorCode());
    }

    @Test
    void unknownPartOrWrongETagFailsWithInvalidPart() {
        String id = upload("invalid");
        CompletedPart p1 = part("invalid", id, 1, filled(10, 1));
        S3Exception wrongTag = assertThrows(S3Exception.class, () -> s3.completeMultipartUpload(b -> b.bucket(BUCKET)
                .key("invalid").uploadId(id).multipartUpload(m -> m.parts(p1.toBuilder().eTag("\"0000\"").build()))));
        assertEquals("InvalidPart", wrongTag.awsErrorDetails().errorCode());
        S3Exception missing = assertThrows(S3Exception.class, () -> s3.completeMultipartUpload(b -> b.bucket(BUCKET)
                .key("invalid").uploadId(id).multipartUpload(m -> m.parts(p1.toBuilder().partNumber(7).build()))));
        assertEquals("InvalidPart", missing.awsErrorDetails().errorCode());
    }

    @Test
    void partsOutOfOrderFailWithInvalidPartOrder() {
        String id = upload("order");
        CompletedPart p1 = part("order", id, 1, filled(5 * MIB, 1));
        CompletedPart p2 = part("order", id, 2, filled(10, 2));
        S3Exception e = assertThrows(S3Exception.class, () -> s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("order")
                .uploadId(id).multipartUpload(m -> m.parts(p2, p1))));
        assertEquals("InvalidPartOrder", e.awsErrorDetails().errorCode());
    }

    @Test
    void abortedUploadIsGoneWithNoSuchUpload() {
        String id = upload("aborted");
        part("aborted", id, 1, filled(10, 1));
        s3.abortMultipartUpload(b -> b.bucket(BUCKET).key("aborted").uploadId(id));
        NoSuchUploadException e = assertThrows(NoSuchUploadException.class,
                () -> s3.uploadPart(b -> b.bucket(BUCKET).key("aborted").uploadId(id).partNumber(2), RequestBody.fromString("x")));
        assertEquals("NoSuchUpload", e.awsErrorDetails().errorCode());
        assertThrows(NoSuchUploadException.class, () -> s3.abortMultipartUpload(b -> b.bucket(BUCKET).key("aborted").uploadId(id)));
    }

    @Test
    void listPartsAndListMultipartUploadsShowWorkInProgress() {
        String id = upload("progress/one");
        part("progress/one", id, 1, filled(10, 1));
        part("progress/one", id, 3, filled(20, 3));
        var parts = s3.listParts(b -> b.bucket(BUCKET).key("progress/one").uploadId(id));
        assertEquals(List.of(1, 3), parts.parts().stream().map(p -> p.partNumber()).toList());
        assertEquals(List.of(10L, 20L), parts.parts().stream().map(p -> p.size()).toList());
        var page = s3.listParts(b -> b.bucket(BUCKET).key("progress/one").uploadId(id).maxParts(1));
        assertTrue(page.isTruncated());
        assertEquals(1, page.nextPartNumberMarker());

        var uploads = s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix("progress/"));
        assertEquals(List.of(id), uploads.uploads().stream().map(u -> u.uploadId()).toList());
    }

    @Test
    void listMultipartUploadsGroupsKeysUnderTheDelimiterIntoCommonPrefixes() {
        upload("tree/a/1");
        upload("tree/a/2");
        String b1 = upload("tree/b");
        String b2 = upload("tree/b");
        upload("tree/c/x");
        upload("elsewhere");

        var listing = s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix("tree/").delimiter("/"));

        assertEquals(List.of("tree/a/", "tree/c/"), listing.commonPrefixes().stream().map(p -> p.prefix()).toList());
        assertEquals(java.util.Set.of(b1, b2), java.util.Set.copyOf(listing.uploads().stream().map(u -> u.uploadId()).toList()));
        assertEquals(2, listing.uploads().size());
        assertEquals("/", listing.delimiter());
        assertEquals(false, listing.isTruncated());
    }

    @Test
    void listMultipartUploadsPagesWithKeyAndUploadIdMarkers() {
        String first = upload("paged/k");
        String second = upload("paged/k");
        upload("paged/sub/one");
        upload("paged/sub/two");
        String last = upload("paged/z");

        List<String> seen = new java.util.ArrayList<>();
        String keyMarker = null;
        String uploadIdMarker = null;
        boolean truncated = true;
        while (truncated) {
            String k = keyMarker;
            String u = uploadIdMarker;
            var page = s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix("paged/").delimiter("/").maxUploads(1)
                    .keyMarker(k).uploadIdMarker(u));
            page.uploads().forEach(upload -> seen.add(upload.uploadId()));
            page.commonPrefixes().forEach(p -> seen.add(p.prefix()));
            assertTrue(page.uploads().size() + page.commonPrefixes().size() <= 1);
            truncated = page.isTruncated();
            keyMarker = page.nextKeyMarker();
            uploadIdMarker = page.nextUploadIdMarker();
        }

        // Two uploads of one key initiated within the same second come in either order, each once.
        assertEquals(java.util.Set.of(first, second), java.util.Set.copyOf(seen.subList(0, 2)));
        assertEquals(List.of("paged/sub/", last), seen.subList(2, seen.size()));
    }

    @Test
    void uploadPartCopyTakesByteRangesOfAnObject() {
        byte[] source = new byte[6 * MIB];
        for (int i = 0; i < source.length; i++) {
            source[i] = (byte) (i % 251);
        }
        s3.putObject(b -> b.bucket(BUCKET).key("copy-source"), RequestBody.fromBytes(source));
        String id = upload("copied");
        String e1 = s3.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey("copy-source").destinationBucket(BUCKET)
                .destinationKey("copied").uploadId(id).partNumber(1).copySourceRange("bytes=0-" + (5 * MIB - 1)))
                .copyPartResult().eTag();
        String e2 = s3.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey("copy-source").destinationBucket(BUCKET)
                .destinationKey("copied").uploadId(id).partNumber(2).copySourceRange("bytes=" + (5 * MIB) + "-" + (6 * MIB - 1)))
                .copyPartResult().eTag();
        s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("copied").uploadId(id).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(e1).build(), CompletedPart.builder().partNumber(2).eTag(e2).build())));
        assertArrayEquals(source, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("copied")).asByteArray());

        S3Exception bad = assertThrows(S3Exception.class, () -> s3.uploadPartCopy(b -> b.sourceBucket(BUCKET)
                .sourceKey("copy-source").destinationBucket(BUCKET).destinationKey("copied2").uploadId(upload("copied2"))
                .partNumber(1).copySourceRange("bytes=0-" + (7 * MIB))));
        assertEquals("InvalidArgument", bad.awsErrorDetails().errorCode());
    }
}
