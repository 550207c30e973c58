package dev.cloudjar.cognito.token;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cloudjar.cognito.client.UserPoolClient;
import dev.cloudjar.cognito.userpool.AuthSession;
import dev.cloudjar.cognito.userpool.Group;
import dev.cloudjar.cognito.userpool.User;
import dev.cloudjar.cognito.userpool.UserPool;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenIssuerTest {
    private static final String ENDPOINT = "http://127.0.0.1:4566";
    private static final Instant NOW = Instant.parse("2026-11-27T07:00:00Z");
    private static final Instant AUTH_TIME = Instant.parse("2026-11-27T06:00:00Z");

    private final SigningKeys keys = new SigningKeys();
    private final UserPool pool = new UserPool("us-east-1_Abc123xyz", "pool", "arn", 0, 0, Map.of(), List.of(),
            SigningKeys.generate());
    private final UserPoolClient client = new UserPoolClient("client123", pool.id(), "app", null, 0, 0,
            Map.of("AccessTokenValidity", 5, "IdTokenValidity", 2,
                    "TokenValidityUnits", Map.of("AccessToken", "minutes", "IdToken", "hours")));
    private final User user = new User("alice", attributes(), "CONFIRMED", true, 0, 0, null, 0, List.of(), null);
    private final AuthSession session = new AuthSession("origin-1", "alice", "client123", AUTH_TIME.toEpochMilli(),
            NOW.plusSeconds(86400).toEpochMilli());
    private final List<Group> groups = List.of(
            new Group("readers", null, "arn:aws:iam::000000000000:role/readers", 10, 0, 0),
            new Group("editors", null, "arn:aws:iam::000000000000:role/editors", 1, 0, 0),
            new Group("no-role", null, null, 0, 0, 0));

    @Test
    void idTokenCarriesTheUserAndPoolClaims() throws Exception {
        JWTClaimsSet id = claims(issue().idToken());

        assertEquals("sub-1", id.getSubject());
        assertEquals(ENDPOINT + "/us-east-1_Abc123xyz", id.getIssuer());
        assertEquals(List.of("client123"), id.getAudience());
        assertEquals("id", id.getStringClaim("token_use"));
        assertEquals("alice", id.getStringClaim("cognito:username"));
        assertEquals("alice@example.com", id.getStringClaim("email"));
        assertEquals(Boolean.TRUE, id.getBooleanClaim("email_verified"));
        assertEquals("gold", id.getStringClaim("custom:tier"));
        assertEquals("origin-1", id.getStringClaim("origin_jti"));
        assertEquals(AUTH_TIME.getEpochSecond(), id.getLongClaim("auth_time"));
        assertEquals(Date.from(NOW), id.getIssueTime());
        assertEquals(Date.from(NOW.plusSeconds(7200)), id.getExpirationTime());
    }

    @Test
    void accessTokenNamesTheClientNotAnAudience() throws Exception {
        JWTClaimsSet access = claims(issue().accessToken());

        assertEquals("access", access.getStringClaim("token_use"));
        assertEquals("client123", access.getStringClaim("client_id"));
        assertEquals(List.of(), access.getAudience());
        assertEquals("alice", access.getStringClaim("username"));
        assertEquals("aws.cognito.signin.user.admin", access.getStringClaim("scope"));
        assertNull(access.getClaim("email"));
        assertEquals(Date.from(NOW.plusSeconds(300)), access.getExpirationTime());
        assertEquals(300, issue().expiresIn());
    }

    @Test
    void bothTokensShareTheEventButNotTheirIds() throws Exception {
        TokenIssuer.Tokens tokens = issue();
        JWTClaimsSet id = claims(tokens.idToken());
        JWTClaimsSet access = claims(tokens.accessToken());

        assertEquals(id.getStringClaim("event_id"), access.getStringClaim("event_id"));
        assertNotEquals(id.getJWTID(), access.getJWTID());
    }

    @Test
    void groupsGoInBothTokensAndThePreferredRoleIsTheLowestPrecedences() throws Exception {
        TokenIssuer.Tokens tokens = issue();
        JWTClaimsSet id = claims(tokens.idToken());

        assertEquals(List.of("readers", "editors", "no-role"), id.getStringListClaim("cognito:groups"));
        assertEquals(List.of("arn:aws:iam::000000000000:role/readers", "arn:aws:iam::000000000000:role/editors"),
                id.getStringListClaim("cognito:roles"));
        assertEquals("arn:aws:iam::000000000000:role/editors", id.getStringClaim("cognito:preferred_role"));
        JWTClaimsSet access = claims(tokens.accessToken());
        assertEquals(List.of("readers", "editors", "no-role"), access.getStringListClaim("cognito:groups"));
        assertNull(access.getClaim("cognito:preferred_role"));
    }

    @Test
    void tokensAreRs256SignedWithThePoolsKeyAndNameIt() throws Exception {
        SignedJWT jwt = SignedJWT.parse(issue().idToken());

        assertEquals("RS256", jwt.getHeader().getAlgorithm().getName());
        assertEquals(pool.signingKey().keyId(), jwt.getHeader().getKeyID());
        assertTrue(jwt.verify(new RSASSAVerifier(keys.publicJwk(pool.signingKey()))));
    }

    private TokenIssuer.Tokens issue() {
        return new TokenIssuer(keys).issue(ENDPOINT, pool, client, user, groups, session, NOW);
    }

    private static JWTClaimsSet claims(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet();
    }

    private static Map<String, String> attributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("sub", "sub-1");
        attributes.put("email", "alice@example.com");
        attributes.put("email_verified", "true");
        attributes.put("custom:tier", "gold");
        return attributes;
    }
}
