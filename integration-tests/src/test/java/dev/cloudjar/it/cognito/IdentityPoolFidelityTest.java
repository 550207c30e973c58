package dev.cloudjar.it.cognito;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityProvider;
import software.amazon.awssdk.services.cognitoidentity.model.InvalidIdentityPoolConfigurationException;
import software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentity.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

import java.net.URI;
import java.util.Map;

import static dev.cloudjar.it.cognito.CognitoErrorAssertions.assertCognitoError;
import static dev.cloudjar.it.cognito.CognitoFixtures.PASSWORD;
import static dev.cloudjar.it.cognito.CognitoFixtures.login;
import static dev.cloudjar.it.cognito.CognitoFixtures.signUpAndConfirm;
import static dev.cloudjar.it.fixtures.Clients.cognitoIdentity;
import static dev.cloudjar.it.fixtures.Clients.cognitoIdp;

/** GetId, GetOpenIdToken and GetCredentialsForIdentity: the refusals apps see from an identity pool. */
@Cloudjar
class IdentityPoolFidelityTest {
    private static final String NO_IDENTITY = "us-east-1:00000000-0000-0000-0000-000000000000";

    @Test
    void unknownPoolAndIdentityAreNotFound(URI endpoint) {
        try (CognitoIdentityClient identity = cognitoIdentity(endpoint)) {
            String missingPool = "us-east-1:11111111-1111-1111-1111-111111111111";
            assertCognitoError(ResourceNotFoundException.class, "IdentityPool '" + missingPool + "' not found.",
                    () -> identity.getId(r -> r.identityPoolId(missingPool)));
            assertCognitoError(ResourceNotFoundException.class, "Identity '" + NO_IDENTITY + "' not found.",
                    () -> identity.getCredentialsForIdentity(r -> r.identityId(NO_IDENTITY)));
            assertCognitoError(ResourceNotFoundException.class, "Identity '" + NO_IDENTITY + "' not found.",
                    () -> identity.getOpenIdToken(r -> r.identityId(NO_IDENTITY)));
        }
    }

    @Test
    void poolWithoutGuestsOrRolesRefusesUnauthenticatedCalls(URI endpoint) {
        try (CognitoIdentityClient identity = cognitoIdentity(endpoint)) {
            String closed = identity.createIdentityPool(r -> r.identityPoolName("members-only")
                    .allowUnauthenticatedIdentities(false)).identityPoolId();
            assertCognitoError(NotAuthorizedException.class,
                    "Unauthenticated access is not supported for this identity pool.",
                    () -> identity.getId(r -> r.identityPoolId(closed)));

            String open = identity.createIdentityPool(r -> r.identityPoolName("no-roles")
                    .allowUnauthenticatedIdentities(true)).identityPoolId();
            String identityId = identity.getId(r -> r.identityPoolId(open)).identityId();
            assertCognitoError(InvalidIdentityPoolConfigurationException.class,
                    "Invalid identity pool configuration. Check assigned IAM roles for this pool.",
                    () -> identity.getCredentialsForIdentity(r -> r.identityId(identityId)));
        }
    }

    @Test
    void tokenOfAProviderOrClientThePoolDoesNotTrustIsRefused(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint);
             CognitoIdentityClient identity = cognitoIdentity(endpoint)) {
            CognitoFixtures.Pool users = CognitoFixtures.pool(idp, "federated");
            signUpAndConfirm(endpoint, idp, users, "ray", "ray@example.com");
            String idToken = login(idp, users, "ray", PASSWORD).idToken();
            String provider = "cognito-idp.us-east-1.amazonaws.com/" + users.poolId();

            String untrusting = identity.createIdentityPool(r -> r.identityPoolName("no-providers")
                    .allowUnauthenticatedIdentities(false)).identityPoolId();
            assertCognitoError(NotAuthorizedException.class, "Token is not from a supported provider of this identity pool.",
                    () -> identity.getId(r -> r.identityPoolId(untrusting).logins(Map.of(provider, idToken))));

            String otherClient = identity.createIdentityPool(r -> r.identityPoolName("other-client")
                    .allowUnauthenticatedIdentities(false)
                    .cognitoIdentityProviders(CognitoIdentityProvider.builder().providerName(provider)
                            .clientId("someotherappclientid").build())).identityPoolId();
            assertCognitoError(NotAuthorizedException.class, "Token is not from a supported provider of this identity pool.",
                    () -> identity.getId(r -> r.identityPoolId(otherClient).logins(Map.of(provider, idToken))));

            String trusting = identity.createIdentityPool(r -> r.identityPoolName("trusting")
                    .allowUnauthenticatedIdentities(false)
                    .cognitoIdentityProviders(CognitoIdentityProvider.builder().providerName(provider)
                            .clientId(users.clientId()).build())).identityPoolId();
            assertCognitoError(NotAuthorizedException.class, "Invalid login token. Couldn't verify signed token.",
                    () -> identity.getId(r -> r.identityPoolId(trusting).logins(Map.of(provider, "not-a-jwt"))));
            identity.getId(r -> r.identityPoolId(trusting).logins(Map.of(provider, idToken)));
        }
    }
}
