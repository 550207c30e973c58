package dev.cloudjar.it.sts;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;
import dev.cloudjar.it.cognito.CognitoLogin;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.fixtures.MovableClock;
import dev.cloudjar.it.fixtures.RawHttp;
import dev.cloudjar.it.fixtures.Signer;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.ExpiredTokenException;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static dev.cloudjar.it.fixtures.Clients.sts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Temporary credentials and web identity tokens are refused once they expire, on a server whose
 * clock the test moves.
 */
class CredentialExpiryTest {

    @Test
    void assumedRoleCredentialsAreRefusedWithExpiredTokenAfterTheirDuration() {
        MovableClock clock = new MovableClock();
        try (CloudjarServer server = CloudjarServer.start(CloudjarConfig.builder().port(0).build(), clock)) {
            URI endpoint = URI.create(server.endpoint());
            // Issued a minute in the server's past and checked 14.5 minutes in its future: the 900
            // seconds have passed, yet both requests stay inside SigV4's 15-minute clock skew.
            clock.shiftTo(Duration.ofSeconds(-60));
            Credentials credentials;
            try (StsClient sts = sts(endpoint, "test", "test")) {
                credentials = sts.assumeRole(r -> r.roleArn("arn:aws:iam::123456789012:role/short")
                        .roleSessionName("brief").durationSeconds(900)).credentials();
            }
            try (StsClient asRole = sts(endpoint, AwsSessionCredentials.create(credentials.accessKeyId(),
                    credentials.secretAccessKey(), credentials.sessionToken()))) {
                asRole.getCallerIdentity();

                clock.shiftTo(Duration.ofSeconds(870));

                StsException e = assertThrows(StsException.class, asRole::getCallerIdentity);
                assertEquals("ExpiredToken", e.awsErrorDetails().errorCode());
                assertEquals(403, e.statusCode());
                assertEquals("The security token included in the request is expired", e.awsErrorDetails().errorMessage());
            }
        }
    }

    /**
     * Every service refuses expired temporary credentials in its own words: S3 with 400 ExpiredToken
     * "The provided token has expired." and the token as Token-0 (S3 error codes list; the member as
     * S3 sends it), the JSON services with ExpiredTokenException "The security token included in
     * the request is expired" (AWS common errors), restJson1's Lambda with 403.
     */
    @Test
    void expiredAssumedRoleAndSessionCredentialsAreRefusedByEveryServiceInItsWords() {
        MovableClock clock = new MovableClock();
        try (CloudjarServer server = CloudjarServer.start(CloudjarConfig.builder().port(0).build(), clock)) {
            URI endpoint = URI.create(server.endpoint());
            clock.shiftTo(Duration.ofSeconds(-60));
            AwsSessionCredentials role;
            AwsSessionCredentials session;
            try (StsClient sts = sts(endpoint, "test", "test")) {
                Credentials assumed = sts.assumeRole(r -> r.roleArn("arn:aws:iam::000000000000:role/short")
                        .roleSessionName("brief").durationSeconds(900)).credentials();
                role = AwsSessionCredentials.create(assumed.accessKeyId(), assumed.secretAccessKey(), assumed.sessionToken());
                Credentials token = sts.getSessionToken(r -> r.durationSeconds(900)).credentials();
                session = AwsSessionCredentials.create(token.accessKeyId(), token.secretAccessKey(), token.sessionToken());
            }
            clock.shiftTo(Duration.ofSeconds(870));

            try (S3Client s3 = Clients.client(S3Client.builder().forcePathStyle(true), endpoint, role)) {
                S3Exception e = assertThrows(S3Exception.class, s3::listBuckets);
                assertEquals("ExpiredToken", e.awsErrorDetails().errorCode());
                assertEquals(400, e.statusCode());
                assertEquals("The provided token has expired.", e.awsErrorDetails().errorMessage());
            }
            try (S3Client s3 = Clients.client(S3Client.builder().forcePathStyle(true), endpoint, session)) {
                assertEquals("ExpiredToken", assertThrows(S3Exception.class, s3::listBuckets).awsErrorDetails().errorCode());
            }
            for (AwsSessionCredentials expired : List.of(role, session)) {
                try (DynamoDbClient dynamo = Clients.client(DynamoDbClient.builder(), endpoint, expired)) {
                    assertExpiredTokenException(400, () -> dynamo.listTables());
                }
            }
            try (SqsClient sqs = Clients.client(SqsClient.builder(), endpoint, role)) {
                assertExpiredTokenException(400, () -> sqs.listQueues());
            }
            try (CognitoIdentityProviderClient idp = Clients.client(CognitoIdentityProviderClient.builder(), endpoint, role)) {
                assertExpiredTokenException(400, () -> idp.listUserPools(r -> r.maxResults(10)));
            }
            try (LambdaClient lambda = Clients.client(LambdaClient.builder(), endpoint, role)) {
                assertExpiredTokenException(403, () -> lambda.listFunctions());
            }
        }
    }

    /** The S3 error document carries the expired token, which the SDK's exception does not expose. */
    @Test
    void s3EchoesTheExpiredTokenInItsErrorDocument() throws Exception {
        MovableClock clock = new MovableClock();
        try (CloudjarServer server = CloudjarServer.start(CloudjarConfig.builder().port(0).build(), clock)) {
            URI endpoint = URI.create(server.endpoint());
            clock.shiftTo(Duration.ofSeconds(-60));
            Credentials assumed;
            try (StsClient sts = sts(endpoint, "test", "test")) {
                assumed = sts.assumeRole(r -> r.roleArn("arn:aws:iam::000000000000:role/short")
                        .roleSessionName("brief").durationSeconds(900)).credentials();
            }
            clock.shiftTo(Duration.ofSeconds(870));
            Signer.Signed signed = Signer.sign(Signer.request(endpoint, SdkHttpMethod.GET, "/")
                            .putHeader("X-Amz-Security-Token", assumed.sessionToken()).build(), new byte[0],
                    assumed.accessKeyId(), assumed.secretAccessKey(), "s3", Clock.systemUTC(),
                    r -> r.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true));
            try (RawHttp http = new RawHttp(endpoint)) {
                RawHttp.Reply reply = http.send(signed.wire()).read();
                assertEquals(400, reply.status(), reply.text());
                assertTrue(reply.text().contains("<Token-0>" + assumed.sessionToken() + "</Token-0>"), reply.text());
            }
        }
    }

    private static void assertExpiredTokenException(int status, Executable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call);
        assertEquals("ExpiredTokenException", e.awsErrorDetails().errorCode());
        assertEquals(status, e.statusCode());
        assertEquals("The security token included in the request is expired", e.awsErrorDetails().errorMessage());
    }

    /** ID tokens last an hour; AssumeRoleWithWebIdentity is unsigned, so the clock may move past SigV4's allowance. */
    @Test
    void webIdentityTokenPastItsExpiryFailsWithExpiredTokenException() {
        MovableClock clock = new MovableClock();
        try (CloudjarServer server = CloudjarServer.start(CloudjarConfig.builder().port(0).build(), clock)) {
            URI endpoint = URI.create(server.endpoint());
            CognitoLogin.Tokens user = CognitoLogin.signedInUser(endpoint, "expiring", "ada");

            clock.shiftTo(Duration.ofMinutes(61));

            try (StsClient sts = sts(endpoint, "test", "test")) {
                ExpiredTokenException e = assertThrows(ExpiredTokenException.class,
                        () -> sts.assumeRoleWithWebIdentity(r -> r
                                .roleArn("arn:aws:iam::123456789012:role/web").roleSessionName("late")
                                .webIdentityToken(user.idToken())));
                assertEquals("ExpiredTokenException", e.awsErrorDetails().errorCode());
            }
        }
    }
}
