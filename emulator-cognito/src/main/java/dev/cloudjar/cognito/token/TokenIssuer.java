package dev.cloudjar.cognito.token;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.cloudjar.cognito.client.UserPoolClient;
import dev.cloudjar.cognito.userpool.AuthSession;
import dev.cloudjar.cognito.userpool.Group;
import dev.cloudjar.cognito.userpool.User;
import dev.cloudjar.cognito.userpool.UserPool;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Mints a sign-in's ID and access tokens with Cognito's claims, and its opaque refresh token. */
public final class TokenIssuer {
    /** ID and access tokens, and the access token's lifetime in seconds (AuthenticationResult.ExpiresIn). */
    public record Tokens(String idToken, String accessToken, int expiresIn) {
    }

    private final SigningKeys keys;
    private final SecureRandom random = new SecureRandom();

    public TokenIssuer(SigningKeys keys) {
        this.keys = keys;
    }

    /** Cognito's issuer is the pool's URL under the IdP endpoint; here under the emulator's endpoint. */
    public static String issuer(String endpoint, String poolId) {
        return endpoint + "/" + poolId;
    }

    public Tokens issue(String endpoint, UserPool pool, UserPoolClient client, User user, List<Group> groups,
                        AuthSession session, Instant now) {
        String issuer = issuer(endpoint, pool.id());
        String eventId = UUID.randomUUID().toString();
        Date issuedAt = Date.from(now);
        Date authTime = new Date(session.authTime());

        JWTClaimsSet.Builder id = new JWTClaimsSet.Builder()
                .subject(user.sub())
                .issuer(issuer)
                .audience(client.clientId())
                .claim("token_use", "id")
                .claim("cognito:username", user.username())
                .claim("origin_jti", session.originJti())
                .claim("event_id", eventId)
                .claim("auth_time", authTime.getTime() / 1000)
                .issueTime(issuedAt)
                .expirationTime(Date.from(now.plus(client.idTokenValidity())))
                .jwtID(UUID.randomUUID().toString());
        for (Map.Entry<String, String> attribute : user.attributes().entrySet()) {
            if (!attribute.getKey().equals("sub")) {
                id.claim(attribute.getKey(), claimValue(attribute.getKey(), attribute.getValue()));
            }
        }
        addGroups(id, groups, true);

        JWTClaimsSet.Builder access = new JWTClaimsSet.Builder()
                .subject(user.sub())
                .issuer(issuer)
                .claim("client_id", client.clientId())
                .claim("origin_jti", session.originJti())
                .claim("event_id", eventId)
                .claim("token_use", "access")
                .claim("scope", "aws.cognito.signin.user.admin")
                .claim("auth_time", authTime.getTime() / 1000)
                .issueTime(issuedAt)
                .expirationTime(Date.from(now.plus(client.accessTokenValidity())))
                .jwtID(UUID.randomUUID().toString())
                .claim("username", user.username());
        addGroups(access, groups, false);

        return new Tokens(keys.sign(pool.signingKey(), id.build()), keys.sign(pool.signingKey(), access.build()),
                (int) client.accessTokenValidity().toSeconds());
    }

    /** An opaque refresh token: 128 random bytes, unreadable as a JWT as Cognito's encrypted ones are. */
    public String newRefreshToken() {
        byte[] bytes = new byte[128];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Cognito writes the *_verified attributes as JSON booleans, every other attribute as a string. */
    private static Object claimValue(String name, String value) {
        return name.endsWith("_verified") ? Boolean.valueOf(value) : value;
    }

    /**
     * cognito:groups in both tokens; the ID token also carries cognito:roles and the preferred
     * role, which is the role of the group with the lowest precedence.
     */
    private static void addGroups(JWTClaimsSet.Builder claims, List<Group> groups, boolean withRoles) {
        if (groups.isEmpty()) {
            return;
        }
        claims.claim("cognito:groups", groups.stream().map(Group::groupName).toList());
        if (!withRoles) {
            return;
        }
        List<Group> withRole = new ArrayList<>(groups.stream().filter(g -> g.roleArn() != null).toList());
        if (withRole.isEmpty()) {
            return;
        }
        claims.claim("cognito:roles", withRole.stream().map(Group::roleArn).distinct().toList());
        withRole.sort(Comparator.comparing(g -> g.precedence() == null ? Integer.MAX_VALUE : g.precedence()));
        claims.claim("cognito:preferred_role", withRole.get(0).roleArn());
    }
}
