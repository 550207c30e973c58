package dev.cloudjar.it.cognito;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;

import java.net.URI;
import java.net.URL;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.cloudjar.it.cognito.CognitoFixtures.PASSWORD;
import static dev.cloudjar.it.cognito.CognitoFixtures.getJson;
import static dev.cloudjar.it.cognito.CognitoFixtures.login;
import static dev.cloudjar.it.cognito.CognitoFixtures.pool;
import static dev.cloudjar.it.cognito.CognitoFixtures.signUpAndConfirm;
import static dev.cloudjar.it.fixtures.Clients.cognitoIdp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ID tokens validate with a standard JWT library that knows only the issuer, as an API's resource server does. */
@Cloudjar
class TokenVerificationTest {

    @Test
    void idTokenVerifiesAgainstTheJwksDiscoveredFromTheIssuer(URI endpoint) throws Exception {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "jwt");
            signUpAndConfirm(endpoint, idp, pool, "ivy", "ivy@example.com");
            idp.createGroup(r -> r.userPoolId(pool.poolId()).groupName("admins")
                    .roleArn("arn:aws:iam::000000000000:role/admins").precedence(1));
            idp.adminAddUserToGroup(r -> r.userPoolId(pool.poolId()).username("ivy").groupName("admins"));
            AuthenticationResultType tokens = login(idp, pool, "ivy", PASSWORD);

            String issuer = SignedJWT.parse(tokens.idToken()).getJWTClaimsSet().getIssuer();
            assertEquals(endpoint.toString().replaceAll("/$", "") + "/" + pool.poolId(), issuer);
            JsonNode discovery = getJson(URI.create(issuer + "/.well-known/openid-configuration"));
            assertEquals(issuer, discovery.get("issuer").asText());

            JWTClaimsSet claims = processor(discovery.get("jwks_uri").asText(), issuer, pool.clientId(), "id")
                    .process(tokens.idToken(), null);

            assertEquals("ivy", claims.getStringClaim("cognito:username"));
            assertEquals("ivy@example.com", claims.getStringClaim("email"));
            assertEquals(Boolean.TRUE, claims.getBooleanClaim("email_verified"));
            assertEquals(List.of("admins"), claims.getStringListClaim("cognito:groups"));
            assertEquals("arn:aws:iam::000000000000:role/admins", claims.getStringClaim("cognito:preferred_role"));
            assertTrue(claims.getExpirationTime().after(claims.getIssueTime()));

            JWTClaimsSet access = SignedJWT.parse(tokens.accessToken()).getJWTClaimsSet();
            assertEquals("access", access.getStringClaim("token_use"));
            assertEquals(pool.clientId(), access.getStringClaim("client_id"));
            assertEquals(claims.getStringClaim("origin_jti"), access.getStringClaim("origin_jti"));
        }
    }

    @Test
    void tamperedIdTokenIsRejected(URI endpoint) throws Exception {
        try (CognitoIdentityProviderClient idp = cognitoIdp(endpoint)) {
            CognitoFixtures.Pool pool = pool(idp, "jwt-tampered");
            signUpAndConfirm(endpoint, idp, pool, "jack", "jack@example.com");
            String idToken = login(idp, pool, "jack", PASSWORD).idToken();
            String[] parts = idToken.split("\\.");
            String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("jack@example.com", "root@example.com");
            String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
                    + "." + parts[2];

            String issuer = SignedJWT.parse(idToken).getJWTClaimsSet().getIssuer();
            String jwks = getJson(URI.create(issuer + "/.well-known/openid-configuration")).get("jwks_uri").asText();
            assertThrows(BadJOSEException.class, () -> processor(jwks, issuer, pool.clientId(), "id").process(tampered, null));
            assertThrows(BadJOSEException.class, () -> processor(jwks, issuer, "another-client", "id").process(idToken, null));
        }
    }

    private static DefaultJWTProcessor<SecurityContext> processor(String jwksUri, String issuer, String audience,
                                                                  String tokenUse) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                JWKSourceBuilder.create(new URL(jwksUri)).retrying(false).build()));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(issuer).claim("token_use", tokenUse).build(),
                Set.of("sub", "exp", "iat", "auth_time")));
        return processor;
    }
}
