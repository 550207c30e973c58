package dev.cloudjar.it.cognito;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.FeatureType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RefreshTokenReuseException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;

import java.net.URI;
import java.util.Map;

import static dev.cloudjar.it.cognito.CognitoErrorAssertions.assertCognitoError;
import static dev.cloudjar.it.fixtures.Clients.cognitoIdp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * GetTokensFromRefreshToken (what Amplify v6 renews sessions with) and refresh token rotation:
 * API reference "GetTokensFromRefreshToken", "RefreshTokenRotationType", and the developer guide's
 * "Refresh tokens" page.
 */
@Cloudjar
class RefreshTokenTest {

    @Test
    void withoutRotationItIssuesNewIdAndAccessTokensOnly(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = CognitoFixtures.pool(idp, "plain");
            CognitoFixtures.signUpAndConfirm(endpoint, idp, pool, "ann", "ann@example.com");
            AuthenticationResultType login = CognitoFixtures.login(idp, pool, "ann", CognitoFixtures.PASSWORD);

            AuthenticationResultType renewed = idp.getTokensFromRefreshToken(r -> r.clientId(pool.clientId())
                    .refreshToken(login.refreshToken())).authenticationResult();

            assertNotNull(renewed.accessToken());
            assertNotNull(renewed.idToken());
            assertEquals("Bearer", renewed.tokenType());
            assertNull(renewed.refreshToken(), "no rotation, no new refresh token");
            // The new access token works, and the refresh token keeps working.
            assertEquals("ann", idp.getUser(r -> r.accessToken(renewed.accessToken())).username());
            assertNotNull(idp.getTokensFromRefreshToken(r -> r.clientId(pool.clientId())
                    .refreshToken(login.refreshToken())).authenticationResult().accessToken());
        }
    }

    @Test
    void anUnknownOrRevokedRefreshTokenIsNotAuthorized(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = CognitoFixtures.pool(idp, "revoking");
            CognitoFixtures.signUpAndConfirm(endpoint, idp, pool, "bob", "bob@example.com");
            AuthenticationResultType login = CognitoFixtures.login(idp, pool, "bob", CognitoFixtures.PASSWORD);

            assertCognitoError(NotAuthorizedException.class, "Invalid Refresh Token", () ->
                    idp.getTokensFromRefreshToken(r -> r.clientId(pool.clientId()).refreshToken("not-a-token")));
            idp.revokeToken(r -> r.clientId(pool.clientId()).token(login.refreshToken()));
            assertCognitoError(NotAuthorizedException.class, "Refresh Token has been revoked", () ->
                    idp.getTokensFromRefreshToken(r -> r.clientId(pool.clientId()).refreshToken(login.refreshToken())));
        }
    }

    @Test
    void withRotationEachRenewalIssuesANewRefreshTokenAndTheOldOneIsRefused(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = CognitoFixtures.pool(idp, "rotating");
            UserPoolClientType client = idp.createUserPoolClient(r -> r.userPoolId(pool.poolId()).clientName("rotating")
                    .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH)
                    .refreshTokenRotation(t -> t.feature(FeatureType.ENABLED).retryGracePeriodSeconds(0)))
                    .userPoolClient();
            assertEquals(FeatureType.ENABLED, idp.describeUserPoolClient(r -> r.userPoolId(pool.poolId())
                    .clientId(client.clientId())).userPoolClient().refreshTokenRotation().feature());
            CognitoFixtures.signUpAndConfirm(endpoint, idp, pool, "cat", "cat@example.com");
            String first = idp.initiateAuth(r -> r.clientId(client.clientId()).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", "cat", "PASSWORD", CognitoFixtures.PASSWORD)))
                    .authenticationResult().refreshToken();

            AuthenticationResultType renewed = idp.getTokensFromRefreshToken(r -> r.clientId(client.clientId())
                    .refreshToken(first)).authenticationResult();

            assertNotNull(renewed.refreshToken());
            assertNotEquals(first, renewed.refreshToken());
            assertCognitoError(RefreshTokenReuseException.class, "Refresh Token has been rotated", () ->
                    idp.getTokensFromRefreshToken(r -> r.clientId(client.clientId()).refreshToken(first)));
            assertNotNull(idp.getTokensFromRefreshToken(r -> r.clientId(client.clientId())
                    .refreshToken(renewed.refreshToken())).authenticationResult().refreshToken());
            // Rotation renews only through GetTokensFromRefreshToken.
            assertCognitoError(InvalidParameterException.class, "REFRESH_TOKEN_AUTH flow not enabled for this client", () ->
                    idp.initiateAuth(r -> r.clientId(client.clientId()).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                            .authParameters(Map.of("REFRESH_TOKEN", renewed.refreshToken()))));
        }
    }

    @Test
    void aClientWithASecretSendsIt(URI endpoint) throws Exception {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = CognitoFixtures.pool(idp, "secret");
            UserPoolClientType client = idp.createUserPoolClient(r -> r.userPoolId(pool.poolId()).clientName("server")
                    .generateSecret(true).explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH,
                            ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)).userPoolClient();
            CognitoFixtures.signUpAndConfirm(endpoint, idp, pool, "dan", "dan@example.com");
            String hash = SignUpFidelityTest.secretHash(client.clientSecret(), "dan", client.clientId());
            String refresh = idp.adminInitiateAuth(r -> r.userPoolId(pool.poolId()).clientId(client.clientId())
                    .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH).authParameters(Map.of("USERNAME", "dan",
                            "PASSWORD", CognitoFixtures.PASSWORD, "SECRET_HASH", hash)))
                    .authenticationResult().refreshToken();

            assertCognitoError(NotAuthorizedException.class, "Client " + client.clientId()
                    + " is configured with secret but ClientSecret was not received", () ->
                    idp.getTokensFromRefreshToken(r -> r.clientId(client.clientId()).refreshToken(refresh)));
            assertCognitoError(NotAuthorizedException.class, "Unable to verify secret for client " + client.clientId(), () ->
                    idp.getTokensFromRefreshToken(r -> r.clientId(client.clientId()).clientSecret("wrong")
                            .refreshToken(refresh)));
            assertNotNull(idp.getTokensFromRefreshToken(r -> r.clientId(client.clientId())
                    .clientSecret(client.clientSecret()).refreshToken(refresh)).authenticationResult().accessToken());
        }
    }
}
