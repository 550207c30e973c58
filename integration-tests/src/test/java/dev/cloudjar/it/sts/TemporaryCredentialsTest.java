package dev.cloudjar.it.sts;

import dev.cloudjar.it.cognito.CognitoLogin;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.InvalidIdentityTokenException;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URI;

import static dev.cloudjar.it.fixtures.Clients.sts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Cloudjar
class TemporaryCredentialsTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/deployer";

    @Test
    void assumedRoleCredentialsSignAsTheAssumedRole(URI endpoint) {
        try (StsClient sts = sts(endpoint, "test", "test")) {
            AssumeRoleResponse assumed = sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("ci"));
            assertEquals("arn:aws:sts::123456789012:assumed-role/deployer/ci", assumed.assumedRoleUser().arn());
            assertTrue(assumed.credentials().accessKeyId().startsWith("ASIA"));

            try (StsClient asRole = sts(endpoint, session(assumed.credentials()))) {
                var caller = asRole.getCallerIdentity();
                assertEquals("arn:aws:sts::123456789012:assumed-role/deployer/ci", caller.arn());
                assertEquals("123456789012", caller.account());
                assertEquals(assumed.assumedRoleUser().assumedRoleId(), caller.userId());
            }
        }
    }

    @Test
    void temporaryKeyWithAnotherSessionTokenIsRefused(URI endpoint) {
        try (StsClient sts = sts(endpoint, "test", "test")) {
            Credentials assumed = sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("brief")).credentials();
            try (StsClient wrongToken = sts(endpoint, AwsSessionCredentials.create(assumed.accessKeyId(),
                    assumed.secretAccessKey(), "not-the-session-token"))) {
                StsException e = assertThrows(StsException.class, wrongToken::getCallerIdentity);
                assertEquals(403, e.statusCode());
            }
        }
    }

    @Test
    void sessionTokenCredentialsActAsTheCaller(URI endpoint) {
        try (StsClient sts = sts(endpoint, "test", "test")) {
            Credentials credentials = sts.getSessionToken().credentials();
            try (StsClient session = sts(endpoint, session(credentials))) {
                assertEquals("arn:aws:iam::000000000000:root", session.getCallerIdentity().arn());
            }
        }
    }

    @Test
    void webIdentityFromAUserPoolIdTokenAssumesTheRole(URI endpoint) {
        CognitoLogin.Tokens login = CognitoLogin.signedInUser(endpoint, "web-identity", "lena");
        try (StsClient sts = sts(endpoint, "test", "test")) {
            AssumeRoleWithWebIdentityResponse assumed = sts.assumeRoleWithWebIdentity(r -> r.roleArn(ROLE)
                    .roleSessionName("web").webIdentityToken(login.idToken()));
            assertEquals(login.sub(), assumed.subjectFromWebIdentityToken());
            assertEquals(login.clientId(), assumed.audience());
            try (StsClient asRole = sts(endpoint, session(assumed.credentials()))) {
                assertEquals("arn:aws:sts::123456789012:assumed-role/deployer/web", asRole.getCallerIdentity().arn());
            }
        }
    }

    @Test
    void webIdentityWithAForgedTokenIsAnInvalidIdentityToken(URI endpoint) {
        try (StsClient sts = sts(endpoint, "test", "test")) {
            InvalidIdentityTokenException e = assertThrows(InvalidIdentityTokenException.class,
                    () -> sts.assumeRoleWithWebIdentity(r -> r.roleArn(ROLE).roleSessionName("web")
                            .webIdentityToken("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")));
            assertEquals("InvalidIdentityToken", e.awsErrorDetails().errorCode());
        }
    }

    private static AwsSessionCredentials session(Credentials c) {
        return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }
}
