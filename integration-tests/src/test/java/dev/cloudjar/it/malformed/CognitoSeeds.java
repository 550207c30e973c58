package dev.cloudjar.it.malformed;

import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.it.fixtures.Clients;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cognito user pools and identity pools (awsJson1_1): pools, clients and signed-in users, and a
 * valid request for each operation. Operations that end a session or change a pool name the
 * second pool or user, so the first keeps letting mutated copies reach deep validation.
 */
final class CognitoSeeds {
    private static final String PASSWORD = "Correct-Horse-9";

    private CognitoSeeds() {
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    static List<Seed> seeds(URI endpoint, SdkCapture capture) {
        String pool;
        String client;
        String otherPool;
        String otherClient;
        AuthenticationResultType ann;
        AuthenticationResultType bob;
        try (CognitoIdentityProviderClient idp = Clients.cognitoIdp(endpoint)) {
            pool = idp.createUserPool(b -> b.poolName("gen")).userPool().id();
            client = idp.createUserPoolClient(b -> b.userPoolId(pool).clientName("app").explicitAuthFlows(
                    ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH,
                    ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                    .userPoolClient().clientId();
            otherPool = idp.createUserPool(b -> b.poolName("gen-other")).userPool().id();
            otherClient = idp.createUserPoolClient(b -> b.userPoolId(otherPool).clientName("other"))
                    .userPoolClient().clientId();
            for (String user : List.of("ann", "bob", "carol")) {
                idp.adminCreateUser(b -> b.userPoolId(pool).username(user).messageAction(MessageActionType.SUPPRESS)
                        .userAttributes(attribute("email", user + "@example.com")));
                idp.adminSetUserPassword(b -> b.userPoolId(pool).username(user).password(PASSWORD).permanent(true));
            }
            idp.createGroup(b -> b.userPoolId(pool).groupName("admins"));
            ann = login(idp, client, "ann");
            bob = login(idp, client, "bob");
        }
        String identityPool;
        try (CognitoIdentityClient identity = Clients.cognitoIdentity(endpoint)) {
            identityPool = identity.createIdentityPool(b -> b.identityPoolName("gen").allowUnauthenticatedIdentities(true))
                    .identityPoolId();
        }
        // A valid SRP A: g^a mod N for a small a, in hex, as a client computes it.
        String srpA = BigInteger.TWO.pow(64).toString(16);
        List<Seed> seeds = new ArrayList<>();
        CognitoIdentityProviderClient idp = capture.client(CognitoIdentityProviderClient.builder());
        seeds.addAll(capture.capture(idp, Protocol.AWS_JSON_1_1, "cognito-idp",
                c -> c.signUp(b -> b.clientId(client).username("dave").password(PASSWORD)
                        .userAttributes(attribute("email", "dave@example.com"))),
                c -> c.confirmSignUp(b -> b.clientId(client).username("dave").confirmationCode("123456")),
                c -> c.resendConfirmationCode(b -> b.clientId(client).username("dave")),
                c -> c.forgotPassword(b -> b.clientId(client).username("carol")),
                c -> c.confirmForgotPassword(b -> b.clientId(client).username("carol").confirmationCode("123456")
                        .password(PASSWORD)),
                c -> c.getUser(b -> b.accessToken(ann.accessToken())),
                c -> c.changePassword(b -> b.accessToken(ann.accessToken()).previousPassword("wrong-one")
                        .proposedPassword(PASSWORD)),
                c -> c.updateUserAttributes(b -> b.accessToken(ann.accessToken())
                        .userAttributes(attribute("name", "Ann"))),
                c -> c.deleteUserAttributes(b -> b.accessToken(ann.accessToken()).userAttributeNames("nickname")),
                c -> c.deleteUser(b -> b.accessToken(bob.accessToken())),
                c -> c.globalSignOut(b -> b.accessToken(bob.accessToken())),
                c -> c.revokeToken(b -> b.clientId(client).token(bob.refreshToken())),
                c -> c.initiateAuth(b -> b.clientId(client).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", "ann", "PASSWORD", PASSWORD))),
                c -> c.initiateAuth(b -> b.clientId(client).authFlow(AuthFlowType.USER_SRP_AUTH)
                        .authParameters(Map.of("USERNAME", "ann", "SRP_A", srpA))),
                c -> c.initiateAuth(b -> b.clientId(client).authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                        .authParameters(Map.of("REFRESH_TOKEN", ann.refreshToken()))),
                c -> c.adminInitiateAuth(b -> b.userPoolId(pool).clientId(client).authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", "ann", "PASSWORD", PASSWORD))),
                c -> c.respondToAuthChallenge(b -> b.clientId(client).challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                        .session("not-a-session").challengeResponses(Map.of("USERNAME", "ann",
                                "PASSWORD_CLAIM_SIGNATURE", "c2ln", "PASSWORD_CLAIM_SECRET_BLOCK", "YmxvY2s=",
                                "TIMESTAMP", "Mon Jan 1 00:00:00 UTC 2024"))),
                c -> c.adminRespondToAuthChallenge(b -> b.userPoolId(pool).clientId(client)
                        .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session("not-a-session")
                        .challengeResponses(Map.of("USERNAME", "ann", "NEW_PASSWORD", PASSWORD))),
                c -> c.createUserPoolClient(b -> b.userPoolId(pool).clientName("gen-new").generateSecret(true)
                        .refreshTokenValidity(30).accessTokenValidity(1).idTokenValidity(1)
                        .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)),
                c -> c.describeUserPoolClient(b -> b.userPoolId(pool).clientId(client)),
                c -> c.listUserPoolClients(b -> b.userPoolId(pool).maxResults(5)),
                c -> c.updateUserPoolClient(b -> b.userPoolId(otherPool).clientId(otherClient).clientName("renamed")
                        .refreshTokenValidity(10)),
                c -> c.deleteUserPoolClient(b -> b.userPoolId(otherPool).clientId("gone00000000000000000000000")),
                c -> c.createUserPool(b -> b.poolName("gen-new").mfaConfiguration("OFF")
                        .policies(p -> p.passwordPolicy(pp -> pp.minimumLength(8).requireNumbers(true)))
                        .schema(s -> s.name("tier").attributeDataType(AttributeDataType.NUMBER).mutable(true)
                                .numberAttributeConstraints(n -> n.minValue("1").maxValue("10")))),
                c -> c.describeUserPool(b -> b.userPoolId(pool)),
                c -> c.listUserPools(b -> b.maxResults(10)),
                c -> c.updateUserPool(b -> b.userPoolId(otherPool).policies(p -> p.passwordPolicy(pp -> pp.minimumLength(10)))),
                c -> c.deleteUserPool(b -> b.userPoolId("us-east-1_gone")),
                c -> c.addCustomAttributes(b -> b.userPoolId(otherPool).customAttributes(s -> s.name("plan")
                        .attributeDataType(AttributeDataType.STRING).stringAttributeConstraints(x -> x.maxLength("20")))),
                c -> c.createGroup(b -> b.userPoolId(pool).groupName("gen-new").precedence(1).description("d")),
                c -> c.getGroup(b -> b.userPoolId(pool).groupName("admins")),
                c -> c.updateGroup(b -> b.userPoolId(pool).groupName("admins").precedence(2)),
                c -> c.listGroups(b -> b.userPoolId(pool).limit(5)),
                c -> c.deleteGroup(b -> b.userPoolId(pool).groupName("gone")),
                c -> c.adminAddUserToGroup(b -> b.userPoolId(pool).username("ann").groupName("admins")),
                c -> c.adminRemoveUserFromGroup(b -> b.userPoolId(pool).username("carol").groupName("admins")),
                c -> c.adminListGroupsForUser(b -> b.userPoolId(pool).username("ann").limit(5)),
                c -> c.listUsersInGroup(b -> b.userPoolId(pool).groupName("admins").limit(5)),
                c -> c.adminCreateUser(b -> b.userPoolId(pool).username("erin").temporaryPassword(PASSWORD)
                        .messageAction(MessageActionType.SUPPRESS).userAttributes(attribute("email", "erin@example.com"))),
                c -> c.adminGetUser(b -> b.userPoolId(pool).username("ann")),
                c -> c.adminDeleteUser(b -> b.userPoolId(pool).username("gone")),
                c -> c.adminSetUserPassword(b -> b.userPoolId(pool).username("carol").password(PASSWORD).permanent(true)),
                c -> c.adminUpdateUserAttributes(b -> b.userPoolId(pool).username("carol")
                        .userAttributes(attribute("email", "c@example.com"))),
                c -> c.adminDeleteUserAttributes(b -> b.userPoolId(pool).username("carol").userAttributeNames("name")),
                c -> c.adminDisableUser(b -> b.userPoolId(pool).username("carol")),
                c -> c.adminEnableUser(b -> b.userPoolId(pool).username("carol")),
                c -> c.adminConfirmSignUp(b -> b.userPoolId(pool).username("dave")),
                c -> c.adminUserGlobalSignOut(b -> b.userPoolId(pool).username("carol")),
                c -> c.listUsers(b -> b.userPoolId(pool).filter("username ^= \"a\"").limit(5).attributesToGet("email"))));
        CognitoIdentityClient identity = capture.client(CognitoIdentityClient.builder());
        String providerName = "cognito-idp.us-east-1.amazonaws.com/" + pool;
        seeds.addAll(capture.capture(identity, Protocol.AWS_JSON_1_1, "cognito-identity",
                c -> c.createIdentityPool(b -> b.identityPoolName("gen_new").allowUnauthenticatedIdentities(false)
                        .cognitoIdentityProviders(p -> p.providerName(providerName).clientId(client))),
                c -> c.describeIdentityPool(b -> b.identityPoolId(identityPool)),
                c -> c.listIdentityPools(b -> b.maxResults(5)),
                c -> c.updateIdentityPool(b -> b.identityPoolId(identityPool).identityPoolName("gen")
                        .allowUnauthenticatedIdentities(true)),
                c -> c.deleteIdentityPool(b -> b.identityPoolId("us-east-1:00000000-0000-0000-0000-000000000000")),
                c -> c.setIdentityPoolRoles(b -> b.identityPoolId(identityPool)
                        .roles(Map.of("unauthenticated", "arn:aws:iam::000000000000:role/guest"))),
                c -> c.getIdentityPoolRoles(b -> b.identityPoolId(identityPool)),
                c -> c.getId(b -> b.identityPoolId(identityPool).logins(Map.of(providerName, ann.idToken()))),
                c -> c.getOpenIdToken(b -> b.identityId("us-east-1:00000000-0000-0000-0000-000000000001")),
                c -> c.getCredentialsForIdentity(b -> b.identityId("us-east-1:00000000-0000-0000-0000-000000000001"))));
        return seeds;
    }

    private static AuthenticationResultType login(CognitoIdentityProviderClient idp, String client, String user) {
        return idp.initiateAuth(b -> b.clientId(client).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", user, "PASSWORD", PASSWORD))).authenticationResult();
    }
}
