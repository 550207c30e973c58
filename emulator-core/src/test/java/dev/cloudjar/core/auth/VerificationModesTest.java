package dev.cloudjar.core.auth;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.model.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

import static dev.cloudjar.core.auth.SdkSigning.SIGNED_AT;
import static dev.cloudjar.core.auth.SdkSigning.http;
import static dev.cloudjar.core.auth.SdkSigning.readAll;
import static dev.cloudjar.core.auth.SdkSigning.received;
import static dev.cloudjar.core.auth.SdkSigning.signV4;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Anonymous requests, verification turned off, reading the scope before verifying, malformed signatures. */
class VerificationModesTest {
    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

    private final SigV4Verifier verifying = SdkSigning.verifierAt(SIGNED_AT);
    private final SigV4Verifier notVerifying = new SigV4Verifier(SdkSigning.credentialStore(),
            Clock.fixed(SIGNED_AT.plusSeconds(86_400), ZoneOffset.UTC), false);

    private static Request dynamoDbRequest(AwsCredentialsIdentity credentials) {
        return received(signV4(http(SdkHttpMethod.POST, "dynamodb.local", "/").build(), BODY, "dynamodb",
                credentials, r -> { }), false);
    }

    @Test
    void unsignedRequestIsAnonymousInTheDefaultAccount() {
        Request request = new Request("GET", "/bucket/public.txt", Headers.of("Host", "localhost"), RequestBody.EMPTY);

        AuthResult result = verifying.verify(request, Protocol.REST_XML);

        assertTrue(result.anonymous());
        assertTrue(result.principal().isAnonymous());
        assertEquals("000000000000", result.principal().accountId());
        assertNull(result.accessKeyId());
    }

    @Test
    void withVerificationOffAWrongSecretIsAttributedToTheKeyItNames() {
        AuthResult result = notVerifying.verify(dynamoDbRequest(
                AwsCredentialsIdentity.create(SdkSigning.ACCESS_KEY, "wrong")), Protocol.AWS_JSON_1_0);

        assertEquals(SdkSigning.ACCOUNT, result.principal().accountId());
        assertEquals("dynamodb", result.signingService());
    }

    @Test
    void withVerificationOffAnUnknownTwelveDigitKeyNamesItsAccount() {
        AuthResult result = notVerifying.verify(dynamoDbRequest(
                AwsCredentialsIdentity.create("123456789012", "anything")), Protocol.AWS_JSON_1_0);

        assertEquals("123456789012", result.principal().accountId());
    }

    @Test
    void withVerificationOffChunkedBodiesAreStillDecoded() {
        byte[] object = new byte[150_000];
        SignedRequest signed = signV4(http(SdkHttpMethod.PUT, "localhost", "/bucket/o")
                .putHeader("Content-Length", String.valueOf(object.length)).build(), object, "s3",
                AwsCredentialsIdentity.create("anyone", "wrong"), r -> {
                    SdkSigning.s3(r);
                    r.putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true);
                });
        Request request = received(signed, true);

        notVerifying.verify(request, Protocol.REST_XML);

        assertArrayEquals(object, readAll(request.body().stream()));
    }

    @Test
    void scopeCanBeReadFromTheAuthorizationHeaderWithoutVerifying() {
        Request request = dynamoDbRequest(AwsCredentialsIdentity.create("AKIDANY", "whatever"));

        assertEquals(Optional.of(new CredentialScope("AKIDANY", "20240501", SdkSigning.REGION, "dynamodb")),
                SigV4Verifier.peekScope(request));
    }

    @Test
    void unsignedRequestHasNoScope() {
        Request request = new Request("GET", "/", Headers.of("Host", "localhost"), RequestBody.EMPTY);

        assertEquals(Optional.empty(), SigV4Verifier.peekScope(request));
    }

    @ParameterizedTest
    @CsvSource({"REST_XML, AuthorizationHeaderMalformed, 400", "AWS_JSON_1_0, IncompleteSignatureException, 400",
            "REST_JSON_1, IncompleteSignatureException, 403", "AWS_QUERY, IncompleteSignature, 400"})
    void authorizationHeaderWithoutSignatureIsMalformed(Protocol protocol, String code, int status) {
        Request request = dynamoDbRequest(SdkSigning.CREDENTIALS);
        String authorization = request.header("Authorization");
        request.headers().set("Authorization", authorization.substring(0, authorization.indexOf(", Signature=")));

        AwsException e = assertThrows(AwsException.class, () -> verifying.verify(request, protocol));

        assertEquals(code, e.code());
        assertEquals(status, e.status());
    }

    @Test
    void signatureThatLeavesOutTheHostHeaderIsMalformed() {
        Headers headers = Headers.of("Host", "localhost", "X-Amz-Date", "20240501T120000Z",
                "Authorization", "AWS4-HMAC-SHA256 Credential=" + SdkSigning.ACCESS_KEY
                        + "/20240501/eu-west-1/dynamodb/aws4_request, SignedHeaders=x-amz-date, Signature=abcd");
        Request request = new Request("POST", "/", headers, RequestBody.of(BODY));

        AwsException e = assertThrows(AwsException.class, () -> verifying.verify(request, Protocol.AWS_JSON_1_0));

        assertEquals("IncompleteSignatureException", e.code());
        assertEquals("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.", e.getMessage());
    }
}
