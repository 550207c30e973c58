package dev.cloudjar.it.cognito;

import com.nimbusds.jwt.SignedJWT;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetGroupResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

import java.net.URI;
import java.util.List;

import static dev.cloudjar.it.cognito.CognitoFixtures.PASSWORD;
import static dev.cloudjar.it.cognito.CognitoFixtures.login;
import static dev.cloudjar.it.cognito.CognitoFixtures.pool;
import static dev.cloudjar.it.cognito.CognitoFixtures.signUpAndConfirm;
import static dev.cloudjar.it.fixtures.Clients.cognitoIdp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Cloudjar
class GroupTest {
    private static final String EDITORS_ROLE = "arn:aws:iam::000000000000:role/editors";

    @Test
    void groupsAreCreatedReadListedAndDeleted(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "groups");
            idp.createGroup(r -> r.userPoolId(pool.poolId()).groupName("editors").description("can edit")
                    .precedence(1).roleArn(EDITORS_ROLE));
            idp.createGroup(r -> r.userPoolId(pool.poolId()).groupName("readers"));

            GroupType editors = idp.getGroup(r -> r.userPoolId(pool.poolId()).groupName("editors")).group();
            assertEquals("can edit", editors.description());
            assertEquals(1, editors.precedence());
            assertEquals(EDITORS_ROLE, editors.roleArn());
            assertEquals(pool.poolId(), editors.userPoolId());
            assertEquals(List.of("editors", "readers"), groupNames(idp.listGroups(r -> r.userPoolId(pool.poolId()))
                    .groups()));

            idp.deleteGroup(r -> r.userPoolId(pool.poolId()).groupName("readers"));

            ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                    () -> idp.getGroup(r -> r.userPoolId(pool.poolId()).groupName("readers")));
            assertEquals("ResourceNotFoundException", e.awsErrorDetails().errorCode());
            assertEquals(List.of("editors"), groupNames(idp.listGroups(r -> r.userPoolId(pool.poolId())).groups()));
        }
    }

    @Test
    void creatingAGroupTwiceFailsWithGroupExists(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "duplicate-group");
            idp.createGroup(r -> r.userPoolId(pool.poolId()).groupName("admins"));
            GroupExistsException e = assertThrows(GroupExistsException.class,
                    () -> idp.createGroup(r -> r.userPoolId(pool.poolId()).groupName("admins")));
            assertEquals("GroupExistsException", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void membersAreListedBothWaysAndCarriedInTokens(URI endpoint) throws Exception {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "members");
            signUpAndConfirm(endpoint, idp, pool, "kim", "kim@example.com");
            idp.createGroup(r -> r.userPoolId(pool.poolId()).groupName("editors").precedence(1).roleArn(EDITORS_ROLE));
            idp.createGroup(r -> r.userPoolId(pool.poolId()).groupName("readers").precedence(5));

            idp.adminAddUserToGroup(r -> r.userPoolId(pool.poolId()).username("kim").groupName("editors"));
            idp.adminAddUserToGroup(r -> r.userPoolId(pool.poolId()).username("kim").groupName("readers"));

            assertEquals(List.of("editors", "readers"), groupNames(idp.adminListGroupsForUser(r -> r
                    .userPoolId(pool.poolId()).username("kim")).groups()));
            assertEquals(List.of("kim"), idp.listUsersInGroup(r -> r.userPoolId(pool.poolId()).groupName("editors"))
                    .users().stream().map(UserType::username).toList());
            AuthenticationResultType tokens = login(idp, pool, "kim", PASSWORD);
            for (String token : List.of(tokens.idToken(), tokens.accessToken())) {
                assertEquals(List.of("editors", "readers"),
                        SignedJWT.parse(token).getJWTClaimsSet().getStringListClaim("cognito:groups"));
            }
            assertEquals(EDITORS_ROLE, SignedJWT.parse(tokens.idToken()).getJWTClaimsSet()
                    .getStringClaim("cognito:preferred_role"));

            idp.adminRemoveUserFromGroup(r -> r.userPoolId(pool.poolId()).username("kim").groupName("editors"));

            assertEquals(List.of(), idp.listUsersInGroup(r -> r.userPoolId(pool.poolId()).groupName("editors")).users());
            assertEquals(List.of("readers"), SignedJWT.parse(login(idp, pool, "kim", PASSWORD).idToken())
                    .getJWTClaimsSet().getStringListClaim("cognito:groups"));
        }
    }

    @Test
    void deletedGroupLeavesItsMembersTokens(URI endpoint) throws Exception {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "deleted-group");
            signUpAndConfirm(endpoint, idp, pool, "lee", "lee@example.com");
            idp.createGroup(r -> r.userPoolId(pool.poolId()).groupName("temp"));
            idp.adminAddUserToGroup(r -> r.userPoolId(pool.poolId()).username("lee").groupName("temp"));

            idp.deleteGroup(r -> r.userPoolId(pool.poolId()).groupName("temp"));

            assertEquals(List.of(), idp.adminListGroupsForUser(r -> r.userPoolId(pool.poolId()).username("lee"))
                    .groups());
            assertNull(SignedJWT.parse(login(idp, pool, "lee", PASSWORD).idToken()).getJWTClaimsSet()
                    .getClaim("cognito:groups"));
        }
    }

    @Test
    void membershipOfUnknownUsersOrGroupsIsRefused(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "unknown-members");
            signUpAndConfirm(endpoint, idp, pool, "max", "max@example.com");
            idp.createGroup(r -> r.userPoolId(pool.poolId()).groupName("staff"));

            assertThrows(UserNotFoundException.class, () -> idp.adminAddUserToGroup(r -> r.userPoolId(pool.poolId())
                    .username("nobody").groupName("staff")));
            ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                    () -> idp.adminAddUserToGroup(r -> r.userPoolId(pool.poolId()).username("max").groupName("none")));
            assertEquals("Group not found.", e.awsErrorDetails().errorMessage());
            assertThrows(ResourceNotFoundException.class, () -> idp.listUsersInGroup(r -> r.userPoolId(pool.poolId())
                    .groupName("none")));
        }
    }

    private static List<String> groupNames(List<GroupType> groups) {
        return groups.stream().map(GroupType::groupName).sorted().toList();
    }
}
