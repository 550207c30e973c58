package dev.cloudjar.it.cognito;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeDeliveryDetailsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CodeMismatchException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PreventUserExistenceErrorTypes;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

import java.net.URI;
import java.util.Map;

import static dev.cloudjar.it.cognito.CognitoErrorAssertions.assertCognitoError;
import static dev.cloudjar.it.cognito.CognitoFixtures.PASSWORD;
import static dev.cloudjar.it.cognito.CognitoFixtures.confirmationCode;
import static dev.cloudjar.it.cognito.CognitoFixtures.signUpAndConfirm;
import static dev.cloudjar.it.fixtures.Clients.cognitoIdp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * ConfirmSignUp, ResendConfirmationCode, ForgotPassword and ConfirmForgotPassword: their refusals,
 * and how a client's PreventUserExistenceErrors setting hides unknown users.
 */
@Cloudjar
class ConfirmationFidelityTest {
    private static final String WRONG_CODE = "000000x";

    @Test
    void wrongCodeIsACodeMismatchAndAConfirmedUserCannotBeConfirmedAgain(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = CognitoFixtures.pool(idp, "confirm");
            idp.signUp(r -> r.clientId(pool.clientId()).username("gus").password(PASSWORD)
                    .userAttributes(a -> a.name("email").value("gus@example.com")));

            assertCognitoError(CodeMismatchException.class, "Invalid verification code provided, please try again.",
                    () -> confirm(idp, pool, "gus", WRONG_CODE));
            String code = confirmationCode(endpoint, pool.poolId(), "gus");
            confirm(idp, pool, "gus", code);

            assertCognitoError(NotAuthorizedException.class, "User cannot be confirmed. Current status is CONFIRMED",
                    () -> confirm(idp, pool, "gus", code));
            assertCognitoError(InvalidParameterException.class, "User is already confirmed.",
                    () -> idp.resendConfirmationCode(r -> r.clientId(pool.clientId()).username("gus")));
            assertCognitoError(NotAuthorizedException.class, "User cannot be confirmed. Current status is CONFIRMED",
                    () -> idp.adminConfirmSignUp(r -> r.userPoolId(pool.poolId()).username("gus")));
        }
    }

    @Test
    void fiveWrongCodesExceedTheAttemptLimitUntilANewCodeIsSent(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = CognitoFixtures.pool(idp, "guessing");
            idp.signUp(r -> r.clientId(pool.clientId()).username("hal").password(PASSWORD)
                    .userAttributes(a -> a.name("email").value("hal@example.com")));
            for (int i = 0; i < 5; i++) {
                assertCognitoError(CodeMismatchException.class, "Invalid verification code provided, please try again.",
                        () -> confirm(idp, pool, "hal", WRONG_CODE));
            }
            String code = confirmationCode(endpoint, pool.poolId(), "hal");

            assertCognitoError(LimitExceededException.class, "Attempt limit exceeded, please try after some time.",
                    () -> confirm(idp, pool, "hal", code));

            idp.resendConfirmationCode(r -> r.clientId(pool.clientId()).username("hal"));
            confirm(idp, pool, "hal", confirmationCode(endpoint, pool.poolId(), "hal"));
        }
    }

    @Test
    void forgotPasswordNeedsAVerifiedAddressAndTheNewPasswordMustConform(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = CognitoFixtures.pool(idp, "forgot");
            idp.adminCreateUser(r -> r.userPoolId(pool.poolId()).username("ida").temporaryPassword(PASSWORD));
            assertCognitoError(InvalidParameterException.class,
                    "Cannot reset password for the user as there is no registered/verified email or phone_number",
                    () -> idp.forgotPassword(r -> r.clientId(pool.clientId()).username("ida")));

            signUpAndConfirm(endpoint, idp, pool, "jan", "jan@example.com");
            idp.forgotPassword(r -> r.clientId(pool.clientId()).username("jan"));
            String code = confirmationCode(endpoint, pool.poolId(), "jan");
            assertCognitoError(CodeMismatchException.class, "Invalid verification code provided, please try again.",
                    () -> idp.confirmForgotPassword(r -> r.clientId(pool.clientId()).username("jan")
                            .confirmationCode(WRONG_CODE).password("New-Password-2")));
            assertCognitoError(InvalidPasswordException.class,
                    "Password does not conform to policy: Password not long enough",
                    () -> idp.confirmForgotPassword(r -> r.clientId(pool.clientId()).username("jan")
                            .confirmationCode(code).password("Sh0rt!")));
            idp.confirmForgotPassword(r -> r.clientId(pool.clientId()).username("jan").confirmationCode(code)
                    .password("New-Password-2"));
            assertNotNull(CognitoFixtures.login(idp, pool, "jan", "New-Password-2").accessToken());
        }
    }

    @Test
    void legacyClientReportsAnUnknownUser(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = CognitoFixtures.pool(idp, "legacy-errors");
            String message = "Username/client id combination not found.";
            assertCognitoError(UserNotFoundException.class, message,
                    () -> confirm(idp, pool, "nobody", "123456"));
            assertCognitoError(UserNotFoundException.class, message,
                    () -> idp.resendConfirmationCode(r -> r.clientId(pool.clientId()).username("nobody")));
            assertCognitoError(UserNotFoundException.class, message,
                    () -> idp.forgotPassword(r -> r.clientId(pool.clientId()).username("nobody")));
            assertCognitoError(UserNotFoundException.class, message,
                    () -> idp.confirmForgotPassword(r -> r.clientId(pool.clientId()).username("nobody")
                            .confirmationCode("123456").password(PASSWORD)));
            assertCognitoError(UserNotFoundException.class, "User does not exist.",
                    () -> CognitoFixtures.login(idp, pool, "nobody", PASSWORD));
        }
    }

    @Test
    void clientPreventingUserExistenceErrorsAnswersAnUnknownUserAsAKnownOne(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            String poolId = idp.createUserPool(r -> r.poolName("hidden-users")).userPool().id();
            String clientId = idp.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")
                    .preventUserExistenceErrors(PreventUserExistenceErrorTypes.ENABLED)
                    .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                            ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)).userPoolClient().clientId();

            assertCognitoError(NotAuthorizedException.class, "Incorrect username or password.",
                    () -> idp.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                            .authParameters(Map.of("USERNAME", "nobody", "PASSWORD", PASSWORD))));
            assertCognitoError(CodeMismatchException.class, "Invalid verification code provided, please try again.",
                    () -> idp.confirmSignUp(r -> r.clientId(clientId).username("nobody").confirmationCode("123456")));
            assertCognitoError(CodeMismatchException.class, "Invalid verification code provided, please try again.",
                    () -> idp.confirmForgotPassword(r -> r.clientId(clientId).username("nobody")
                            .confirmationCode("123456").password(PASSWORD)));
            CodeDeliveryDetailsType sent = idp.forgotPassword(r -> r.clientId(clientId).username("nobody@example.com"))
                    .codeDeliveryDetails();
            assertEquals("EMAIL", sent.deliveryMediumAsString());
            assertEquals("email", sent.attributeName());
            assertNotNull(idp.resendConfirmationCode(r -> r.clientId(clientId).username("nobody")).codeDeliveryDetails());
        }
    }

    private static void confirm(CognitoIdentityProviderClient idp, CognitoFixtures.Pool pool, String username,
                                String code) {
        idp.confirmSignUp(r -> r.clientId(pool.clientId()).username(username).confirmationCode(code));
    }
}
