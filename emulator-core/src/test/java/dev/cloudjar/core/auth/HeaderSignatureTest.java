package dev.cloudjar.core.auth;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.spi.Principal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static dev.cloudjar.core.auth.SdkSigning.ACCESS_KEY;
import static dev.cloudjar.core.auth.SdkSigning.ACCOUNT;
import static dev.cloudjar.core.auth.SdkSigning.REGION;
import static dev.cloudjar.core.auth.SdkSigning.SIGNED_AT;
import static dev.cloudjar.core.auth.SdkSigning.http;
import static dev.cloudjar.core.auth.SdkSigning.received;
import static dev.cloudjar.core.auth.SdkSigning.signV4;
import static dev.cloudjar.core.auth.SdkSigning.verifierAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeaderSignatureTest {
    private static final byte[] JSON_BODY = "{\"TableName\":\"orders\"}".getBytes(StandardCharsets.UTF_8);
    /** An indefinite-length empty CBOR map, as CloudWatch's SDKs send for an input with no member set. */
    private static final byte[] CBOR_EMPTY_MAP = {(byte) 0xbf, (byte) 0xff};
    private static final String SIGNATURE_MISMATCH_JSON = "The request signature we calculated does not match the"
            + " signature you provided. Check your AWS Secret Access Key and signing method. Consult the service"
            + " documentation for details.";

    private final SigV4Verifier verifier = verifierAt(SIGNED_AT);

    /** A request of the protocol's typical shape, signed by the SDK with the given credentials. */
    private static Request signedFor(Protocol protocol, AwsCredentialsIdentity credentials) {
        SignedRequest signed = switch (protocol) {
            case AWS_JSON_1_0, AWS_JSON_1_1 -> signV4(http(SdkHttpMethod.POST, "dynamodb.local", "/")
                    .putHeader("X-Amz-Target", "DynamoDB_20120810.DescribeTable")
                    .putHeader("Content-Type", "application/x-amz-json-1.0").build(),
                    JSON_BODY, "dynamodb", credentials, r -> { });
            case REST_JSON_1 -> signV4(http(SdkHttpMethod.POST, "lambda.local",
                    "/2015-03-31/functions/my-function/invocations").build(), JSON_BODY, "lambda", credentials, r -> { });
            case AWS_QUERY -> signV4(http(SdkHttpMethod.POST, "sts.local", "/")
                    .putHeader("Content-Type", "application/x-www-form-urlencoded").build(),
                    "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8), "sts",
                    credentials, r -> { });
            case REST_XML -> signV4(http(SdkHttpMethod.GET, "localhost", "/bucket/key.txt")
                    .putHeader("x-amz-content-sha256", "required").build(), null, "s3", credentials, SdkSigning::s3);
            case RPC_V2_CBOR -> signV4(http(SdkHttpMethod.POST, "monitoring.local",
                    "/service/GraniteServiceVersion20100801/operation/ListMetrics")
                    .putHeader("smithy-protocol", "rpc-v2-cbor")
                    .putHeader("Content-Type", "application/cbor").build(),
                    CBOR_EMPTY_MAP, "monitoring", credentials, r -> { });
        };
        return received(signed, false);
    }

    private static Request signedFor(Protocol protocol) {
        return signedFor(protocol, SdkSigning.CREDENTIALS);
    }

    @ParameterizedTest
    @CsvSource({"AWS_JSON_1_0, dynamodb", "AWS_JSON_1_1, dynamodb", "REST_JSON_1, lambda", "AWS_QUERY, sts",
            "REST_XML, s3", "RPC_V2_CBOR, monitoring"})
    void requestSignedBySdkIsAttributedToTheKeysAccount(Protocol protocol, String service) {
        AuthResult result = verifier.verify(signedFor(protocol), protocol);

        assertFalse(result.anonymous());
        assertEquals(ACCESS_KEY, result.accessKeyId());
        assertEquals(ACCOUNT, result.principal().accountId());
        assertEquals("arn:aws:iam::" + ACCOUNT + ":root", result.principal().arn());
        assertEquals(REGION, result.region());
        assertEquals(service, result.signingService());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "REST_XML    | SignatureDoesNotMatch     | 403 | The request signature we calculated does not match the"
                    + " signature you provided. Check your key and signing method.",
            "AWS_JSON_1_0 | InvalidSignatureException | 400 | " + SIGNATURE_MISMATCH_JSON,
            "REST_JSON_1  | InvalidSignatureException | 403 | " + SIGNATURE_MISMATCH_JSON,
            "AWS_QUERY    | SignatureDoesNotMatch     | 403 | " + SIGNATURE_MISMATCH_JSON,
            "RPC_V2_CBOR  | InvalidSignatureException | 400 | " + SIGNATURE_MISMATCH_JSON})
    void requestSignedWithWrongSecretIsRefusedInTheProtocolsTerms(Protocol protocol, String code, int status,
                                                                  String message) {
        Request request = signedFor(protocol, AwsCredentialsIdentity.create(ACCESS_KEY, "not-the-secret"));

        AwsException e = assertThrows(AwsException.class, () -> verifier.verify(request, protocol));

        assertEquals(code, e.code());
        assertEquals(status, e.status());
        if (protocol == Protocol.REST_XML) {
            assertEquals(message, e.getMessage());
        } else {
            assertTrue(e.getMessage().startsWith(message + "\n\nThe Canonical String for this request should have been\n'"),
                    e.getMessage());
        }
    }

    @Test
    void jsonAndQuerySignatureMismatchSpellsOutWhatWasExpected() {
        Request request = signedFor(Protocol.AWS_JSON_1_0, AwsCredentialsIdentity.create(ACCESS_KEY, "wrong"));

        AwsException e = assertThrows(AwsException.class, () -> verifier.verify(request, Protocol.AWS_JSON_1_0));

        String message = e.getMessage();
        int canonical = message.indexOf("The Canonical String for this request should have been\n'POST\n/\n\n");
        int stringToSign = message.indexOf("\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20240501T120000Z\n"
                + "20240501/eu-west-1/");
        assertTrue(canonical > 0 && stringToSign > canonical, message);
        assertTrue(message.endsWith("'\n"), message);
        assertTrue(e.members().isEmpty(), "JSON errors carry it in the message only: " + e.members());
    }

    @Test
    void s3SignatureMismatchCarriesTheStringToSignAndCanonicalRequest() {
        Request request = signedFor(Protocol.REST_XML, AwsCredentialsIdentity.create(ACCESS_KEY, "wrong"));

        AwsException e = assertThrows(AwsException.class, () -> verifier.verify(request, Protocol.REST_XML));

        assertEquals(ACCESS_KEY, e.members().get("AWSAccessKeyId"));
        assertTrue(((String) e.members().get("StringToSign")).startsWith("AWS4-HMAC-SHA256\n20240501T120000Z\n"
                + "20240501/eu-west-1/s3/aws4_request\n"));
        assertTrue(((String) e.members().get("CanonicalRequest")).startsWith("GET\n/bucket/key.txt\n\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "REST_XML     | InvalidAccessKeyId          | 403 | The AWS Access Key Id you provided does not exist in"
                    + " our records.",
            "AWS_JSON_1_1 | UnrecognizedClientException | 400 | The security token included in the request is invalid.",
            "REST_JSON_1  | UnrecognizedClientException | 403 | The security token included in the request is invalid.",
            "AWS_QUERY    | InvalidClientTokenId        | 403 | The security token included in the request is invalid."})
    void requestSignedWithUnknownAccessKeyIsRefused(Protocol protocol, String code, int status, String message) {
        Request request = signedFor(protocol, AwsCredentialsIdentity.create("AKIDUNKNOWN", "secret"));

        AwsException e = assertThrows(AwsException.class, () -> verifier.verify(request, protocol));

        assertEquals(code, e.code());
        assertEquals(status, e.status());
        assertEquals(message, e.getMessage());
    }

    @Test
    void requestSignedMoreThanFifteenMinutesAgoHasExpiredSignature() {
        SigV4Verifier later = verifierAt(SIGNED_AT.plus(Duration.ofMinutes(16)));

        AwsException e = assertThrows(AwsException.class,
                () -> later.verify(signedFor(Protocol.AWS_JSON_1_0), Protocol.AWS_JSON_1_0));

        assertEquals("InvalidSignatureException", e.code());
        assertEquals(400, e.status());
        assertEquals("Signature expired: 20240501T120000Z is now earlier than 20240501T120100Z"
                + " (20240501T121600Z - 15 min.)", e.getMessage());
    }

    @Test
    void requestSignedMoreThanFifteenMinutesAheadIsNotYetCurrent() {
        SigV4Verifier earlier = verifierAt(SIGNED_AT.minus(Duration.ofMinutes(16)));

        AwsException e = assertThrows(AwsException.class,
                () -> earlier.verify(signedFor(Protocol.AWS_QUERY), Protocol.AWS_QUERY));

        assertEquals("SignatureDoesNotMatch", e.code());
        assertEquals(403, e.status());
        assertEquals("Signature not yet current: 20240501T120000Z is still later than 20240501T115900Z"
                + " (20240501T114400Z + 15 min.)", e.getMessage());
    }

    @Test
    void requestWithinFifteenMinutesOfTheServerClockIsAccepted() {
        SigV4Verifier skewed = verifierAt(SIGNED_AT.plus(Duration.ofMinutes(14)));

        assertFalse(skewed.verify(signedFor(Protocol.REST_JSON_1), Protocol.REST_JSON_1).anonymous());
    }

    @Test
    void s3RequestTooSkewedReportsRequestAndServerTime() {
        SigV4Verifier later = verifierAt(SIGNED_AT.plus(Duration.ofHours(1)));

        AwsException e = assertThrows(AwsException.class,
                () -> later.verify(signedFor(Protocol.REST_XML), Protocol.REST_XML));

        assertEquals("RequestTimeTooSkewed", e.code());
        assertEquals(403, e.status());
        assertEquals("The difference between the request time and the current time is too large.", e.getMessage());
        assertEquals("20240501T120000Z", e.members().get("RequestTime"));
        assertEquals("2024-05-01T13:00:00Z", e.members().get("ServerTime"));
        assertEquals("900000", e.members().get("MaxAllowedSkewMilliseconds"));
    }

    @Test
    void bodyAlteredAfterSigningIsRefusedForJsonProtocols() {
        SignedRequest signed = signV4(http(SdkHttpMethod.POST, "dynamodb.local", "/").build(), JSON_BODY, "dynamodb");
        Request tampered = received(signed, "{\"TableName\":\"others\"}".getBytes(StandardCharsets.UTF_8), false);

        AwsException e = assertThrows(AwsException.class, () -> verifier.verify(tampered, Protocol.AWS_JSON_1_0));

        assertEquals("InvalidSignatureException", e.code());
    }

    @Test
    void streamedJsonBodyWithoutDeclaredHashIsHashedAndStillReadable() {
        SignedRequest signed = signV4(http(SdkHttpMethod.POST, "lambda.local", "/2015-03-31/functions/f/invocations")
                .build(), JSON_BODY, "lambda");
        Request request = received(signed, true);

        verifier.verify(request, Protocol.REST_JSON_1);

        assertEquals(new String(JSON_BODY, StandardCharsets.UTF_8),
                new String(request.body().bytes(), StandardCharsets.UTF_8));
    }

    @Nested
    class SessionTokens {
        private static final String TEMPORARY_KEY = "ASIATEMPORARY";
        private static final String TOKEN = "FwoGZXIvYXdzEXAMPLETOKEN";
        private final Instant expiry = SIGNED_AT.plus(Duration.ofMinutes(10));
        private final CredentialStore store = SdkSigning.credentialStore();

        SessionTokens() {
            store.registerTemporary(TEMPORARY_KEY, "temporary-secret", new Principal(TEMPORARY_KEY, ACCOUNT,
                    "arn:aws:sts::" + ACCOUNT + ":assumed-role/reader/session", "AROAEXAMPLE:session", TOKEN, expiry));
        }

        private Request signedWithToken(Protocol protocol, String token) {
            return signedFor(protocol, AwsSessionCredentialsIdentity.create(TEMPORARY_KEY, "temporary-secret", token));
        }

        @Test
        void temporaryKeySigningWithItsTokenIsAttributedToTheAssumedRole() {
            AuthResult result = verifierAt(SIGNED_AT, store).verify(signedWithToken(Protocol.REST_XML, TOKEN),
                    Protocol.REST_XML);

            assertEquals("arn:aws:sts::" + ACCOUNT + ":assumed-role/reader/session", result.principal().arn());
            assertEquals(TEMPORARY_KEY, result.accessKeyId());
        }

        @ParameterizedTest
        @CsvSource({"REST_XML, InvalidToken, 403", "AWS_JSON_1_0, UnrecognizedClientException, 400",
                "REST_JSON_1, UnrecognizedClientException, 403", "AWS_QUERY, InvalidClientTokenId, 403"})
        void temporaryKeyWithAnotherTokenIsRefused(Protocol protocol, String code, int status) {
            Request request = signedWithToken(protocol, "some-other-token");

            AwsException e = assertThrows(AwsException.class, () -> verifierAt(SIGNED_AT, store).verify(request, protocol));

            assertEquals(code, e.code());
            assertEquals(status, e.status());
        }

        @Test
        void temporaryKeyWithoutTokenIsRefused() {
            Request request = signedFor(Protocol.REST_XML, AwsCredentialsIdentity.create(TEMPORARY_KEY, "temporary-secret"));

            AwsException e = assertThrows(AwsException.class,
                    () -> verifierAt(SIGNED_AT, store).verify(request, Protocol.REST_XML));

            assertEquals("InvalidToken", e.code());
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "REST_XML     | ExpiredToken          | 400 | The provided token has expired.",
                "AWS_JSON_1_0 | ExpiredTokenException | 400 | The security token included in the request is expired",
                "REST_JSON_1  | ExpiredTokenException | 403 | The security token included in the request is expired",
                "AWS_QUERY    | ExpiredToken          | 403 | The security token included in the request is expired"})
        void expiredTemporaryKeyIsRefusedWithExpiredToken(Protocol protocol, String code, int status, String message) {
            Request request = signedWithToken(protocol, TOKEN);
            // Within the signature's 15 minutes of allowed skew, but past the credential's expiry.
            SigV4Verifier afterExpiry = verifierAt(expiry.plusSeconds(1), store);

            AwsException e = assertThrows(AwsException.class, () -> afterExpiry.verify(request, protocol));

            assertEquals(code, e.code());
            assertEquals(status, e.status());
            assertEquals(message, e.getMessage());
            assertEquals(protocol == Protocol.REST_XML ? TOKEN : null, e.members().get("Token-0"));
        }
    }
}
