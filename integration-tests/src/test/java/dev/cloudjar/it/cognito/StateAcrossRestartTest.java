package dev.cloudjar.it.cognito;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import static dev.cloudjar.it.cognito.CognitoFixtures.PASSWORD;
import static dev.cloudjar.it.cognito.CognitoFixtures.login;
import static dev.cloudjar.it.cognito.CognitoFixtures.pool;
import static dev.cloudjar.it.cognito.CognitoFixtures.signUpAndConfirm;
import static dev.cloudjar.it.fixtures.Clients.cognitoIdentity;
import static dev.cloudjar.it.fixtures.Clients.cognitoIdp;
import static dev.cloudjar.it.fixtures.Clients.sts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Refresh tokens and temporary credentials are state: kept in the data dir, gone with a reset. */
class StateAcrossRestartTest {

    /** What the first server handed out. */
    private record Issued(CognitoFixtures.Pool pool, String refreshToken, AwsSessionCredentials stsCredentials,
                          AwsSessionCredentials identityPoolCredentials) {
    }

    @Test
    void refreshTokensAndTemporaryCredentialsOutliveARestartUntilTheirServiceIsReset(@TempDir Path dataDir) {
        CloudjarConfig config = CloudjarConfig.builder().port(0).dataDir(dataDir).build();
        Issued issued;
        try (CloudjarServer first = CloudjarServer.start(config)) {
            issued = issue(URI.create(first.endpoint()));
        }
        try (CloudjarServer second = CloudjarServer.start(config)) {
            URI endpoint = URI.create(second.endpoint());
            try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint);
                 StsClient asRole = sts(endpoint, issued.stsCredentials());
                 StsClient asIdentity = sts(endpoint, issued.identityPoolCredentials())) {
                assertNotNull(refresh(idp, issued).accessToken());
                assertEquals("arn:aws:sts::123456789012:assumed-role/deployer/before-restart",
                        asRole.getCallerIdentity().arn());
                assertEquals("arn:aws:sts::000000000000:assumed-role/guests/CognitoIdentityCredentials",
                        asIdentity.getCallerIdentity().arn());

                second.reset("sts");
                assertEquals("InvalidClientTokenId", assertThrows(StsException.class, asRole::getCallerIdentity)
                        .awsErrorDetails().errorCode());
                asIdentity.getCallerIdentity();

                second.reset("cognito-identity");
                assertEquals("InvalidClientTokenId", assertThrows(StsException.class, asIdentity::getCallerIdentity)
                        .awsErrorDetails().errorCode());
                refresh(idp, issued);

                second.reset("cognito-idp");
                assertThrows(ResourceNotFoundException.class, () -> refresh(idp, issued));
            }
        }
    }

    private static Issued issue(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint);
             CognitoIdentityClient identity = cognitoIdentity(endpoint);
             StsClient sts = sts(endpoint, "test", "test")) {
            CognitoFixtures.Pool pool = pool(idp, "durable");
            signUpAndConfirm(endpoint, idp, pool, "dora", "dora@example.com");
            String refreshToken = login(idp, pool, "dora", PASSWORD).refreshToken();

            var role = sts.assumeRole(r -> r.roleArn("arn:aws:iam::123456789012:role/deployer")
                    .roleSessionName("before-restart")).credentials();

            String identityPoolId = identity.createIdentityPool(r -> r.identityPoolName("guests")
                    .allowUnauthenticatedIdentities(true)).identityPoolId();
            identity.setIdentityPoolRoles(r -> r.identityPoolId(identityPoolId)
                    .roles(Map.of("unauthenticated", "arn:aws:iam::000000000000:role/guests")));
            String identityId = identity.getId(r -> r.identityPoolId(identityPoolId)).identityId();
            var guest = identity.getCredentialsForIdentity(r -> r.identityId(identityId)).credentials();

            return new Issued(pool, refreshToken,
                    AwsSessionCredentials.create(role.accessKeyId(), role.secretAccessKey(), role.sessionToken()),
                    AwsSessionCredentials.create(guest.accessKeyId(), guest.secretKey(), guest.sessionToken()));
        }
    }

    private static AuthenticationResultType refresh(CognitoIdentityProviderClient idp, Issued issued) {
        return idp.initiateAuth(r -> r.clientId(issued.pool().clientId()).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", issued.refreshToken()))).authenticationResult();
    }
}
