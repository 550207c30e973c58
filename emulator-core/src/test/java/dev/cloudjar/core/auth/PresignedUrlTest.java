package dev.cloudjar.core.auth;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.model.Protocol;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.time.Duration;

import static dev.cloudjar.core.auth.SdkSigning.CREDENTIALS;
import static dev.cloudjar.core.auth.SdkSigning.SIGNED_AT;
import static dev.cloudjar.core.auth.SdkSigning.http;
import static dev.cloudjar.core.auth.SdkSigning.received;
import static dev.cloudjar.core.auth.SdkSigning.signV4;
import static dev.cloudjar.core.auth.SdkSigning.verifierAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PresignedUrlTest {
    private static final Duration VALIDITY = Duration.ofMinutes(5);

    private static SignedRequest presignedGet(String path) {
        return signV4(http(SdkHttpMethod.GET, "localhost", path).build(), null, "s3", CREDENTIALS, r -> {
            SdkSigning.s3(r);
            r.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                    .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, VALIDITY)
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false);
        });
    }

    private static Request withUri(Request request, String uri) {
        return new Request(request.method(), uri, request.headers(), request.body());
    }

    @Test
    void presignedUrlIsAcceptedUntilItExpires() {
        Request request = received(presignedGet("/bucket/report.csv"), false);

        AuthResult result = verifierAt(SIGNED_AT.plus(VALIDITY).minusSeconds(1)).verify(request, Protocol.REST_XML);

        assertFalse(result.anonymous());
        assertEquals("s3", result.signingService());
    }

    @Test
    void presignedUrlPastItsExpiryIsRefusedAsExpired() {
        Request request = received(presignedGet("/bucket/report.csv"), false);

        AwsException e = assertThrows(AwsException.class,
                () -> verifierAt(SIGNED_AT.plus(VALIDITY).plusSeconds(1)).verify(request, Protocol.REST_XML));

        assertEquals("AccessDenied", e.code());
        assertEquals(403, e.status());
        assertEquals("Request has expired", e.getMessage());
        assertEquals("300", e.members().get("X-Amz-Expires"));
    }

    @Test
    void presignedUrlPointedAtAnotherKeyIsRefused() {
        Request request = received(presignedGet("/bucket/report.csv"), false);
        Request tampered = withUri(request, "/bucket/secret.csv?" + request.rawQuery());

        AwsException e = assertThrows(AwsException.class,
                () -> verifierAt(SIGNED_AT).verify(tampered, Protocol.REST_XML));

        assertEquals("SignatureDoesNotMatch", e.code());
    }

    @Test
    void presignedUrlWithLongerExpiryThanAWeekIsRefused() {
        Request request = received(presignedGet("/bucket/report.csv"), false);
        Request tampered = withUri(request, "/bucket/report.csv?"
                + request.rawQuery().replace("X-Amz-Expires=300", "X-Amz-Expires=604801"));

        AwsException e = assertThrows(AwsException.class,
                () -> verifierAt(SIGNED_AT).verify(tampered, Protocol.REST_XML));

        assertEquals("AuthorizationQueryParametersError", e.code());
        assertEquals("X-Amz-Expires must be less than a week (in seconds) that is 604800", e.getMessage());
    }

    @Test
    void presignedUrlWithoutSignatureIsRefusedAsIncomplete() {
        Request request = received(presignedGet("/bucket/report.csv"), false);
        Request tampered = withUri(request, "/bucket/report.csv?"
                + request.rawQuery().replaceAll("&?X-Amz-Signature=[0-9a-f]+", ""));

        AwsException e = assertThrows(AwsException.class,
                () -> verifierAt(SIGNED_AT).verify(tampered, Protocol.REST_XML));

        assertEquals("AuthorizationQueryParametersError", e.code());
        assertEquals(400, e.status());
    }

    @Test
    void presignedStsGetCallerIdentitySignsTheEmptyBodysHash() {
        // The form of presigned URL that EKS and Vault use to prove an identity.
        SignedRequest signed = signV4(http(SdkHttpMethod.GET, "sts.local", "/")
                .putRawQueryParameter("Action", "GetCallerIdentity").putRawQueryParameter("Version", "2011-06-15")
                .build(), null, "sts", CREDENTIALS, r -> r
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(60)));

        AuthResult result = verifierAt(SIGNED_AT).verify(received(signed, false), Protocol.AWS_QUERY);

        assertEquals("sts", result.signingService());
    }

    @Test
    void scopeOfPresignedUrlCanBeReadWithoutVerifying() {
        Request request = received(presignedGet("/bucket/report.csv"), false);

        assertEquals(new CredentialScope(SdkSigning.ACCESS_KEY, "20240501", SdkSigning.REGION, "s3"),
                SigV4Verifier.peekScope(request).orElseThrow());
    }
}
