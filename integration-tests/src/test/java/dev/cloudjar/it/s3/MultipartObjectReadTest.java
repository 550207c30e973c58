package dev.cloudjar.it.s3;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

import static dev.cloudjar.it.fixtures.Clients.s3;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Reads of a completed multipart object, which is stored as its parts: ranges that start, end or
 * cross at part boundaries, part reads, copies from it, and its whole-object checksum.
 */
@Cloudjar
class MultipartObjectReadTest {
    static final String BUCKET = "multipart-read";
    static final int MIB = 1024 * 1024;
    /** Three parts: two of S3's 5 MiB minimum and a shorter last one. */
    static final int[] PART_SIZES = {5 * MIB, 5 * MIB, 2 * MIB + 7};
    static final byte[] OBJECT = random(5 * MIB + 5 * MIB + 2 * MIB + 7, 1);
    static final int SECOND = PART_SIZES[0];
    static final int THIRD = PART_SIZES[0] + PART_SIZES[1];
    static S3Client s3;

    @BeforeAll
    static void uploadTheObject(URI endpoint) {
        s3 = s3(endpoint);
        s3.createBucket(b -> b.bucket(BUCKET));
        multipart("three-parts", OBJECT, PART_SIZES, null);
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Uploads {@code bytes} as parts of the given sizes and completes the upload. */
    static void multipart(String key, byte[] bytes, int[] sizes, ChecksumAlgorithm algorithm) {
        String id = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key).checksumAlgorithm(algorithm)
                .checksumType(algorithm == null ? null : ChecksumType.FULL_OBJECT)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        int offset = 0;
        for (int size : sizes) {
            int number = parts.size() + 1;
            byte[] part = Arrays.copyOfRange(bytes, offset, offset + size);
            String etag = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(number)
                    .checksumAlgorithm(algorithm), RequestBody.fromBytes(part)).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            offset += size;
        }
        s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(id).multipartUpload(m -> m.parts(parts)));
    }

    static ResponseBytes<GetObjectResponse> range(String range) {
        return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("three-parts").range(range));
    }

    static void assertRange(int first, int last) {
        ResponseBytes<GetObjectResponse> got = range("bytes=" + first + "-" + last);
        assertArrayEquals(Arrays.copyOfRange(OBJECT, first, last + 1), got.asByteArray());
        assertEquals("bytes " + first + "-" + last + "/" + OBJECT.length, got.response().contentRange());
        assertEquals(last - first + 1, got.response().contentLength());
    }

    @Test
    void wholeObjectReadsAsThePartsInOrder() {
        assertArrayEquals(OBJECT, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("three-parts")).asByteArray());
        var head = s3.headObject(b -> b.bucket(BUCKET).key("three-parts"));
        assertEquals(OBJECT.length, head.contentLength());
        // Only a request naming a part learns the count (HeadObject reference, x-amz-mp-parts-count).
        assertEquals(null, head.partsCount());
        assertEquals(3, s3.headObject(b -> b.bucket(BUCKET).key("three-parts").partNumber(2)).partsCount());
    }

    @Test
    void rangeFromTheFirstByteOfAPart() {
        assertRange(SECOND, SECOND + 99);
        assertRange(THIRD, OBJECT.length - 1);
    }

    @Test
    void rangeToTheLastByteOfAPart() {
        assertRange(0, SECOND - 1);
        assertRange(SECOND - 100, SECOND - 1);
        assertRange(THIRD - 1, THIRD - 1);
    }

    @Test
    void rangeOfTwoBytesOnEitherSideOfABoundary() {
        assertRange(SECOND - 1, SECOND);
        assertRange(THIRD - 1, THIRD);
    }

    @Test
    void rangeOverThreeParts() {
        assertRange(SECOND - 10, THIRD + 10);
        assertRange(1, OBJECT.length - 2);
    }

    @Test
    void suffixRangeReachingIntoAnEarlierPart() {
        int length = PART_SIZES[2] + 1000;
        ResponseBytes<GetObjectResponse> got = range("bytes=-" + length);
        assertArrayEquals(Arrays.copyOfRange(OBJECT, OBJECT.length - length, OBJECT.length), got.asByteArray());
        assertEquals("bytes " + (OBJECT.length - length) + "-" + (OBJECT.length - 1) + "/" + OBJECT.length,
                got.response().contentRange());
    }

    @Test
    void openEndedRangeFromInsideAPart() {
        ResponseBytes<GetObjectResponse> got = range("bytes=" + (SECOND + 5) + "-");
        assertArrayEquals(Arrays.copyOfRange(OBJECT, SECOND + 5, OBJECT.length), got.asByteArray());
    }

    @Test
    void partNumberReadsOnePartWithItsRange() {
        int first = 0;
        for (int number = 1; number <= PART_SIZES.length; number++) {
            int n = number;
            int last = first + PART_SIZES[number - 1] - 1;
            ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("three-parts").partNumber(n));
            assertArrayEquals(Arrays.copyOfRange(OBJECT, first, last + 1), got.asByteArray(), "part " + n);
            assertEquals("bytes " + first + "-" + last + "/" + OBJECT.length, got.response().contentRange());
            assertEquals(3, got.response().partsCount());
            assertEquals((long) PART_SIZES[number - 1],
                    s3.headObject(b -> b.bucket(BUCKET).key("three-parts").partNumber(n)).contentLength());
            first = last + 1;
        }
        S3Exception beyond = assertThrows(S3Exception.class,
                () -> s3.getObject(b -> b.bucket(BUCKET).key("three-parts").partNumber(4)));
        assertEquals(416, beyond.statusCode());
    }

    @Test
    void getObjectAttributesListsTheParts() {
        var parts = s3.getObjectAttributes(b -> b.bucket(BUCKET).key("three-parts")
                .objectAttributes(ObjectAttributes.OBJECT_PARTS, ObjectAttributes.OBJECT_SIZE));
        assertEquals((long) OBJECT.length, parts.objectSize());
        assertEquals(List.of((long) PART_SIZES[0], (long) PART_SIZES[1], (long) PART_SIZES[2]),
                parts.objectParts().parts().stream().map(p -> p.size()).toList());
    }

    @Test
    void copyObjectOfAMultipartSourceCopiesEveryPart() {
        s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("three-parts").destinationBucket(BUCKET).destinationKey("copy"));
        assertArrayEquals(OBJECT, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("copy")).asByteArray());
        assertEquals(null, s3.headObject(b -> b.bucket(BUCKET).key("copy")).partsCount());
    }

    @Test
    void uploadPartCopyTakesRangesAcrossTheSourcesParts() {
        String id = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("part-copy")).uploadId();
        int first = SECOND - 3 * MIB;
        int split = SECOND + 2 * MIB;
        int last = THIRD + 10;
        String e1 = s3.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey("three-parts").destinationBucket(BUCKET)
                .destinationKey("part-copy").uploadId(id).partNumber(1).copySourceRange("bytes=" + first + "-" + (split - 1)))
                .copyPartResult().eTag();
        String e2 = s3.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey("three-parts").destinationBucket(BUCKET)
                .destinationKey("part-copy").uploadId(id).partNumber(2).copySourceRange("bytes=" + split + "-" + last))
                .copyPartResult().eTag();
        s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("part-copy").uploadId(id).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(e1).build(), CompletedPart.builder().partNumber(2).eTag(e2).build())));
        assertArrayEquals(Arrays.copyOfRange(OBJECT, first, last + 1),
                s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("part-copy")).asByteArray());
    }

    /** The whole-object CRC is combined from the parts' CRCs; the SDK checks it again against the body. */
    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32_C"})
    void fullObjectCrcCoversTheBytesOfEveryPart(ChecksumAlgorithm algorithm) {
        byte[] bytes = random(5 * MIB + 5 * MIB + 333, 2);
        String key = "full-" + algorithm;
        multipart(key, bytes, new int[]{5 * MIB, 5 * MIB, 333}, algorithm);
        Checksum crc = algorithm == ChecksumAlgorithm.CRC32 ? new CRC32() : new CRC32C();
        crc.update(bytes);
        String expected = Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        var got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key).checksumMode(ChecksumMode.ENABLED));
        assertEquals(expected, algorithm == ChecksumAlgorithm.CRC32 ? got.response().checksumCRC32()
                : got.response().checksumCRC32C());
        assertEquals(ChecksumType.FULL_OBJECT, got.response().checksumType());
        assertArrayEquals(bytes, got.asByteArray());
    }

    @Test
    void overwritingAMultipartObjectServesTheNewBytes() {
        byte[] first = random(5 * MIB + 1, 3);
        multipart("overwritten", first, new int[]{5 * MIB, 1}, null);
        s3.putObject(b -> b.bucket(BUCKET).key("overwritten"), RequestBody.fromString("small"));
        assertEquals("small", s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("overwritten")).asUtf8String());
        byte[] second = random(5 * MIB + 2, 4);
        multipart("overwritten", second, new int[]{5 * MIB, 2}, null);
        assertArrayEquals(second, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("overwritten")).asByteArray());
    }
}
