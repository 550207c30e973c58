package dev.cloudjar.it.cognito;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.RespondToAuthChallengeResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotConfirmedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import java.net.URI;
import java.time.ZonedDateTime;
import java.util.Map;

import static dev.cloudjar.it.cognito.CognitoFixtures.PASSWORD;
import static dev.cloudjar.it.cognito.CognitoFixtures.login;
import static dev.cloudjar.it.cognito.CognitoFixtures.pool;
import static dev.cloudjar.it.cognito.CognitoFixtures.signUpAndConfirm;
import static dev.cloudjar.it.fixtures.Clients.cognitoIdp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Cloudjar
class SignInTest {

    @Test
    void signedUpUserConfirmsWithTheCodeAndSignsInWithPassword(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "signup");
            signUpAndConfirm(endpoint, idp, pool, "alice", "alice@example.com");

            AuthenticationResultType tokens = login(idp, pool, "alice", PASSWORD);

            assertEquals("Bearer", tokens.tokenType());
            assertEquals(3600, tokens.expiresIn());
            assertNotNull(tokens.idToken());
            assertNotNull(tokens.refreshToken());
            GetUserResponse user = idp.getUser(r -> r.accessToken(tokens.accessToken()));
            assertEquals("alice", user.username());
            assertTrue(user.userAttributes().contains(AttributeType.builder().name("email_verified").value("true").build()));
        }
    }

    @Test
    void wrongPasswordIsNotAuthorized(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "wrong");
            signUpAndConfirm(endpoint, idp, pool, "bob", "bob@example.com");
            NotAuthorizedException e = assertThrows(NotAuthorizedException.class, () -> login(idp, pool, "bob", "Wrong-pass-1"));
            assertEquals("Incorrect username or password.", e.awsErrorDetails().errorMessage());
            assertThrows(UserNotFoundException.class, () -> login(idp, pool, "nobody", PASSWORD));
        }
    }

    @Test
    void unconfirmedUserCannotSignIn(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "unconfirmed");
            idp.signUp(r -> r.clientId(pool.clientId()).username("carol").password(PASSWORD));
            UserNotConfirmedException e = assertThrows(UserNotConfirmedException.class,
                    () -> login(idp, pool, "carol", PASSWORD));
            assertEquals("UserNotConfirmedException", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void passwordOutsideThePolicyIsRejected(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "policy");
            InvalidPasswordException e = assertThrows(InvalidPasswordException.class,
                    () -> idp.signUp(r -> r.clientId(pool.clientId()).username("dave").password("short")));
            assertEquals("Password did not conform with policy: Password not long enough", e.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void adminCreatedUserMustChooseANewPassword(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "admin-created");
            idp.adminCreateUser(r -> r.userPoolId(pool.poolId()).username("erin").temporaryPassword("Temp-pass-123"));

            AdminInitiateAuthResponse challenge = idp.adminInitiateAuth(r -> r.userPoolId(pool.poolId())
                    .clientId(pool.clientId()).authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", "erin", "PASSWORD", "Temp-pass-123")));
            assertEquals(ChallengeNameType.NEW_PASSWORD_REQUIRED, challenge.challengeName());
            assertNull(challenge.authenticationResult());

            RespondToAuthChallengeResponse done = idp.respondToAuthChallenge(r -> r.clientId(pool.clientId())
                    .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(challenge.session())
                    .challengeResponses(Map.of("USERNAME", "erin", "NEW_PASSWORD", PASSWORD)));
            assertNotNull(done.authenticationResult().accessToken());
            assertEquals("CONFIRMED", idp.adminGetUser(r -> r.userPoolId(pool.poolId()).username("erin"))
                    .userStatusAsString());
            assertNotNull(login(idp, pool, "erin", PASSWORD).idToken());
        }
    }

    @Test
    void srpLoginWithAnIndependentClientYieldsTokens(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "srp");
            signUpAndConfirm(endpoint, idp, pool, "frank", "frank@example.com");

            SrpClient srp = new SrpClient(pool.poolId());
            InitiateAuthResponse challenge = idp.initiateAuth(r -> r.clientId(pool.clientId())
                    .authFlow(AuthFlowType.USER_SRP_AUTH).authParameters(Map.of("USERNAME", "frank", "SRP_A", srp.srpA())));
            assertEquals(ChallengeNameType.PASSWORD_VERIFIER, challenge.challengeName());

            RespondToAuthChallengeResponse done = idp.respondToAuthChallenge(r -> r.clientId(pool.clientId())
                    .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                    .challengeResponses(srp.passwordVerifier(challenge.challengeParameters(), PASSWORD, ZonedDateTime.now())));
            assertEquals("frank", idp.getUser(r -> r.accessToken(done.authenticationResult().accessToken())).username());
        }
    }

    @Test
    void srpLoginWithTheWrongPasswordIsNotAuthorized(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "srp-wrong");
            signUpAndConfirm(endpoint, idp, pool, "gina", "gina@example.com");
            SrpClient srp = new SrpClient(pool.poolId());
            InitiateAuthResponse challenge = idp.initiateAuth(r -> r.clientId(pool.clientId())
                    .authFlow(AuthFlowType.USER_SRP_AUTH).authParameters(Map.of("USERNAME", "gina", "SRP_A", srp.srpA())));
            assertThrows(NotAuthorizedException.class, () -> idp.respondToAuthChallenge(r -> r.clientId(pool.clientId())
                    .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                    .challengeResponses(srp.passwordVerifier(challenge.challengeParameters(), "Not-the-pass-1",
                            ZonedDateTime.now()))));
        }
    }

    @Test
    void refreshTokenGivesNewTokensUntilGlobalSignOut(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "refresh");
            signUpAndConfirm(endpoint, idp, pool, "hank", "hank@example.com");
            AuthenticationResultType first = login(idp, pool, "hank", PASSWORD);

            AuthenticationResultType refreshed = idp.initiateAuth(r -> r.clientId(pool.clientId())
                    .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                    .authParameters(Map.of("REFRESH_TOKEN", first.refreshToken()))).authenticationResult();
            assertNull(refreshed.refreshToken());
            assertEquals("hank", idp.getUser(r -> r.accessToken(refreshed.accessToken())).username());

            idp.globalSignOut(r -> r.accessToken(refreshed.accessToken()));

            NotAuthorizedException revoked = assertThrows(NotAuthorizedException.class,
                    () -> idp.getUser(r -> r.accessToken(first.accessToken())));
            assertEquals("Access Token has been revoked", revoked.awsErrorDetails().errorMessage());
            assertThrows(NotAuthorizedException.class, () -> idp.initiateAuth(r -> r.clientId(pool.clientId())
                    .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH).authParameters(Map.of("REFRESH_TOKEN", first.refreshToken()))));
        }
    }

    @Test
    void forgedAccessTokenIsNotAuthorized(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoIdentityProviderException e = assertThrows(NotAuthorizedException.class,
                    () -> idp.getUser(r -> r.accessToken("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.c2ln")));
            assertEquals("NotAuthorizedException", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void flowNotEnabledForTheClientIsAnInvalidParameter(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            String poolId = idp.createUserPool(r -> r.poolName("flows")).userPool().id();
            String clientId = idp.createUserPoolClient(r -> r.userPoolId(poolId).clientName("srp-only"))
                    .userPoolClient().clientId();
            InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> idp.initiateAuth(r -> r
                    .clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", "x", "PASSWORD", "y"))));
            assertEquals("USER_PASSWORD_AUTH flow not enabled for this client", e.awsErrorDetails().errorMessage());
        }
    }
}
