package dev.cloudjar.it.sts;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;
import dev.cloudjar.it.cognito.CognitoLogin;
import dev.cloudjar.it.fixtures.MovableClock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.ExpiredTokenException;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URI;
import java.time.Duration;

import static dev.cloudjar.it.fixtures.Clients.sts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
