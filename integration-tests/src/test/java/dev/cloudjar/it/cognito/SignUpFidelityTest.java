package dev.cloudjar.it.cognito;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AliasAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AliasExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SignUpResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static dev.cloudjar.it.cognito.CognitoErrorAssertions.assertCognitoError;
import static dev.cloudjar.it.cognito.CognitoFixtures.PASSWORD;
import static dev.cloudjar.it.fixtures.Clients.cognitoIdp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** SignUp's refusals, worded exactly as Cognito words them, since sign-up forms branch on them. */
@Cloudjar
class SignUpFidelityTest {

    @Test
    void takenUsernameFailsWithUsernameExists(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = CognitoFixtures.pool(idp, "taken");
            signUp(idp, pool.clientId(), "amy", PASSWORD);
            assertCognitoError(UsernameExistsException.class, "User already exists",
                    () -> signUp(idp, pool.clientId(), "amy", PASSWORD));
        }
    }

    @Test
    void passwordIsRefusedForTheFirstRuleOfTheDefaultPolicyItBreaks(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = CognitoFixtures.pool(idp, "policy-rules");
            String prefix = "Password did not conform with policy: ";
            assertCognitoError(InvalidPasswordException.class, prefix + "Password not long enough",
                    () -> signUp(idp, pool.clientId(), "u1", "Aa1!"));
            assertCognitoError(InvalidPasswordException.class, prefix + "Password must have uppercase characters",
                    () -> signUp(idp, pool.clientId(), "u2", "lower-case-1"));
            assertCognitoError(InvalidPasswordException.class, prefix + "Password must have lowercase characters",
                    () -> signUp(idp, pool.clientId(), "u3", "UPPER-CASE-1"));
            assertCognitoError(InvalidPasswordException.class, prefix + "Password must have numeric characters",
                    () -> signUp(idp, pool.clientId(), "u4", "No-Digits-Here"));
            assertCognitoError(InvalidPasswordException.class, prefix + "Password must have symbol characters",
                    () -> signUp(idp, pool.clientId(), "u5", "NoSymbols123"));
        }
    }

    @Test
    void malformedEmailOrPhoneNumberIsAnInvalidParameter(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = CognitoFixtures.pool(idp, "formats");
            assertCognitoError(InvalidParameterException.class, "Invalid email address format.",
                    () -> idp.signUp(r -> r.clientId(pool.clientId()).username("bea").password(PASSWORD)
                            .userAttributes(attribute("email", "not-an-address"))));
            assertCognitoError(InvalidParameterException.class, "Invalid phone number format.",
                    () -> idp.signUp(r -> r.clientId(pool.clientId()).username("bea").password(PASSWORD)
                            .userAttributes(attribute("phone_number", "555-0100"))));
            idp.signUp(r -> r.clientId(pool.clientId()).username("bea").password(PASSWORD)
                    .userAttributes(attribute("email", "bea@example.com"), attribute("phone_number", "+15550100")));
        }
    }

    @Test
    void missingRequiredAttributesAreEachNamed(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            String poolId = idp.createUserPool(r -> r.poolName("required").schema(
                    SchemaAttributeType.builder().name("email").required(true).build(),
                    SchemaAttributeType.builder().name("name").required(true).build())).userPool().id();
            String clientId = idp.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app"))
                    .userPoolClient().clientId();

            assertCognitoError(InvalidParameterException.class,
                    "Attributes did not conform to the schema: name: The attribute is required\n"
                            + "email: The attribute is required",
                    () -> signUp(idp, clientId, "cal", PASSWORD));
            assertCognitoError(InvalidParameterException.class,
                    "Attributes did not conform to the schema: email: The attribute is required",
                    () -> idp.signUp(r -> r.clientId(clientId).username("cal").password(PASSWORD)
                            .userAttributes(attribute("name", "Cal"))));
        }
    }

    @Test
    void poolSigningInWithEmailTakesOnlyAnEmailAsUsername(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            String poolId = idp.createUserPool(r -> r.poolName("email-names")
                    .usernameAttributes(UsernameAttributeType.EMAIL)).userPool().id();
            String clientId = idp.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app"))
                    .userPoolClient().clientId();

            assertCognitoError(InvalidParameterException.class, "Username should be an email.",
                    () -> signUp(idp, clientId, "dora", PASSWORD));
            SignUpResponse signedUp = signUp(idp, clientId, "dora@example.com", PASSWORD);
            String username = idp.adminGetUser(r -> r.userPoolId(poolId).username("dora@example.com")).username();
            assertEquals(signedUp.userSub(), username);
            assertCognitoError(UsernameExistsException.class, "An account with the given email already exists.",
                    () -> signUp(idp, clientId, "DORA@example.com", PASSWORD));
        }
    }

    @Test
    void poolWithAnEmailAliasRefusesAnEmailAsUsername(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            String poolId = idp.createUserPool(r -> r.poolName("email-alias")
                    .aliasAttributes(AliasAttributeType.EMAIL)).userPool().id();
            String clientId = idp.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app"))
                    .userPoolClient().clientId();

            assertCognitoError(InvalidParameterException.class,
                    "Username cannot be of email format, since user pool is configured for email alias.",
                    () -> signUp(idp, clientId, "eve@example.com", PASSWORD));
            assertNotEquals(null, signUp(idp, clientId, "eve", PASSWORD).userSub());
        }
    }

    @Test
    void emailAliasOfAnotherUserIsRefusedWhenConfirmedUnlessForced(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            String poolId = idp.createUserPool(r -> r.poolName("alias-race").aliasAttributes(AliasAttributeType.EMAIL)
                    .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)).userPool().id();
            String clientId = idp.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")
                    .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                            ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)).userPoolClient().clientId();
            CognitoFixtures.Pool pool = new CognitoFixtures.Pool(poolId, clientId);
            CognitoFixtures.signUpAndConfirm(endpoint, idp, pool, "gil", "shared@example.com");

            // Signing up with an address another user verified succeeds; confirming it does not.
            idp.signUp(r -> r.clientId(clientId).username("hope").password(PASSWORD)
                    .userAttributes(attribute("email", "shared@example.com")));
            String code = CognitoFixtures.confirmationCode(endpoint, poolId, "hope");
            assertCognitoError(AliasExistsException.class, "An account with the given email already exists.",
                    () -> idp.confirmSignUp(r -> r.clientId(clientId).username("hope").confirmationCode(code)));

            idp.confirmSignUp(r -> r.clientId(clientId).username("hope").confirmationCode(code).forceAliasCreation(true));
            assertEquals("hope", idp.getUser(r -> r.accessToken(
                    CognitoFixtures.login(idp, pool, "shared@example.com", PASSWORD).accessToken())).username());
            assertNotEquals(null, CognitoFixtures.login(idp, pool, "gil", PASSWORD).accessToken());
        }
    }

    @Test
    void clientWithASecretRefusesAMissingOrWrongSecretHash(URI endpoint) throws Exception {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            String poolId = idp.createUserPool(r -> r.poolName("secret-signup")).userPool().id();
            var client = idp.createUserPoolClient(r -> r.userPoolId(poolId).clientName("backend").generateSecret(true))
                    .userPoolClient();

            assertCognitoError(NotAuthorizedException.class,
                    "Client " + client.clientId() + " is configured for secret but secret was not received",
                    () -> signUp(idp, client.clientId(), "fay", PASSWORD));
            String wrongHash = secretHash(client.clientSecret(), "someone-else", client.clientId());
            assertCognitoError(NotAuthorizedException.class,
                    "Unable to verify secret hash for client " + client.clientId(),
                    () -> idp.signUp(r -> r.clientId(client.clientId()).username("fay").password(PASSWORD)
                            .secretHash(wrongHash)));
            String hash = secretHash(client.clientSecret(), "fay", client.clientId());
            idp.signUp(r -> r.clientId(client.clientId()).username("fay").password(PASSWORD).secretHash(hash));
        }
    }

    private static SignUpResponse signUp(CognitoIdentityProviderClient idp, String clientId, String username,
                                         String password) {
        return idp.signUp(r -> r.clientId(clientId).username(username).password(password));
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    static String secretHash(String clientSecret, String username, String clientId) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal((username + clientId).getBytes(StandardCharsets.UTF_8)));
    }
}
