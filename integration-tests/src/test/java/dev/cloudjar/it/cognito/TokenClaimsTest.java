package dev.cloudjar.it.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static dev.cloudjar.it.cognito.CognitoFixtures.PASSWORD;
import static dev.cloudjar.it.cognito.CognitoFixtures.getJson;
import static dev.cloudjar.it.cognito.CognitoFixtures.login;
import static dev.cloudjar.it.cognito.CognitoFixtures.signUpAndConfirm;
import static dev.cloudjar.it.fixtures.Clients.cognitoIdp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The claims apps read and validate in ID and access tokens, and the key id they look up in the JWKS. */
@Cloudjar
class TokenClaimsTest {

    @Test
    void idAndAccessTokensCarryCognitosClaims(URI endpoint) throws Exception {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = CognitoFixtures.pool(idp, "claims");
            signUpAndConfirm(endpoint, idp, pool, "sam", "sam@example.com");
            idp.createGroup(r -> r.userPoolId(pool.poolId()).groupName("editors"));
            idp.adminAddUserToGroup(r -> r.userPoolId(pool.poolId()).username("sam").groupName("editors"));
            AuthenticationResultType tokens = login(idp, pool, "sam", PASSWORD);
            String sub = idp.adminGetUser(r -> r.userPoolId(pool.poolId()).username("sam")).userAttributes().stream()
                    .filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();
            String issuer = endpoint.toString().replaceAll("/$", "") + "/" + pool.poolId();

            JWTClaimsSet id = SignedJWT.parse(tokens.idToken()).getJWTClaimsSet();
            assertEquals(sub, id.getSubject());
            assertEquals(Boolean.TRUE, id.getClaim("email_verified"));
            assertEquals("sam", id.getStringClaim("cognito:username"));
            assertEquals(List.of(pool.clientId()), id.getAudience());
            assertEquals("id", id.getStringClaim("token_use"));
            assertEquals(issuer, id.getIssuer());
            assertEquals(List.of("editors"), id.getStringListClaim("cognito:groups"));
            assertNotNull(id.getJWTID());
            assertNotNull(id.getStringClaim("origin_jti"));
            assertNotNull(id.getStringClaim("event_id"));
            assertTrue(id.getClaim("auth_time") instanceof Number, "auth_time is seconds since the epoch");
            assertEquals(3600, (id.getExpirationTime().getTime() - id.getIssueTime().getTime()) / 1000);

            JWTClaimsSet access = SignedJWT.parse(tokens.accessToken()).getJWTClaimsSet();
            assertEquals(sub, access.getSubject());
            assertEquals(pool.clientId(), access.getStringClaim("client_id"));
            assertEquals("aws.cognito.signin.user.admin", access.getStringClaim("scope"));
            assertEquals("sam", access.getStringClaim("username"));
            assertEquals("access", access.getStringClaim("token_use"));
            assertEquals(issuer, access.getIssuer());
            assertEquals(List.of("editors"), access.getStringListClaim("cognito:groups"));
            assertNull(access.getAudience().isEmpty() ? null : access.getAudience(), "access tokens have no aud");
            assertEquals(id.getStringClaim("origin_jti"), access.getStringClaim("origin_jti"));
            assertNotEquals(id.getJWTID(), access.getJWTID());
            assertEquals(id.getClaim("auth_time"), access.getClaim("auth_time"));

            JsonNode keys = getJson(URI.create(issuer + "/.well-known/jwks.json")).get("keys");
            List<String> kids = new ArrayList<>();
            keys.forEach(k -> kids.add(k.get("kid").asText()));
            assertTrue(kids.contains(SignedJWT.parse(tokens.idToken()).getHeader().getKeyID()), kids.toString());
            assertTrue(kids.contains(SignedJWT.parse(tokens.accessToken()).getHeader().getKeyID()), kids.toString());
            assertEquals("RS256", SignedJWT.parse(tokens.idToken()).getHeader().getAlgorithm().getName());
        }
    }
}
