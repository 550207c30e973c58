package dev.cloudjar.core.auth;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.model.Protocol;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4aHttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;

import static dev.cloudjar.core.auth.SdkSigning.SIGNED_AT;
import static dev.cloudjar.core.auth.SdkSigning.http;
import static dev.cloudjar.core.auth.SdkSigning.readAll;
import static dev.cloudjar.core.auth.SdkSigning.received;
import static dev.cloudjar.core.auth.SdkSigning.sentBody;
import static dev.cloudjar.core.auth.SdkSigning.signV4a;
import static dev.cloudjar.core.auth.SdkSigning.verifierAt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** SigV4a (ECDSA P-256), checked against the SDK's CRT-based AwsV4aHttpSigner. */
class SigV4aTest {
    private final SigV4Verifier verifier = verifierAt(SIGNED_AT);

    private static SignedRequest signedGet(String path) {
        return signV4a(http(SdkHttpMethod.GET, "localhost", path).putHeader("x-amz-content-sha256", "required")
                .build(), null, "s3", r -> r.putProperty(AwsV4aHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4aHttpSigner.NORMALIZE_PATH, false));
    }

    @Test
    void sigV4aSignedRequestIsAttributedToItsKeyAndRegion() {
        Request request = received(signedGet("/bucket/key.txt"), false);
        assertEquals("AWS4-ECDSA-P256-SHA256", request.header("Authorization").split(" ")[0]);

        AuthResult result = verifier.verify(request, Protocol.REST_XML);

        assertEquals(SdkSigning.ACCOUNT, result.principal().accountId());
        assertEquals(SdkSigning.REGION, result.region());
        assertEquals("s3", result.signingService());
    }

    @Test
    void sigV4aSignedRequestSentToAnotherPathIsRefused() {
        Request request = received(signedGet("/bucket/key.txt"), false);
        Request tampered = new Request("GET", "/bucket/other.txt", request.headers(), request.body());

        AwsException e = assertThrows(AwsException.class, () -> verifier.verify(tampered, Protocol.REST_XML));

        assertEquals("SignatureDoesNotMatch", e.code());
    }

    @Test
    void sigV4aSignatureByAnotherSecretIsRefused() {
        CredentialStore otherSecret = new CredentialStore(CloudjarConfig.builder()
                .credential(SdkSigning.ACCESS_KEY, "another-secret", SdkSigning.ACCOUNT).build(),
                Clock.systemUTC());
        Request request = received(signedGet("/bucket/key.txt"), false);

        AwsException e = assertThrows(AwsException.class,
                () -> verifierAt(SIGNED_AT, otherSecret).verify(request, Protocol.REST_XML));

        assertEquals("SignatureDoesNotMatch", e.code());
    }

    @Test
    void sigV4aPresignedUrlIsAccepted() {
        SignedRequest signed = signV4a(http(SdkHttpMethod.GET, "localhost", "/bucket/key.txt").build(), null, "s3",
                r -> r.putProperty(AwsV4aHttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4aHttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4aHttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4aHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5))
                        .putProperty(AwsV4aHttpSigner.PAYLOAD_SIGNING_ENABLED, false));
        Request request = received(signed, false);

        assertEquals("s3", verifier.verify(request, Protocol.REST_XML).signingService());
    }

    @Test
    void sigV4aChunkSignedBodyIsDecodedAndAlteredChunkRefused() {
        byte[] object = new byte[200_000];
        new Random(7).nextBytes(object);
        SignedRequest signed = signV4a(http(SdkHttpMethod.PUT, "localhost", "/bucket/big.bin")
                .putHeader("Content-Length", String.valueOf(object.length))
                .putHeader("x-amz-content-sha256", "required").build(), object, "s3",
                r -> r.putProperty(AwsV4aHttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4aHttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4aHttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                        .putProperty(AwsV4aHttpSigner.CHUNK_ENCODING_ENABLED, true));
        Request request = received(signed, true);
        assertEquals("STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD", request.header("x-amz-content-sha256"));
        verifier.verify(request, Protocol.REST_XML);
        assertArrayEquals(object, readAll(request.body().stream()));

        byte[] wire = sentBody(signed);
        int dataStart = new String(wire, StandardCharsets.ISO_8859_1).indexOf("\r\n") + 2;
        wire[dataStart + 10] ^= 0x01;
        Request tampered = received(signed, wire, true);
        verifier.verify(tampered, Protocol.REST_XML);
        assertEquals("SignatureDoesNotMatch",
                assertThrows(AwsException.class, () -> readAll(tampered.body().stream())).code());
    }
}
