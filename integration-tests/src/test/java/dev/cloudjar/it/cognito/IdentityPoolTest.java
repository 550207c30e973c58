package dev.cloudjar.it.cognito;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentity.model.DescribeIdentityPoolResponse;
import software.amazon.awssdk.services.cognitoidentity.model.IdentityPoolShortDescription;
import software.amazon.awssdk.services.cognitoidentity.model.InvalidIdentityPoolConfigurationException;
import software.amazon.awssdk.services.cognitoidentity.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.it.fixtures.Clients.cognitoIdentity;
import static dev.cloudjar.it.fixtures.Clients.sts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Cloudjar
class IdentityPoolTest {
    private static final String GUEST_ROLE = "arn:aws:iam::000000000000:role/guests";

    @Test
    void identityPoolsAreDescribedListedAndDeleted(URI endpoint) {
        try (CognitoIdentityClient identity = cognitoIdentity(endpoint)) {
            String first = identity.createIdentityPool(r -> r.identityPoolName("first")
                    .allowUnauthenticatedIdentities(true)).identityPoolId();
            String second = identity.createIdentityPool(r -> r.identityPoolName("second")
                    .allowUnauthenticatedIdentities(false)).identityPoolId();

            DescribeIdentityPoolResponse described = identity.describeIdentityPool(r -> r.identityPoolId(first));
            assertEquals("first", described.identityPoolName());
            assertTrue(described.allowUnauthenticatedIdentities());
            assertTrue(first.startsWith("us-east-1:"));
            // ListIdentityPools promises no order (ids are random), and other tests add pools.
            List<String> listed = identity.listIdentityPools(r -> r.maxResults(60)).identityPools()
                    .stream().map(IdentityPoolShortDescription::identityPoolId).toList();
            assertTrue(listed.containsAll(List.of(first, second)), listed.toString());

            identity.deleteIdentityPool(r -> r.identityPoolId(first));

            ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                    () -> identity.describeIdentityPool(r -> r.identityPoolId(first)));
            assertEquals("ResourceNotFoundException", e.awsErrorDetails().errorCode());
            assertEquals(List.of(second), identity.listIdentityPools(r -> r.maxResults(60)).identityPools().stream()
                    .map(IdentityPoolShortDescription::identityPoolId).toList());
        }
    }

    @Test
    void unauthenticatedIdentityGetsTheUnauthenticatedRole(URI endpoint) {
        try (CognitoIdentityClient identity = cognitoIdentity(endpoint)) {
            String poolId = identity.createIdentityPool(r -> r.identityPoolName("guests")
                    .allowUnauthenticatedIdentities(true)).identityPoolId();
            String identityId = identity.getId(r -> r.identityPoolId(poolId)).identityId();

            InvalidIdentityPoolConfigurationException noRole = assertThrows(
                    InvalidIdentityPoolConfigurationException.class,
                    () -> identity.getCredentialsForIdentity(r -> r.identityId(identityId)));
            assertEquals("InvalidIdentityPoolConfigurationException", noRole.awsErrorDetails().errorCode());

            identity.setIdentityPoolRoles(r -> r.identityPoolId(poolId).roles(Map.of("unauthenticated", GUEST_ROLE)));
            Credentials credentials = identity.getCredentialsForIdentity(r -> r.identityId(identityId)).credentials();

            try (StsClient sts = sts(endpoint, AwsSessionCredentials.create(credentials.accessKeyId(),
                    credentials.secretKey(), credentials.sessionToken()))) {
                assertEquals("arn:aws:sts::000000000000:assumed-role/guests/CognitoIdentityCredentials",
                        sts.getCallerIdentity().arn());
            }
        }
    }

    @Test
    void openIdTokenNamesTheIdentityAndAssumesARoleThroughSts(URI endpoint) throws Exception {
        try (CognitoIdentityClient identity = cognitoIdentity(endpoint);
             StsClient sts = sts(endpoint, "test", "test")) {
            String poolId = identity.createIdentityPool(r -> r.identityPoolName("openid")
                    .allowUnauthenticatedIdentities(true)).identityPoolId();
            String identityId = identity.getId(r -> r.identityPoolId(poolId)).identityId();

            String token = identity.getOpenIdToken(r -> r.identityId(identityId)).token();

            JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
            assertEquals(identityId, claims.getSubject());
            assertEquals(List.of(poolId), claims.getAudience());
            assertEquals(endpoint + "/cognito-identity", claims.getIssuer());
            assertEquals(List.of("unauthenticated"), claims.getStringListClaim("amr"));
            AssumeRoleWithWebIdentityResponse assumed = sts.assumeRoleWithWebIdentity(r -> r.roleArn(GUEST_ROLE)
                    .roleSessionName("web").webIdentityToken(token));
            assertEquals(identityId, assumed.subjectFromWebIdentityToken());
            assertEquals(poolId, assumed.audience());
            assertEquals("arn:aws:sts::000000000000:assumed-role/guests/web", assumed.assumedRoleUser().arn());
        }
    }

    @Test
    void unknownIdentityIsNotFound(URI endpoint) {
        try (CognitoIdentityClient identity = cognitoIdentity(endpoint)) {
            String poolId = identity.createIdentityPool(r -> r.identityPoolName("lookup")
                    .allowUnauthenticatedIdentities(true)).identityPoolId();
            assertFalse(poolId.isEmpty());
            assertThrows(ResourceNotFoundException.class, () -> identity.getOpenIdToken(r -> r
                    .identityId("us-east-1:00000000-0000-0000-0000-000000000000")));
        }
    }
}
