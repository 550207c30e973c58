package dev.cloudjar.it.cognito;

import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityProvider;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.net.URI;
import java.util.Map;

import static dev.cloudjar.it.cognito.CognitoFixtures.PASSWORD;
import static dev.cloudjar.it.cognito.CognitoFixtures.login;
import static dev.cloudjar.it.cognito.CognitoFixtures.pool;
import static dev.cloudjar.it.cognito.CognitoFixtures.signUpAndConfirm;
import static dev.cloudjar.it.fixtures.Clients.cognitoIdentity;
import static dev.cloudjar.it.fixtures.Clients.cognitoIdp;
import static dev.cloudjar.it.fixtures.Clients.sts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole way from a user pool sign-in to AWS calls made with the identity pool's credentials. */
@Cloudjar
class SignInToAwsCredentialsTest {
    private static final String AUTHENTICATED_ROLE = "arn:aws:iam::000000000000:role/app-users";

    @Test
    void userPoolSignInThenIdentityPoolCredentialsCallStsAsTheAssumedRole(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint);
             CognitoIdentityClient identity = cognitoIdentity(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "seed");
            signUpAndConfirm(endpoint, idp, pool, "kate", "kate@example.com");
            String idToken = login(idp, pool, "kate", PASSWORD).idToken();

            String provider = "cognito-idp.us-east-1.amazonaws.com/" + pool.poolId();
            String identityPoolId = identity.createIdentityPool(r -> r.identityPoolName("seed")
                    .allowUnauthenticatedIdentities(false)
                    .cognitoIdentityProviders(CognitoIdentityProvider.builder().providerName(provider)
                            .clientId(pool.clientId()).build())).identityPoolId();
            identity.setIdentityPoolRoles(r -> r.identityPoolId(identityPoolId)
                    .roles(Map.of("authenticated", AUTHENTICATED_ROLE)));

            String identityId = identity.getId(r -> r.identityPoolId(identityPoolId).logins(Map.of(provider, idToken)))
                    .identityId();
            assertEquals(identityId, identity.getId(r -> r.identityPoolId(identityPoolId)
                    .logins(Map.of(provider, idToken))).identityId());
            Credentials credentials = identity.getCredentialsForIdentity(r -> r.identityId(identityId)
                    .logins(Map.of(provider, idToken))).credentials();
            assertTrue(credentials.accessKeyId().startsWith("ASIA"));

            AwsSessionCredentials session = AwsSessionCredentials.create(credentials.accessKeyId(),
                    credentials.secretKey(), credentials.sessionToken());
            try (StsClient sts = sts(endpoint, session)) {
                GetCallerIdentityResponse caller = sts.getCallerIdentity();
                assertEquals("arn:aws:sts::000000000000:assumed-role/app-users/CognitoIdentityCredentials", caller.arn());
                assertEquals("000000000000", caller.account());
                assertTrue(caller.userId().endsWith(":CognitoIdentityCredentials"));
            }
            // The same temporary credentials sign S3 and DynamoDB requests, as in the seed's flow.
            try (S3Client s3 = Clients.client(S3Client.builder().forcePathStyle(true), endpoint, session)) {
                s3.createBucket(r -> r.bucket("user-uploads"));
                s3.putObject(r -> r.bucket("user-uploads").key("hello.txt"), RequestBody.fromString("hi"));
                assertEquals("hi", s3.getObjectAsBytes(r -> r.bucket("user-uploads").key("hello.txt")).asUtf8String());
            }
            try (DynamoDbClient dynamodb = Clients.client(DynamoDbClient.builder(), endpoint, session)) {
                dynamodb.createTable(r -> r.tableName("profiles")
                        .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                        .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                        .billingMode(BillingMode.PAY_PER_REQUEST));
                dynamodb.putItem(r -> r.tableName("profiles").item(Map.of("id", AttributeValue.fromS(identityId))));
                assertTrue(dynamodb.getItem(r -> r.tableName("profiles")
                        .key(Map.of("id", AttributeValue.fromS(identityId)))).hasItem());
            }
        }
    }

    @Test
    void identityPoolWithoutUnauthenticatedAccessRefusesGetIdWithoutLogins(URI endpoint) {
        try (CognitoIdentityClient identity = cognitoIdentity(endpoint)) {
            String identityPoolId = identity.createIdentityPool(r -> r.identityPoolName("closed")
                    .allowUnauthenticatedIdentities(false)).identityPoolId();
            NotAuthorizedException e = assertThrows(NotAuthorizedException.class,
                    () -> identity.getId(r -> r.identityPoolId(identityPoolId)));
            assertEquals("Unauthenticated access is not supported for this identity pool.",
                    e.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void forgedLoginTokenIsNotAuthorized(URI endpoint) {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint);
             CognitoIdentityClient identity = cognitoIdentity(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "forged");
            String provider = "cognito-idp.us-east-1.amazonaws.com/" + pool.poolId();
            String identityPoolId = identity.createIdentityPool(r -> r.identityPoolName("forged")
                    .allowUnauthenticatedIdentities(false)
                    .cognitoIdentityProviders(CognitoIdentityProvider.builder().providerName(provider)
                            .clientId(pool.clientId()).build())).identityPoolId();
            assertThrows(NotAuthorizedException.class, () -> identity.getId(r -> r.identityPoolId(identityPoolId)
                    .logins(Map.of(provider, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"))));
        }
    }
}
