package dev.cloudjar.it.s3;

import dev.cloudjar.junit5.Cloudjar;
import dev.cloudjar.s3.checksum.Crc64Nvme;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.zip.CRC32;

import static dev.cloudjar.it.fixtures.Clients.s3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Content-MD5 and the SDK's flexible checksums, sent as headers or aws-chunked trailers. */
@Cloudjar
class ChecksumTest {
    static final String BUCKET = "checksums";
    static final byte[] BODY = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
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

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32_C", "SHA1", "SHA256"})
    void everyAlgorithmIsVerifiedStoredAndReturnedWithChecksumMode(ChecksumAlgorithm algorithm) {
        String key = "alg-" + algorithm;
        var put = s3.putObject(b -> b.bucket(BUCKET).key(key).checksumAlgorithm(algorithm), RequestBody.fromBytes(BODY));
        var got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key).checksumMode(ChecksumMode.ENABLED));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key(key).checksumMode(ChecksumMode.ENABLED));
        String sent = switch (algorithm) {
            case CRC32 -> put.checksumCRC32();
            case CRC32_C -> put.checksumCRC32C();
            case SHA1 -> put.checksumSHA1();
            default -> put.checksumSHA256();
        };
        String stored = switch (algorithm) {
            case CRC32 -> head.checksumCRC32();
            case CRC32_C -> head.checksumCRC32C();
            case SHA1 -> head.checksumSHA1();
            default -> head.checksumSHA256();
        };
        assertNotNull(sent);
        assertEquals(sent, stored);
        assertEquals(new String(BODY, StandardCharsets.UTF_8), got.asUtf8String());
    }

    @Test
    void crc32MatchesTheJdksComputation() {
        CRC32 crc = new CRC32();
        crc.update(BODY);
        String expected = Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        s3.putObject(b -> b.bucket(BUCKET).key("crc32").checksumCRC32(expected), RequestBody.fromBytes(BODY));
        assertEquals(expected, s3.headObject(b -> b.bucket(BUCKET).key("crc32").checksumMode(ChecksumMode.ENABLED)).checksumCRC32());
    }

    /** The SDK computes CRC64NVME only with the CRT on its class path, so the test sends the value itself. */
    static String crc64Nvme(byte[] bytes) {
        Crc64Nvme crc = new Crc64Nvme();
        crc.update(bytes, 0, bytes.length);
        return Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(8).putLong(crc.getValue()).array());
    }

    @Test
    void crc64NvmeSentAsAHeaderIsVerifiedAndStored() {
        s3.putObject(b -> b.bucket(BUCKET).key("crc64").checksumCRC64NVME(crc64Nvme(BODY)), RequestBody.fromBytes(BODY));
        assertEquals(crc64Nvme(BODY),
                s3.headObject(b -> b.bucket(BUCKET).key("crc64").checksumMode(ChecksumMode.ENABLED)).checksumCRC64NVME());
        S3Exception e = assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket(BUCKET).key("crc64-bad")
                .checksumCRC64NVME(crc64Nvme("other".getBytes())), RequestBody.fromBytes(BODY)));
        assertEquals("BadDigest", e.awsErrorDetails().errorCode());
    }

    @Test
    void wrongChecksumFailsWithBadDigestAndStoresNothing() {
        S3Exception e = assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket(BUCKET).key("bad-crc")
                .checksumCRC32("AAAAAA=="), RequestBody.fromBytes(BODY)));
        assertEquals("BadDigest", e.awsErrorDetails().errorCode());
        assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket(BUCKET).key("bad-crc")));
    }

    @Test
    void wrongContentMd5FailsWithBadDigest() throws Exception {
        String wrong = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest("other".getBytes()));
        S3Exception e = assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket(BUCKET).key("bad-md5")
                .contentMD5(wrong), RequestBody.fromBytes(BODY)));
        assertEquals("BadDigest", e.awsErrorDetails().errorCode());
        String right = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(BODY));
        s3.putObject(b -> b.bucket(BUCKET).key("good-md5").contentMD5(right), RequestBody.fromBytes(BODY));
    }

    @Test
    void malformedContentMd5FailsWithInvalidDigest() {
        S3Exception e = assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket(BUCKET).key("bad-md5")
                .contentMD5("not-base64!"), RequestBody.fromBytes(BODY)));
        assertEquals("InvalidDigest", e.awsErrorDetails().errorCode());
    }

    @Test
    void multipartUploadsGetACompositeChecksumOfTheirParts() {
        String id = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("composite").checksumAlgorithm(ChecksumAlgorithm.SHA256)).uploadId();
        var part = s3.uploadPart(b -> b.bucket(BUCKET).key("composite").uploadId(id).partNumber(1)
                .checksumAlgorithm(ChecksumAlgorithm.SHA256), RequestBody.fromBytes(BODY));
        var done = s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("composite").uploadId(id).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(part.eTag()).checksumSHA256(part.checksumSHA256()).build())));
        assertTrue(done.checksumSHA256().endsWith("-1"), done.checksumSHA256());
        assertEquals(done.checksumSHA256(),
                s3.headObject(b -> b.bucket(BUCKET).key("composite").checksumMode(ChecksumMode.ENABLED)).checksumSHA256());
    }

    @Test
    void multipartUploadsWithCrc64NvmeChecksumTheWholeObject() {
        String id = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("full").checksumAlgorithm(ChecksumAlgorithm.CRC64_NVME)).uploadId();
        byte[] half = java.util.Arrays.copyOf(BODY, 10);
        byte[] rest = java.util.Arrays.copyOfRange(BODY, 10, BODY.length);
        var p1 = s3.uploadPart(b -> b.bucket(BUCKET).key("full").uploadId(id).partNumber(1)
                .checksumCRC64NVME(crc64Nvme(half)), RequestBody.fromBytes(half));
        var p2 = s3.uploadPart(b -> b.bucket(BUCKET).key("full").uploadId(id).partNumber(2)
                .checksumCRC64NVME(crc64Nvme(rest)), RequestBody.fromBytes(rest));
        S3Exception small = assertThrows(S3Exception.class, () -> s3.completeMultipartUpload(b -> b.bucket(BUCKET)
                .key("full").uploadId(id).multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(p1.eTag()).build(),
                        CompletedPart.builder().partNumber(2).eTag(p2.eTag()).build()))));
        assertEquals("EntityTooSmall", small.awsErrorDetails().errorCode());
        var done = s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("full").uploadId(id).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(p1.eTag()).build())));
        assertEquals(crc64Nvme(half), done.checksumCRC64NVME());
        assertEquals("FULL_OBJECT", done.checksumTypeAsString());
    }
}
