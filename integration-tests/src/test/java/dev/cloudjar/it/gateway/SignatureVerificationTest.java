package dev.cloudjar.it.gateway;

import dev.cloudjar.it.fixtures.RawHttp;
import dev.cloudjar.it.fixtures.Signer;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Strict SigV4 through the whole server, per protocol family: the query family through STS, the
 * JSON and S3 (REST-XML) families through small test services with the same gateway.
 */
@Cloudjar
class SignatureVerificationTest {
    static final byte[] ECHO = "{\"Message\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
    static final byte[] IDENTITY = "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8);

    static Signer.Signed echo(URI endpoint, String key, String secret, Clock clock) {
        return Signer.sign(Signer.request(endpoint, SdkHttpMethod.POST, "/")
                        .putHeader("Content-Type", "application/x-amz-json-1.0")
                        .putHeader("X-Amz-Target", "TestJson_20250101.Echo").build(),
                ECHO, key, secret, "testjson", clock, r -> { });
    }

    static Signer.Signed identity(URI endpoint, String key, String secret, Clock clock) {
        return Signer.sign(Signer.request(endpoint, SdkHttpMethod.POST, "/")
                        .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build(),
                IDENTITY, key, secret, "sts", clock, r -> { });
    }

    static Signer.Signed putThing(URI endpoint, byte[] body, String key, String secret, Clock clock, boolean chunked) {
        return Signer.sign(Signer.request(endpoint, SdkHttpMethod.PUT, "/bucket/some/key.txt")
                        .putHeader("Content-Length", String.valueOf(body.length)).build(),
                body, key, secret, "testxml", clock, r -> {
                    r.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true);
                    if (chunked) {
                        r.putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true);
                    }
                });
    }

    static RawHttp.Reply send(URI endpoint, byte[] wire) throws Exception {
        try (RawHttp http = new RawHttp(endpoint)) {
            return http.send(wire).read();
        }
    }

    static Clock skewed(Duration by) {
        return Clock.fixed(Instant.now().plus(by), ZoneOffset.UTC);
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    @Test
    void jsonServiceAcceptsACorrectSignatureAndScopesToTheAccount(URI endpoint) throws Exception {
        RawHttp.Reply reply = send(endpoint, echo(endpoint, "test", "test", Clock.systemUTC()).wire());
        assertEquals(200, reply.status(), reply.text());
        assertTrue(reply.text().contains("\"Account\":\"000000000000\""), reply.text());
    }

    @Test
    void jsonServiceRefusesAWrongSecretWithInvalidSignatureException(URI endpoint) throws Exception {
        RawHttp.Reply reply = send(endpoint, echo(endpoint, "test", "wrong", Clock.systemUTC()).wire());
        assertEquals(400, reply.status());
        assertTrue(reply.text().contains("InvalidSignatureException"), reply.text());
    }

    @Test
    void jsonServiceRefusesAnUnknownKeyWithUnrecognizedClientException(URI endpoint) throws Exception {
        RawHttp.Reply reply = send(endpoint, echo(endpoint, "AKIDUNKNOWN", "x", Clock.systemUTC()).wire());
        assertEquals(400, reply.status());
        assertTrue(reply.text().contains("UnrecognizedClientException"), reply.text());
    }

    @Test
    void jsonServiceRefusesASkewedClockWithSignatureExpired(URI endpoint) throws Exception {
        RawHttp.Reply reply = send(endpoint, echo(endpoint, "test", "test", skewed(Duration.ofMinutes(-20))).wire());
        assertEquals(400, reply.status());
        assertTrue(reply.text().contains("InvalidSignatureException"), reply.text());
        assertTrue(reply.text().contains("Signature expired"), reply.text());
    }

    @Test
    void queryServiceRefusesASkewedClockWithSignatureExpired(URI endpoint) throws Exception {
        RawHttp.Reply reply = send(endpoint, identity(endpoint, "test", "test", skewed(Duration.ofMinutes(20))).wire());
        assertEquals(403, reply.status());
        assertTrue(reply.text().contains("<Code>SignatureDoesNotMatch</Code>"), reply.text());
        assertTrue(reply.text().contains("Signature not yet current"), reply.text());
    }

    @Test
    void s3FamilyRefusesAWrongSecretWithSignatureDoesNotMatch(URI endpoint) throws Exception {
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        RawHttp.Reply reply = send(endpoint, putThing(endpoint, body, "test", "wrong", Clock.systemUTC(), false).wire());
        assertEquals(403, reply.status());
        assertTrue(reply.text().contains("<Code>SignatureDoesNotMatch</Code>"), reply.text());
    }

    @Test
    void s3FamilyRefusesAnUnknownKeyWithInvalidAccessKeyId(URI endpoint) throws Exception {
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        RawHttp.Reply reply = send(endpoint, putThing(endpoint, body, "AKIDUNKNOWN", "x", Clock.systemUTC(), false).wire());
        assertEquals(403, reply.status());
        assertTrue(reply.text().contains("<Code>InvalidAccessKeyId</Code>"), reply.text());
    }

    @Test
    void s3FamilyRefusesASkewedClockWithRequestTimeTooSkewed(URI endpoint) throws Exception {
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        RawHttp.Reply reply = send(endpoint,
                putThing(endpoint, body, "test", "test", skewed(Duration.ofMinutes(-16)), false).wire());
        assertEquals(403, reply.status());
        assertTrue(reply.text().contains("<Code>RequestTimeTooSkewed</Code>"), reply.text());
    }

    @Test
    void expiredPresignedUrlIsRefusedWithRequestHasExpired(URI endpoint) throws Exception {
        Signer.Signed presigned = Signer.sign(Signer.request(endpoint, SdkHttpMethod.GET, "/bucket/key").build(),
                new byte[0], "test", "test", "testxml", skewed(Duration.ofMinutes(-2)), r -> r
                        .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(60)));
        RawHttp.Reply reply = send(endpoint, presigned.wire());
        assertEquals(403, reply.status());
        assertTrue(reply.text().contains("<Code>AccessDenied</Code>"), reply.text());
        assertTrue(reply.text().contains("<Message>Request has expired</Message>"), reply.text());
    }

    @Test
    void validPresignedUrlIsAccepted(URI endpoint) throws Exception {
        Signer.Signed presigned = Signer.sign(Signer.request(endpoint, SdkHttpMethod.GET, "/bucket/key").build(),
                new byte[0], "test", "test", "testxml", Clock.systemUTC(), r -> r
                        .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5)));
        RawHttp.Reply reply = send(endpoint, presigned.wire());
        assertEquals(200, reply.status(), reply.text());
        assertEquals("000000000000", reply.headers().get("x-test-account"));
    }

    @Test
    void chunkSignedStreamingBodyArrivesDecoded(URI endpoint) throws Exception {
        byte[] body = new byte[200_000];
        new java.util.Random(7).nextBytes(body);
        RawHttp.Reply reply = send(endpoint, putThing(endpoint, body, "test", "test", Clock.systemUTC(), true).wire());
        assertEquals(200, reply.status(), reply.text());
        assertEquals("200000", reply.headers().get("x-test-length"));
        assertEquals(sha256(body), reply.headers().get("x-test-sha256"));
    }

    @Test
    void chunkSignedStreamingBodyWithOneAlteredByteIsRefused(URI endpoint) throws Exception {
        byte[] body = new byte[200_000];
        new java.util.Random(7).nextBytes(body);
        byte[] wire = putThing(endpoint, body, "test", "test", Clock.systemUTC(), true).wire();
        wire[wire.length - 1000] ^= 0x01;
        RawHttp.Reply reply = send(endpoint, wire);
        assertEquals(403, reply.status(), reply.text());
        assertTrue(reply.text().contains("<Code>SignatureDoesNotMatch</Code>"), reply.text());
    }

    @Test
    void signedPayloadHashThatDoesNotMatchTheBodyIsRefused(URI endpoint) throws Exception {
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] wire = putThing(endpoint, body, "test", "test", Clock.systemUTC(), false).wire();
        wire[wire.length - 1] = 'O';
        RawHttp.Reply reply = send(endpoint, wire);
        assertEquals(400, reply.status(), reply.text());
        assertTrue(reply.text().contains("<Code>XAmzContentSHA256Mismatch</Code>"), reply.text());
    }

}
