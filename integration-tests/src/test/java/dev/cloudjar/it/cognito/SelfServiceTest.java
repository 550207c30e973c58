package dev.cloudjar.it.cognito;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UnsupportedTokenTypeException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static dev.cloudjar.it.cognito.CognitoFixtures.PASSWORD;
import static dev.cloudjar.it.cognito.CognitoFixtures.confirmationCode;
import static dev.cloudjar.it.cognito.CognitoFixtures.login;
import static dev.cloudjar.it.cognito.CognitoFixtures.pool;
import static dev.cloudjar.it.cognito.CognitoFixtures.signUpAndConfirm;
import static dev.cloudjar.it.cognito.UserAdministrationTest.attribute;
import static dev.cloudjar.it.fixtures.Clients.cognitoIdp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Cloudjar
class SelfServiceTest {
    private static final String NEW_PASSWORD = "Battery-Staple-7";

    @Test
    void forgottenPasswordIsResetWithTheCode(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "forgot");
            signUpAndConfirm(endpoint, idp, pool, "nina", "nina@example.com");

            assertEquals("EMAIL", idp.forgotPassword(r -> r.clientId(pool.clientId()).username("nina"))
                    .codeDeliveryDetails().deliveryMediumAsString());
            String code = confirmationCode(endpoint, pool.poolId(), "nina");
            idp.confirmForgotPassword(r -> r.clientId(pool.clientId()).username("nina").confirmationCode(code)
                    .password(NEW_PASSWORD));

            assertNotNull(login(idp, pool, "nina", NEW_PASSWORD).accessToken());
            assertThrows(NotAuthorizedException.class, () -> login(idp, pool, "nina", PASSWORD));
        }
    }

    @Test
    void forgotPasswordWithTheWrongCodeFailsWithCodeMismatch(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "wrong-code");
            signUpAndConfirm(endpoint, idp, pool, "otto", "otto@example.com");
            idp.forgotPassword(r -> r.clientId(pool.clientId()).username("otto"));
            String wrong = confirmationCode(endpoint, pool.poolId(), "otto").equals("000000") ? "111111" : "000000";

            CodeMismatchException e = assertThrows(CodeMismatchException.class, () -> idp.confirmForgotPassword(r -> r
                    .clientId(pool.clientId()).username("otto").confirmationCode(wrong).password(NEW_PASSWORD)));
            assertEquals("CodeMismatchException", e.awsErrorDetails().errorCode());
            assertNotNull(login(idp, pool, "otto", PASSWORD).accessToken());
        }
    }

    @Test
    void signedInUserChangesPasswordGivingTheCurrentOne(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "change");
            signUpAndConfirm(endpoint, idp, pool, "pia", "pia@example.com");
            String accessToken = login(idp, pool, "pia", PASSWORD).accessToken();

            NotAuthorizedException wrong = assertThrows(NotAuthorizedException.class, () -> idp.changePassword(r -> r
                    .accessToken(accessToken).previousPassword("Not-The-Password-1").proposedPassword(NEW_PASSWORD)));
            assertEquals("NotAuthorizedException", wrong.awsErrorDetails().errorCode());
            assertThrows(InvalidPasswordException.class, () -> idp.changePassword(r -> r.accessToken(accessToken)
                    .previousPassword(PASSWORD).proposedPassword("short")));

            idp.changePassword(r -> r.accessToken(accessToken).previousPassword(PASSWORD).proposedPassword(NEW_PASSWORD));

            assertNotNull(login(idp, pool, "pia", NEW_PASSWORD).accessToken());
        }
    }

    @Test
    void resentConfirmationCodeReplacesTheFirst(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "resend");
            idp.signUp(r -> r.clientId(pool.clientId()).username("quinn").password(PASSWORD)
                    .userAttributes(attribute("email", "quinn@example.com")));
            String first = confirmationCode(endpoint, pool.poolId(), "quinn");

            String second = resendUntilTheCodeChanges(endpoint, idp, pool, first);

            assertThrows(CodeMismatchException.class, () -> idp.confirmSignUp(r -> r.clientId(pool.clientId())
                    .username("quinn").confirmationCode(first)));
            idp.confirmSignUp(r -> r.clientId(pool.clientId()).username("quinn").confirmationCode(second));
            InvalidParameterException confirmed = assertThrows(InvalidParameterException.class,
                    () -> idp.resendConfirmationCode(r -> r.clientId(pool.clientId()).username("quinn")));
            assertEquals("User is already confirmed.", confirmed.awsErrorDetails().errorMessage());
        }
    }

    /** Codes are six random digits, so a resend may draw the same one again. */
    private static String resendUntilTheCodeChanges(URI endpoint, CognitoIdentityProviderClient idp,
                                                    CognitoFixtures.Pool pool, String first) {
        for (int attempt = 0; attempt < 5; attempt++) {
            idp.resendConfirmationCode(r -> r.clientId(pool.clientId()).username("quinn"));
            String code = confirmationCode(endpoint, pool.poolId(), "quinn");
            if (!code.equals(first)) {
                return code;
            }
        }
        throw new AssertionError("ResendConfirmationCode kept the code " + first);
    }

    @Test
    void signedInUserUpdatesAndDeletesOwnAttributes(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "own-attributes");
            signUpAndConfirm(endpoint, idp, pool, "rae", "rae@example.com");
            String accessToken = login(idp, pool, "rae", PASSWORD).accessToken();

            idp.updateUserAttributes(r -> r.accessToken(accessToken).userAttributes(attribute("nickname", "ray")));
            assertEquals("ray", attributes(idp, accessToken).get("nickname"));

            idp.deleteUserAttributes(r -> r.accessToken(accessToken).userAttributeNames("nickname"));
            assertFalse(attributes(idp, accessToken).containsKey("nickname"));
        }
    }

    @Test
    void deletedUserCanNeitherSignInNorUseItsTokens(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "self-delete");
            signUpAndConfirm(endpoint, idp, pool, "sam", "sam@example.com");
            String accessToken = login(idp, pool, "sam", PASSWORD).accessToken();

            idp.deleteUser(r -> r.accessToken(accessToken));

            assertThrows(UserNotFoundException.class, () -> login(idp, pool, "sam", PASSWORD));
            NotAuthorizedException e = assertThrows(NotAuthorizedException.class,
                    () -> idp.getUser(r -> r.accessToken(accessToken)));
            assertEquals("Access Token has been revoked", e.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void revokedRefreshTokenNoLongerRefreshesAndItsAccessTokenIsRefused(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "revoke");
            signUpAndConfirm(endpoint, idp, pool, "tia", "tia@example.com");
            AuthenticationResultType tokens = login(idp, pool, "tia", PASSWORD);

            assertThrows(UnsupportedTokenTypeException.class, () -> idp.revokeToken(r -> r.clientId(pool.clientId())
                    .token(tokens.accessToken())));
            idp.revokeToken(r -> r.clientId(pool.clientId()).token(tokens.refreshToken()));

            NotAuthorizedException refresh = assertThrows(NotAuthorizedException.class, () -> idp.initiateAuth(r -> r
                    .clientId(pool.clientId()).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                    .authParameters(Map.of("REFRESH_TOKEN", tokens.refreshToken()))));
            assertEquals("NotAuthorizedException", refresh.awsErrorDetails().errorCode());
            NotAuthorizedException access = assertThrows(NotAuthorizedException.class,
                    () -> idp.getUser(r -> r.accessToken(tokens.accessToken())));
            assertEquals("Access Token has been revoked", access.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void clientWithASecretRequiresTheSecretHash(URI endpoint) throws Exception {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            String poolId = idp.createUserPool(r -> r.poolName("secret")).userPool().id();
            var client = idp.createUserPoolClient(r -> r.userPoolId(poolId).clientName("backend").generateSecret(true)
                    .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                            ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)).userPoolClient();
            assertNotNull(client.clientSecret());
            String hash = secretHash(client.clientSecret(), "uma", client.clientId());

            NotAuthorizedException missing = assertThrows(NotAuthorizedException.class, () -> idp.signUp(r -> r
                    .clientId(client.clientId()).username("uma").password(PASSWORD)));
            assertEquals("Client " + client.clientId() + " is configured for secret but secret was not received",
                    missing.awsErrorDetails().errorMessage());
            idp.signUp(r -> r.clientId(client.clientId()).username("uma").password(PASSWORD).secretHash(hash));
            idp.adminConfirmSignUp(r -> r.userPoolId(poolId).username("uma"));

            NotAuthorizedException wrong = assertThrows(NotAuthorizedException.class, () -> passwordLogin(idp,
                    client.clientId(), secretHash(client.clientSecret(), "someone-else", client.clientId())));
            assertEquals("Unable to verify secret hash for client " + client.clientId(),
                    wrong.awsErrorDetails().errorMessage());
            assertThrows(NotAuthorizedException.class, () -> idp.initiateAuth(r -> r.clientId(client.clientId())
                    .authFlow(AuthFlowType.USER_PASSWORD_AUTH).authParameters(Map.of("USERNAME", "uma",
                            "PASSWORD", PASSWORD))));
            assertNotNull(passwordLogin(idp, client.clientId(), hash).accessToken());
        }
    }

    private static AuthenticationResultType passwordLogin(CognitoIdentityProviderClient idp, String clientId,
                                                          String secretHash) {
        return idp.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", "uma", "PASSWORD", PASSWORD, "SECRET_HASH", secretHash)))
                .authenticationResult();
    }

    /** SECRET_HASH as AWS documents it: Base64(HMAC-SHA256(client secret, username + client id)). */
    private static String secretHash(String clientSecret, String username, String clientId) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal((username + clientId).getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, String> attributes(CognitoIdentityProviderClient idp, String accessToken) {
        Map<String, String> values = new HashMap<>();
        idp.getUser(r -> r.accessToken(accessToken)).userAttributes().forEach(a -> values.put(a.name(), a.value()));
        return values;
    }
}
