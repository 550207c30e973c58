package dev.cloudjar.core.auth;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.model.Protocol;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;

import static dev.cloudjar.core.auth.SdkSigning.CREDENTIALS;
import static dev.cloudjar.core.auth.SdkSigning.SIGNED_AT;
import static dev.cloudjar.core.auth.SdkSigning.http;
import static dev.cloudjar.core.auth.SdkSigning.readAll;
import static dev.cloudjar.core.auth.SdkSigning.received;
import static dev.cloudjar.core.auth.SdkSigning.sentBody;
import static dev.cloudjar.core.auth.SdkSigning.signV4;
import static dev.cloudjar.core.auth.SdkSigning.verifierAt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** x-amz-content-sha256 as S3 checks it: declared hashes, aws-chunked bodies, chunk and trailer signatures. */
class S3PayloadTest {
    /** Larger than the SDK's 128 KiB chunks, so the body travels in several signed chunks. */
    private static final byte[] OBJECT = randomBytes(300_000);
    private static final byte[] OTHER = "not what was signed".getBytes(StandardCharsets.UTF_8);

    private final SigV4Verifier verifier = verifierAt(SIGNED_AT);

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    private static SdkHttpRequest put(String protocol, int length) {
        return http(SdkHttpMethod.PUT, "localhost", "/bucket/object.bin").protocol(protocol)
                .putHeader("Content-Length", String.valueOf(length))
                .putHeader("x-amz-content-sha256", "required").build();
    }

    private static SignedRequest signedHex(byte[] body) {
        return signV4(put("http", body.length), body, "s3", CREDENTIALS, SdkSigning::s3);
    }

    private static SignedRequest signedChunks(byte[] body) {
        return signV4(put("http", body.length), body, "s3", CREDENTIALS, r -> {
            SdkSigning.s3(r);
            r.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                    .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true);
        });
    }

    private static SignedRequest signedChunksWithChecksumTrailer(byte[] body) {
        return signV4(put("http", body.length), body, "s3", CREDENTIALS, r -> {
            SdkSigning.s3(r);
            r.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                    .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                    .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32);
        });
    }

    /** Over HTTPS the SDK leaves chunks unsigned and sends the checksum as a trailer. */
    private static SignedRequest unsignedChunksWithChecksumTrailer(byte[] body) {
        return signV4(put("https", body.length), body, "s3", CREDENTIALS, r -> {
            SdkSigning.s3(r);
            r.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                    .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                    .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32);
        });
    }

    private static String crc32Base64(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** The wire bytes with one byte of the first chunk's data flipped. */
    private static byte[] withOneAlteredByteInFirstChunk(byte[] wire) {
        byte[] altered = wire.clone();
        int dataStart = indexOf(altered, "\r\n".getBytes(StandardCharsets.US_ASCII)) + 2;
        altered[dataStart + 1000] ^= 0x01;
        return altered;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private static AwsException readingFails(Request request) {
        return assertThrows(AwsException.class, () -> readAll(request.body().stream()));
    }

    @Test
    void bufferedBodyMatchingItsDeclaredHashIsAccepted() {
        Request request = received(signedHex(OBJECT), false);

        verifier.verify(request, Protocol.REST_XML);

        assertArrayEquals(OBJECT, request.body().bytes());
    }

    @Test
    void bufferedBodyNotMatchingItsDeclaredHashIsRefusedWithXAmzContentSHA256Mismatch() {
        Request request = received(signedHex(OBJECT), OTHER, false);

        AwsException e = assertThrows(AwsException.class, () -> verifier.verify(request, Protocol.REST_XML));

        assertEquals("XAmzContentSHA256Mismatch", e.code());
        assertEquals(400, e.status());
        assertEquals("The provided 'x-amz-content-sha256' header does not match what was computed.", e.getMessage());
        assertEquals(Digests.sha256Hex(OTHER), e.members().get("S3ComputedContentSHA256"));
    }

    @Test
    void streamedBodyNotMatchingItsDeclaredHashFailsAtItsEndBeforeEndOfStream() throws Exception {
        Request request = received(signedHex(OBJECT), OTHER, true);
        verifier.verify(request, Protocol.REST_XML);

        try (InputStream body = request.body().stream()) {
            assertArrayEquals(OTHER, body.readNBytes(OTHER.length));
            AwsException e = assertThrows(AwsException.class, body::read);
            assertEquals("XAmzContentSHA256Mismatch", e.code());
        }
    }

    @Test
    void streamedBodyMatchingItsDeclaredHashReadsToItsEnd() {
        Request request = received(signedHex(OBJECT), true);
        verifier.verify(request, Protocol.REST_XML);

        assertArrayEquals(OBJECT, readAll(request.body().stream()));
    }

    @Test
    void chunkSignedBodyIsDecodedToTheSignedObject() {
        Request request = received(signedChunks(OBJECT), true);
        assertEquals("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", request.header("x-amz-content-sha256"));

        verifier.verify(request, Protocol.REST_XML);

        assertEquals(OBJECT.length, request.body().contentLength());
        assertArrayEquals(OBJECT, readAll(request.body().stream()));
    }

    @Test
    void bufferedChunkSignedBodyIsDecodedDuringVerification() {
        Request request = received(signedChunks(OBJECT), false);

        verifier.verify(request, Protocol.REST_XML);

        assertArrayEquals(OBJECT, request.body().bytes());
    }

    @Test
    void chunkSignedBodyWithOneAlteredByteIsRefused() {
        SignedRequest signed = signedChunks(OBJECT);
        Request request = received(signed, withOneAlteredByteInFirstChunk(sentBody(signed)), true);
        verifier.verify(request, Protocol.REST_XML);

        AwsException e = readingFails(request);

        assertEquals("SignatureDoesNotMatch", e.code());
        assertEquals(403, e.status());
    }

    @Test
    void truncatedChunkedBodyFailsWithIncompleteBody() {
        SignedRequest signed = signedChunks(OBJECT);
        byte[] wire = sentBody(signed);
        Request request = received(signed, Arrays.copyOf(wire, wire.length / 2), true);
        verifier.verify(request, Protocol.REST_XML);

        assertEquals("IncompleteBody", readingFails(request).code());
    }

    @Test
    void signedChecksumTrailerIsDeliveredThroughTrailers() {
        Request request = received(signedChunksWithChecksumTrailer(OBJECT), true);
        assertEquals("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", request.header("x-amz-content-sha256"));
        verifier.verify(request, Protocol.REST_XML);

        assertArrayEquals(OBJECT, readAll(request.body().stream()));
        assertEquals(crc32Base64(OBJECT), request.body().trailers().first("x-amz-checksum-crc32"));
    }

    @Test
    void alteredTrailerIsRefusedByItsSignature() {
        SignedRequest signed = signedChunksWithChecksumTrailer(OBJECT);
        String wire = new String(sentBody(signed), StandardCharsets.ISO_8859_1);
        String checksum = crc32Base64(OBJECT);
        byte[] altered = wire.replace("x-amz-checksum-crc32:" + checksum, "x-amz-checksum-crc32:AAAAAA==")
                .getBytes(StandardCharsets.ISO_8859_1);
        Request request = received(signed, altered, true);
        verifier.verify(request, Protocol.REST_XML);

        assertEquals("SignatureDoesNotMatch", readingFails(request).code());
    }

    @Test
    void unsignedChunksWithChecksumTrailerAreDecodedAndTheTrailerDelivered() {
        Request request = received(unsignedChunksWithChecksumTrailer(OBJECT), true);
        assertEquals("STREAMING-UNSIGNED-PAYLOAD-TRAILER", request.header("x-amz-content-sha256"));
        verifier.verify(request, Protocol.REST_XML);

        assertArrayEquals(OBJECT, readAll(request.body().stream()));
        assertEquals(crc32Base64(OBJECT), request.body().trailers().first("x-amz-checksum-crc32"));
    }

    @Test
    void trailersPastTheirBoundAreRefusedNotKept() {
        // 60,000 lines of 4 KB once took 900 MiB; now reading stops at the section's bound.
        SignedRequest signed = unsignedChunksWithChecksumTrailer(OBJECT);
        String wire = new String(sentBody(signed), StandardCharsets.ISO_8859_1);
        String filler = "x-amz-meta-filler:" + "f".repeat(4000) + "\r\n";
        int trailersAt = wire.indexOf("x-amz-checksum-crc32:");
        byte[] swollen = (wire.substring(0, trailersAt) + filler.repeat(5) + wire.substring(trailersAt))
                .getBytes(StandardCharsets.ISO_8859_1);
        Request request = received(signed, swollen, true);
        verifier.verify(request, Protocol.REST_XML);

        AwsException e = readingFails(request);
        assertEquals("InvalidRequest", e.code());
        assertTrue(e.getMessage().contains("trailers longer than"), e.getMessage());
    }

    @Test
    void chunkedBodyThatDecodesShorterThanDeclaredFailsWithIncompleteBody() {
        // Unsigned chunks can be re-framed without breaking a signature; the declared length still holds.
        SignedRequest signed = unsignedChunksWithChecksumTrailer(OBJECT);
        byte[] shorter = ("5\r\nhello\r\n0\r\nx-amz-checksum-crc32:" + crc32Base64(OBJECT) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        Request request = received(signed, shorter, true);
        verifier.verify(request, Protocol.REST_XML);

        assertEquals("IncompleteBody", readingFails(request).code());
    }

    @Test
    void s3RequestWithoutContentSha256IsRefused() {
        Request request = received(signedHex(OBJECT), false);
        request.headers().remove("x-amz-content-sha256");

        AwsException e = assertThrows(AwsException.class, () -> verifier.verify(request, Protocol.REST_XML));

        assertEquals("InvalidRequest", e.code());
        assertEquals("Missing required header for this request: x-amz-content-sha256", e.getMessage());
    }

    @Test
    void unsignedAmzHeaderAddedAfterSigningIsRefused() {
        Request request = received(signedHex(OBJECT), false);
        request.headers().add("x-amz-acl", "public-read");

        AwsException e = assertThrows(AwsException.class, () -> verifier.verify(request, Protocol.REST_XML));

        assertEquals("AccessDenied", e.code());
        assertEquals("x-amz-acl", e.members().get("HeadersNotSigned"));
    }
}
