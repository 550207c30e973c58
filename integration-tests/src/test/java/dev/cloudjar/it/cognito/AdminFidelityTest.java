package dev.cloudjar.it.cognito;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AliasAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AliasExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static dev.cloudjar.it.cognito.CognitoErrorAssertions.assertCognitoError;
import static dev.cloudjar.it.cognito.CognitoFixtures.PASSWORD;
import static dev.cloudjar.it.fixtures.Clients.cognitoIdp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The administrator's operations: missing pools, clients, users and groups, and ListUsers' Filter and paging. */
@Cloudjar
class AdminFidelityTest {

    @Test
    void unknownPoolClientAndUserAreNamedInTheirErrors(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            String missingPool = "us-east-1_NoSuchPool";
            assertCognitoError(ResourceNotFoundException.class, "User pool " + missingPool + " does not exist.",
                    () -> idp.adminGetUser(r -> r.userPoolId(missingPool).username("x")));
            assertCognitoError(ResourceNotFoundException.class, "User pool " + missingPool + " does not exist.",
                    () -> idp.describeUserPool(r -> r.userPoolId(missingPool)));

            String poolId = idp.createUserPool(r -> r.poolName("admin-errors")).userPool().id();
            String missingClient = "abcdefghijklmnopqrstuvwxyz";
            assertCognitoError(ResourceNotFoundException.class, "User pool client " + missingClient + " does not exist.",
                    () -> idp.describeUserPoolClient(r -> r.userPoolId(poolId).clientId(missingClient)));
            assertCognitoError(ResourceNotFoundException.class, "User pool client " + missingClient + " does not exist.",
                    () -> idp.signUp(r -> r.clientId(missingClient).username("x").password(PASSWORD)));

            assertCognitoError(UserNotFoundException.class, "User does not exist.",
                    () -> idp.adminGetUser(r -> r.userPoolId(poolId).username("ghost")));
            assertCognitoError(UserNotFoundException.class, "User does not exist.",
                    () -> idp.adminDeleteUser(r -> r.userPoolId(poolId).username("ghost")));
            assertCognitoError(UserNotFoundException.class, "User does not exist.",
                    () -> idp.adminDisableUser(r -> r.userPoolId(poolId).username("ghost")));
            assertCognitoError(UserNotFoundException.class, "User does not exist.",
                    () -> idp.adminSetUserPassword(r -> r.userPoolId(poolId).username("ghost").password(PASSWORD)));
        }
    }

    @Test
    void existingUserGroupAndAliasAreRefused(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            String poolId = idp.createUserPool(r -> r.poolName("conflicts")
                    .aliasAttributes(AliasAttributeType.EMAIL, AliasAttributeType.PHONE_NUMBER)).userPool().id();
            idp.adminCreateUser(r -> r.userPoolId(poolId).username("quinn").temporaryPassword(PASSWORD)
                    .userAttributes(attribute("email", "q@example.com"), attribute("email_verified", "true"),
                            attribute("phone_number", "+15550101"), attribute("phone_number_verified", "true")));

            assertCognitoError(UsernameExistsException.class, "User account already exists",
                    () -> idp.adminCreateUser(r -> r.userPoolId(poolId).username("quinn").temporaryPassword(PASSWORD)));
            assertCognitoError(AliasExistsException.class, "An account with the given email already exists.",
                    () -> idp.adminCreateUser(r -> r.userPoolId(poolId).username("rosa").temporaryPassword(PASSWORD)
                            .userAttributes(attribute("email", "Q@example.com"), attribute("email_verified", "true"))));
            assertCognitoError(AliasExistsException.class, "An account with the given phone_number already exists.",
                    () -> idp.adminCreateUser(r -> r.userPoolId(poolId).username("rosa").temporaryPassword(PASSWORD)
                            .userAttributes(attribute("phone_number", "+15550101"),
                                    attribute("phone_number_verified", "true"))));
            // An unverified address is no alias yet, so another user may hold it.
            idp.adminCreateUser(r -> r.userPoolId(poolId).username("rosa").temporaryPassword(PASSWORD)
                    .userAttributes(attribute("email", "q@example.com")));
            assertEquals("quinn", idp.adminGetUser(r -> r.userPoolId(poolId).username("q@example.com")).username());
            idp.adminCreateUser(r -> r.userPoolId(poolId).username("sol").temporaryPassword(PASSWORD)
                    .forceAliasCreation(true)
                    .userAttributes(attribute("email", "q@example.com"), attribute("email_verified", "true")));
            assertEquals("sol", idp.adminGetUser(r -> r.userPoolId(poolId).username("q@example.com")).username());
            assertCognitoError(InvalidPasswordException.class,
                    "Password does not conform to policy: Password not long enough",
                    () -> idp.adminCreateUser(r -> r.userPoolId(poolId).username("rosa").temporaryPassword("Ab1!")));

            idp.createGroup(r -> r.userPoolId(poolId).groupName("staff"));
            assertCognitoError(GroupExistsException.class, "A group with the name already exists.",
                    () -> idp.createGroup(r -> r.userPoolId(poolId).groupName("staff")));
            assertCognitoError(ResourceNotFoundException.class, "Group not found.",
                    () -> idp.getGroup(r -> r.userPoolId(poolId).groupName("nobody")));
        }
    }

    @Test
    void listUsersRefusesBadFiltersAndLimitsAndPagesThroughEveryUser(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            String poolId = idp.createUserPool(r -> r.poolName("listing")).userPool().id();
            for (int i = 0; i < 5; i++) {
                String name = "user" + i;
                idp.adminCreateUser(r -> r.userPoolId(poolId).username(name).temporaryPassword(PASSWORD)
                        .userAttributes(attribute("email", name + "@example.com")));
            }

            assertCognitoError(InvalidParameterException.class, "Error while parsing filter.",
                    () -> idp.listUsers(r -> r.userPoolId(poolId).filter("email")));
            assertCognitoError(InvalidParameterException.class, "Error while parsing filter.",
                    () -> idp.listUsers(r -> r.userPoolId(poolId).filter("email = user0@example.com")));
            assertCognitoError(InvalidParameterException.class, "Invalid search attribute: custom:team",
                    () -> idp.listUsers(r -> r.userPoolId(poolId).filter("custom:team = \"blue\"")));
            assertCognitoError(InvalidParameterException.class,
                    "1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: "
                            + "Member must have value less than or equal to 60",
                    () -> idp.listUsers(r -> r.userPoolId(poolId).limit(61)));

            assertEquals(List.of("user3"), idp.listUsers(r -> r.userPoolId(poolId).filter("email = \"user3@example.com\""))
                    .users().stream().map(UserType::username).toList());
            List<String> seen = new ArrayList<>();
            String token = null;
            do {
                String from = token;
                ListUsersResponse page = idp.listUsers(r -> r.userPoolId(poolId).limit(2).paginationToken(from));
                page.users().forEach(u -> seen.add(u.username()));
                token = page.paginationToken();
            } while (token != null);
            assertEquals(List.of("user0", "user1", "user2", "user3", "user4"), seen);
            assertNull(idp.listUsers(r -> r.userPoolId(poolId).limit(5)).paginationToken());
        }
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }
}
