package dev.cloudjar.it.gateway;

import dev.cloudjar.it.fixtures.RawHttp;
import dev.cloudjar.it.fixtures.Signer;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import static dev.cloudjar.it.gateway.SignatureVerificationTest.echo;
import static dev.cloudjar.it.gateway.SignatureVerificationTest.putThing;
import static dev.cloudjar.it.gateway.SignatureVerificationTest.send;
import static dev.cloudjar.it.gateway.SignatureVerificationTest.skewed;
import static dev.cloudjar.it.fixtures.Clients.sts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With --no-verify-signatures the requests that strict mode refuses all go through. */
@Cloudjar(verifySignatures = false)
class UnverifiedSignaturesTest {

    @Test
    void wrongSecretSucceedsAndNamesTheDefaultAccount(URI endpoint) {
        try (StsClient sts = sts(endpoint, "test", "not-the-secret")) {
            assertEquals("000000000000", sts.getCallerIdentity().account());
        }
    }

    @Test
    void unknownTwelveDigitKeyIsAttributedToThatAccount(URI endpoint) {
        try (StsClient sts = sts(endpoint, "123456789012", "anything")) {
            assertEquals("123456789012", sts.getCallerIdentity().account());
        }
    }

    @Test
    void skewedClockSucceeds(URI endpoint) throws Exception {
        RawHttp.Reply reply = send(endpoint, echo(endpoint, "test", "test", skewed(Duration.ofHours(-3))).wire());
        assertEquals(200, reply.status(), reply.text());
    }

    @Test
    void expiredPresignedUrlSucceeds(URI endpoint) throws Exception {
        Signer.Signed presigned = Signer.sign(Signer.request(endpoint, SdkHttpMethod.GET, "/bucket/key").build(),
                new byte[0], "test", "test", "testxml", skewed(Duration.ofHours(-1)), r -> r
                        .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(60)));
        assertEquals(200, send(endpoint, presigned.wire()).status());
    }

    @Test
    void alteredChunkIsDecodedWithoutCheckingItsSignature(URI endpoint) throws Exception {
        byte[] body = "x".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        byte[] wire = putThing(endpoint, body, "test", "wrong", Clock.systemUTC(), true).wire();
        wire[wire.length - 500] = 'y';
        RawHttp.Reply reply = send(endpoint, wire);
        assertEquals(200, reply.status(), reply.text());
        assertEquals("100000", reply.headers().get("x-test-length"));
        assertTrue(reply.headers().containsKey("x-test-sha256"));
    }
}
