package dev.cloudjar.it.cognito;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;

import java.net.URI;
import java.time.ZonedDateTime;
import java.util.Map;

import static dev.cloudjar.it.cognito.CognitoErrorAssertions.assertCognitoError;
import static dev.cloudjar.it.cognito.CognitoFixtures.PASSWORD;
import static dev.cloudjar.it.cognito.CognitoFixtures.login;
import static dev.cloudjar.it.cognito.CognitoFixtures.signUpAndConfirm;
import static dev.cloudjar.it.fixtures.Clients.cognitoIdp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** InitiateAuth, AdminInitiateAuth and RespondToAuthChallenge: each refusal as Cognito words it. */
@Cloudjar
class AuthFidelityTest {

    @Test
    void flowsNotEnabledOnTheClientAreRefusedInEachFlowsWords(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            String poolId = idp.createUserPool(r -> r.poolName("flows-off")).userPool().id();
            String clientId = idp.createUserPoolClient(r -> r.userPoolId(poolId).clientName("refresh-only")
                    .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)).userPoolClient().clientId();
            Map<String, String> credentials = Map.of("USERNAME", "kim", "PASSWORD", PASSWORD);

            assertCognitoError(InvalidParameterException.class, "USER_PASSWORD_AUTH flow not enabled for this client",
                    () -> idp.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                            .authParameters(credentials)));
            assertCognitoError(InvalidParameterException.class, "Auth flow not enabled for this client",
                    () -> idp.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(clientId)
                            .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH).authParameters(credentials)));
            assertCognitoError(InvalidParameterException.class, "Auth flow not enabled for this client",
                    () -> idp.adminInitiateAuth(r -> r.userPoolId(poolId).clientId(clientId)
                            .authFlow(AuthFlowType.ADMIN_NO_SRP_AUTH).authParameters(credentials)));
            assertCognitoError(InvalidParameterException.class, "Initiate Auth method not supported.",
                    () -> idp.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                            .authParameters(credentials)));
        }
    }

    @Test
    void wrongPasswordDisabledAndUnconfirmedUsersAreToldApart(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = CognitoFixtures.pool(idp, "refusals");
            signUpAndConfirm(endpoint, idp, pool, "lee", "lee@example.com");
            assertCognitoError(NotAuthorizedException.class, "Incorrect username or password.",
                    () -> login(idp, pool, "lee", "Wrong-Password-1"));
            assertCognitoError(InvalidParameterException.class, "Missing required parameter PASSWORD",
                    () -> idp.initiateAuth(r -> r.clientId(pool.clientId()).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                            .authParameters(Map.of("USERNAME", "lee"))));

            idp.adminDisableUser(r -> r.userPoolId(pool.poolId()).username("lee"));
            assertCognitoError(NotAuthorizedException.class, "User is disabled.",
                    () -> login(idp, pool, "lee", PASSWORD));

            idp.signUp(r -> r.clientId(pool.clientId()).username("max").password(PASSWORD));
            assertCognitoError(UserNotConfirmedException.class, "User is not confirmed.",
                    () -> login(idp, pool, "max", PASSWORD));
            // Cognito says so even to a wrong password, so that apps can send the user on to confirmation.
            assertCognitoError(UserNotConfirmedException.class, "User is not confirmed.",
                    () -> login(idp, pool, "max", "Wrong-Password-1"));
        }
    }

    @Test
    void srpLoginOfAnUnknownUserIsChallengedAndThenRefusedWhenExistenceErrorsArePrevented(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            String poolId = idp.createUserPool(r -> r.poolName("hidden-srp")).userPool().id();
            String clientId = idp.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")
                    .preventUserExistenceErrors(PreventUserExistenceErrorTypes.ENABLED)).userPoolClient().clientId();
            SrpClient srp = new SrpClient(poolId);

            InitiateAuthResponse first = idp.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                    .authParameters(Map.of("USERNAME", "nobody", "SRP_A", srp.srpA())));
            InitiateAuthResponse second = idp.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_SRP_AUTH)
                    .authParameters(Map.of("USERNAME", "nobody", "SRP_A", srp.srpA())));
            assertEquals(ChallengeNameType.PASSWORD_VERIFIER, first.challengeName());
            assertEquals(first.challengeParameters().get("SALT"), second.challengeParameters().get("SALT"));
            assertEquals(first.challengeParameters().get("USER_ID_FOR_SRP"),
                    second.challengeParameters().get("USER_ID_FOR_SRP"));

            assertCognitoError(NotAuthorizedException.class, "Incorrect username or password.",
                    () -> idp.respondToAuthChallenge(r -> r.clientId(clientId)
                            .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                            .challengeResponses(srp.passwordVerifier(first.challengeParameters(), PASSWORD,
                                    ZonedDateTime.now()))));
        }
    }

    @Test
    void newPasswordChallengeSessionServesOnceAndNeedsTheUsername(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = CognitoFixtures.pool(idp, "new-password");
            idp.adminCreateUser(r -> r.userPoolId(pool.poolId()).username("ned").temporaryPassword("Temp-pass-123"));
            AdminInitiateAuthResponse challenge = idp.adminInitiateAuth(r -> r.userPoolId(pool.poolId())
                    .clientId(pool.clientId()).authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", "ned", "PASSWORD", "Temp-pass-123")));

            assertCognitoError(NotAuthorizedException.class, "Invalid session for the user.",
                    () -> respond(idp, pool, "bm90LWEtc2Vzc2lvbg==", Map.of("USERNAME", "ned", "NEW_PASSWORD", PASSWORD)));
            assertCognitoError(InvalidParameterException.class, "Missing required parameter USERNAME",
                    () -> respond(idp, pool, challenge.session(), Map.of("NEW_PASSWORD", PASSWORD)));
            assertCognitoError(InvalidPasswordException.class,
                    "Password does not conform to policy: Password must have numeric characters",
                    () -> respond(idp, pool, challenge.session(), Map.of("USERNAME", "ned", "NEW_PASSWORD", "No-Digits-Here")));

            assertNotNull(respond(idp, pool, challenge.session(), Map.of("USERNAME", "ned", "NEW_PASSWORD", PASSWORD))
                    .accessToken());
            assertCognitoError(NotAuthorizedException.class, "Invalid session for the user.",
                    () -> respond(idp, pool, challenge.session(), Map.of("USERNAME", "ned", "NEW_PASSWORD", PASSWORD)));
        }
    }

    @Test
    void refreshTokensAreInvalidOrRevokedAndAccessTokensRevoked(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = CognitoFixtures.pool(idp, "revocation");
            signUpAndConfirm(endpoint, idp, pool, "oli", "oli@example.com");
            assertCognitoError(NotAuthorizedException.class, "Invalid Refresh Token",
                    () -> refresh(idp, pool, "not-a-refresh-token"));

            AuthenticationResultType revokedOne = login(idp, pool, "oli", PASSWORD);
            idp.revokeToken(r -> r.clientId(pool.clientId()).token(revokedOne.refreshToken()));
            assertCognitoError(NotAuthorizedException.class, "Refresh Token has been revoked",
                    () -> refresh(idp, pool, revokedOne.refreshToken()));

            AuthenticationResultType signedOut = login(idp, pool, "oli", PASSWORD);
            idp.globalSignOut(r -> r.accessToken(signedOut.accessToken()));
            assertCognitoError(NotAuthorizedException.class, "Refresh Token has been revoked",
                    () -> refresh(idp, pool, signedOut.refreshToken()));
            assertCognitoError(NotAuthorizedException.class, "Access Token has been revoked",
                    () -> idp.getUser(r -> r.accessToken(signedOut.accessToken())));

            AuthenticationResultType adminSignedOut = login(idp, pool, "oli", PASSWORD);
            idp.adminUserGlobalSignOut(r -> r.userPoolId(pool.poolId()).username("oli"));
            assertCognitoError(NotAuthorizedException.class, "Refresh Token has been revoked",
                    () -> refresh(idp, pool, adminSignedOut.refreshToken()));
            assertCognitoError(NotAuthorizedException.class, "Invalid Access Token",
                    () -> idp.getUser(r -> r.accessToken("not.a.token")));
        }
    }

    @Test
    void clientWithASecretWantsSecretHashInTheAuthParameters(URI endpoint) throws Exception {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            String poolId = idp.createUserPool(r -> r.poolName("secret-auth")).userPool().id();
            var client = idp.createUserPoolClient(r -> r.userPoolId(poolId).clientName("backend").generateSecret(true)
                    .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                            ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)).userPoolClient();
            idp.adminCreateUser(r -> r.userPoolId(poolId).username("pia").temporaryPassword(PASSWORD));
            idp.adminSetUserPassword(r -> r.userPoolId(poolId).username("pia").password(PASSWORD).permanent(true));

            assertCognitoError(NotAuthorizedException.class,
                    "Client " + client.clientId() + " is configured with secret but SECRET_HASH was not received",
                    () -> idp.initiateAuth(r -> r.clientId(client.clientId()).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                            .authParameters(Map.of("USERNAME", "pia", "PASSWORD", PASSWORD))));
            String wrong = SignUpFidelityTest.secretHash(client.clientSecret(), "someone-else", client.clientId());
            assertCognitoError(NotAuthorizedException.class, "Unable to verify secret hash for client " + client.clientId(),
                    () -> idp.initiateAuth(r -> r.clientId(client.clientId()).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                            .authParameters(Map.of("USERNAME", "pia", "PASSWORD", PASSWORD, "SECRET_HASH", wrong))));
        }
    }

    private static AuthenticationResultType respond(CognitoIdentityProviderClient idp, CognitoFixtures.Pool pool,
                                                    String session, Map<String, String> responses) {
        return idp.respondToAuthChallenge(r -> r.clientId(pool.clientId())
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(session)
                .challengeResponses(responses)).authenticationResult();
    }

    private static AuthenticationResultType refresh(CognitoIdentityProviderClient idp, CognitoFixtures.Pool pool,
                                                    String refreshToken) {
        return idp.initiateAuth(r -> r.clientId(pool.clientId()).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(Map.of("REFRESH_TOKEN", refreshToken))).authenticationResult();
    }
}
