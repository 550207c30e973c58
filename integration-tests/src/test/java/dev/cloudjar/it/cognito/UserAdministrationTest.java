package dev.cloudjar.it.cognito;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.it.cognito.CognitoFixtures.PASSWORD;
import static dev.cloudjar.it.cognito.CognitoFixtures.login;
import static dev.cloudjar.it.cognito.CognitoFixtures.pool;
import static dev.cloudjar.it.cognito.CognitoFixtures.signUpAndConfirm;
import static dev.cloudjar.it.fixtures.Clients.cognitoIdp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Cloudjar
class UserAdministrationTest {

    @Test
    void listUsersFiltersByExactValueOrPrefixOnSeveralAttributes(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "directory");
            signUpAndConfirm(endpoint, idp, pool, "anna", "anna@example.com");
            signUpAndConfirm(endpoint, idp, pool, "andrew", "andrew@example.org");
            idp.signUp(r -> r.clientId(pool.clientId()).username("bert").password(PASSWORD)
                    .userAttributes(attribute("email", "bert@example.com")));

            assertEquals(List.of("anna"), usernames(idp, pool, "username = \"anna\""));
            assertEquals(List.of("andrew", "anna"), usernames(idp, pool, "username ^= \"an\""));
            assertEquals(List.of("andrew"), usernames(idp, pool, "email = \"ANDREW@example.org\""));
            assertEquals(List.of("bert"), usernames(idp, pool, "email ^= \"b\""));
            assertEquals(List.of("bert"), usernames(idp, pool, "cognito:user_status = \"UNCONFIRMED\""));
            assertEquals(List.of("andrew", "anna", "bert"), usernames(idp, pool, null));
        }
    }

    @Test
    void listUsersWithAFilterItCannotParseIsAnInvalidParameter(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "bad-filter");
            for (String filter : List.of("username = anna", "username == \"anna\"", "nickname = \"x\"")) {
                InvalidParameterException e = assertThrows(InvalidParameterException.class,
                        () -> idp.listUsers(r -> r.userPoolId(pool.poolId()).filter(filter)), filter);
                assertEquals("InvalidParameterException", e.awsErrorDetails().errorCode());
            }
        }
    }

    @Test
    void disabledUserCannotSignInUntilEnabledAgain(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "disable");
            signUpAndConfirm(endpoint, idp, pool, "dave", "dave@example.com");

            idp.adminDisableUser(r -> r.userPoolId(pool.poolId()).username("dave"));

            assertFalse(idp.adminGetUser(r -> r.userPoolId(pool.poolId()).username("dave")).enabled());
            NotAuthorizedException e = assertThrows(NotAuthorizedException.class,
                    () -> login(idp, pool, "dave", PASSWORD));
            assertEquals("User is disabled.", e.awsErrorDetails().errorMessage());

            idp.adminEnableUser(r -> r.userPoolId(pool.poolId()).username("dave"));
            assertNotNull(login(idp, pool, "dave", PASSWORD).accessToken());
        }
    }

    @Test
    void adminUpdatesAndDeletesAttributes(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "attributes");
            signUpAndConfirm(endpoint, idp, pool, "fay", "fay@example.com");

            idp.adminUpdateUserAttributes(r -> r.userPoolId(pool.poolId()).username("fay")
                    .userAttributes(attribute("name", "Fay"), attribute("email", "fay@example.net")));
            Map<String, String> updated = attributes(idp.adminGetUser(r -> r.userPoolId(pool.poolId()).username("fay")));
            assertEquals("Fay", updated.get("name"));
            assertEquals("fay@example.net", updated.get("email"));
            assertEquals("false", updated.get("email_verified"));

            idp.adminDeleteUserAttributes(r -> r.userPoolId(pool.poolId()).username("fay").userAttributeNames("name"));
            assertFalse(attributes(idp.adminGetUser(r -> r.userPoolId(pool.poolId()).username("fay")))
                    .containsKey("name"));
        }
    }

    @Test
    void adminDeletedUserIsGone(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "admin-delete");
            signUpAndConfirm(endpoint, idp, pool, "gus", "gus@example.com");

            idp.adminDeleteUser(r -> r.userPoolId(pool.poolId()).username("gus"));

            UserNotFoundException e = assertThrows(UserNotFoundException.class,
                    () -> idp.adminGetUser(r -> r.userPoolId(pool.poolId()).username("gus")));
            assertEquals("UserNotFoundException", e.awsErrorDetails().errorCode());
            assertThrows(UserNotFoundException.class, () -> idp.adminDeleteUser(r -> r.userPoolId(pool.poolId())
                    .username("gus")));
        }
    }

    @Test
    void signingUpATakenUsernameFailsWithUsernameExists(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "taken");
            signUpAndConfirm(endpoint, idp, pool, "hal", "hal@example.com");
            UsernameExistsException e = assertThrows(UsernameExistsException.class, () -> idp.signUp(r -> r
                    .clientId(pool.clientId()).username("hal").password(PASSWORD)));
            assertEquals("UsernameExistsException", e.awsErrorDetails().errorCode());
            assertThrows(UsernameExistsException.class, () -> idp.adminCreateUser(r -> r.userPoolId(pool.poolId())
                    .username("hal")));
        }
    }

    @Test
    void caseInsensitivePoolFindsUsersWhateverTheCase(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool sensitive = pool(idp, "case-sensitive");
            signUpAndConfirm(endpoint, idp, sensitive, "Ivy", "ivy@example.com");
            assertThrows(UserNotFoundException.class, () -> login(idp, sensitive, "ivy", PASSWORD));

            String poolId = idp.createUserPool(r -> r.poolName("case-insensitive")
                    .usernameConfiguration(c -> c.caseSensitive(false))).userPool().id();
            String clientId = idp.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")
                    .explicitAuthFlowsWithStrings("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"))
                    .userPoolClient().clientId();
            CognitoFixtures.Pool insensitive = new CognitoFixtures.Pool(poolId, clientId);
            idp.signUp(r -> r.clientId(clientId).username("Ivy").password(PASSWORD));
            idp.adminConfirmSignUp(r -> r.userPoolId(poolId).username("IVY"));

            assertNotNull(login(idp, insensitive, "ivy", PASSWORD).accessToken());
            assertEquals("Ivy", idp.adminGetUser(r -> r.userPoolId(poolId).username("iVY")).username());
            assertThrows(UsernameExistsException.class, () -> idp.signUp(r -> r.clientId(clientId).username("IVY")
                    .password(PASSWORD)));
        }
    }

    @Test
    void poolWithEmailAsUsernameSignsInByEmailAndNamesUsersBySub(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            String poolId = idp.createUserPool(r -> r.poolName("by-email")
                    .usernameAttributes(UsernameAttributeType.EMAIL)).userPool().id();
            String clientId = idp.createUserPoolClient(r -> r.userPoolId(poolId).clientName("app")
                    .explicitAuthFlowsWithStrings("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"))
                    .userPoolClient().clientId();
            CognitoFixtures.Pool pool = new CognitoFixtures.Pool(poolId, clientId);

            String sub = idp.signUp(r -> r.clientId(clientId).username("jo@example.com").password(PASSWORD)).userSub();
            idp.adminConfirmSignUp(r -> r.userPoolId(poolId).username("jo@example.com"));

            assertNotNull(login(idp, pool, "jo@example.com", PASSWORD).idToken());
            AdminGetUserResponse user = idp.adminGetUser(r -> r.userPoolId(poolId).username("jo@example.com"));
            assertEquals(sub, user.username());
            assertEquals("jo@example.com", attributes(user).get("email"));
            InvalidParameterException notAnEmail = assertThrows(InvalidParameterException.class,
                    () -> idp.signUp(r -> r.clientId(clientId).username("jo").password(PASSWORD)));
            assertEquals("Username should be an email.", notAnEmail.awsErrorDetails().errorMessage());
            assertThrows(UsernameExistsException.class, () -> idp.signUp(r -> r.clientId(clientId)
                    .username("jo@example.com").password(PASSWORD)));
        }
    }

    private static List<String> usernames(CognitoIdentityProviderClient idp, CognitoFixtures.Pool pool, String filter) {
        return idp.listUsers(r -> r.userPoolId(pool.poolId()).filter(filter)).users().stream()
                .map(UserType::username).sorted().toList();
    }

    private static Map<String, String> attributes(AdminGetUserResponse user) {
        Map<String, String> values = new HashMap<>();
        user.userAttributes().forEach(a -> values.put(a.name(), a.value()));
        return values;
    }

    static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }
}
