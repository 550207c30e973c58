package dev.cloudjar.it.sts;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.InvalidIdentityTokenException;
import software.amazon.awssdk.services.sts.model.PackedPolicyTooLargeException;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import static dev.cloudjar.it.fixtures.AwsErrors.fails;
import static dev.cloudjar.it.fixtures.Clients.sts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** STS's answers checked against the real service's: codes, statuses, messages and the ErrorResponse body. */
@Cloudjar
class StsFidelityTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/deployer";


    @Test
    void anAssumedRoleIsIdentifiedByItsRoleIdAndSessionName(URI endpoint) {
        try (StsClient sts = sts(endpoint, "test", "test")) {
            Credentials credentials = sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("build-42")).credentials();
            try (StsClient asRole = sts(endpoint, AwsSessionCredentials.create(credentials.accessKeyId(),
                    credentials.secretAccessKey(), credentials.sessionToken()))) {
                GetCallerIdentityResponse identity = asRole.getCallerIdentity();
                assertEquals("123456789012", identity.account());
                assertEquals("arn:aws:sts::123456789012:assumed-role/deployer/build-42", identity.arn());
                assertTrue(identity.userId().matches("AROA[A-Z2-7]{17}:build-42"), identity.userId());
            }
        }
    }

    @Test
    void sessionNamesAndDurationsAreValidatedWithCoralsWording(URI endpoint) {
        try (StsClient sts = sts(endpoint, "test", "test")) {
            fails(StsException.class, "ValidationError", 400,
                    "1 validation error detected: Value 'has space' at 'roleSessionName' failed to satisfy constraint: "
                            + "Member must satisfy regular expression pattern: [\\w+=,.@-]*",
                    () -> sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("has space")));
            fails(StsException.class, "ValidationError", 400,
                    "1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: "
                            + "Member must have length greater than or equal to 2",
                    () -> sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("x")));
            fails(StsException.class, "ValidationError", 400,
                    "1 validation error detected: Value '" + "n".repeat(65) + "' at 'roleSessionName' failed to satisfy "
                            + "constraint: Member must have length less than or equal to 64",
                    () -> sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("n".repeat(65))));
            fails(StsException.class, "ValidationError", 400,
                    "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: "
                            + "Member must have value greater than or equal to 900",
                    () -> sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("short").durationSeconds(899)));
            fails(StsException.class, "ValidationError", 400,
                    "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: "
                            + "Member must have value less than or equal to 43200",
                    () -> sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("long").durationSeconds(43201)));
            fails(StsException.class, "ValidationError", 400,
                    "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: "
                            + "Member must have value greater than or equal to 900",
                    () -> sts.getSessionToken(r -> r.durationSeconds(899)));
        }
    }

    @Test
    void aSessionPolicyOverItsBudgetIsPackedPolicyTooLargeAndOneWithinItReportsItsSize(URI endpoint) {
        String statement = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::%s/*\"}]}";
        String small = statement.formatted("bucket");
        String large = statement.formatted("b".repeat(2048));
        try (StsClient sts = sts(endpoint, "test", "test")) {
            int packed = sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("scoped").policy(small)).packedPolicySize();
            assertTrue(packed > 0 && packed < 100, "PackedPolicySize " + packed);
            fails(PackedPolicyTooLargeException.class, "PackedPolicyTooLarge", 400,
                    "Packed policy consumes " + (int) Math.ceil(large.length() * 100.0 / 2048) + "% of allotted space",
                    () -> sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("scoped").policy(large)));
        }
    }

    @Test
    void errorsAreAnErrorResponseWithTypeCodeMessageAndRequestId(URI endpoint) {
        try (StsClient sts = sts(endpoint, "test", "test")) {
            StsException e = assertThrows(StsException.class,
                    () -> sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("x")));
            String body = e.awsErrorDetails().rawResponse().asString(StandardCharsets.UTF_8);
            assertTrue(Pattern.compile("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\\s*<Error>\\s*"
                    + "<Type>Sender</Type>\\s*<Code>ValidationError</Code>\\s*<Message>1 validation error detected: "
                    + "[^<]*</Message>\\s*</Error>\\s*<RequestId>" + Pattern.quote(e.requestId())
                    + "</RequestId>\\s*</ErrorResponse>").matcher(body).find(), body);
        }
    }

    @Test
    void temporaryCredentialsCannotGetASessionToken(URI endpoint) {
        try (StsClient sts = sts(endpoint, "test", "test")) {
            Credentials assumed = sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("nested")).credentials();
            try (StsClient asRole = sts(endpoint, AwsSessionCredentials.create(assumed.accessKeyId(),
                    assumed.secretAccessKey(), assumed.sessionToken()))) {
                fails(StsException.class, "AccessDenied", 403, "Cannot call GetSessionToken with session credentials",
                        asRole::getSessionToken);
            }
        }
    }

    @Test
    void aWebIdentityTokenThatIsNotAJwtIsAnInvalidIdentityToken(URI endpoint) {
        try (StsClient sts = sts(endpoint, "test", "test")) {
            InvalidIdentityTokenException e = assertThrows(InvalidIdentityTokenException.class,
                    () -> sts.assumeRoleWithWebIdentity(r -> r.roleArn(ROLE).roleSessionName("web")
                            .webIdentityToken("not-a-token-at-all")));
            assertEquals("InvalidIdentityToken", e.awsErrorDetails().errorCode());
            assertEquals(400, e.statusCode());
        }
    }
}
