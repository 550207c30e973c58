package dev.cloudjar.cognito.auth;

import dev.cloudjar.cognito.CognitoErrors;
import dev.cloudjar.cognito.token.PoolTokens;
import dev.cloudjar.cognito.token.TokenIssuer;
import dev.cloudjar.cognito.userpool.AuthSession;
import dev.cloudjar.cognito.userpool.GroupOperations;
import dev.cloudjar.cognito.userpool.PoolAccess;
import dev.cloudjar.cognito.userpool.User;
import dev.cloudjar.cognito.userpool.UserPool;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Ends a successful authentication with tokens (a new sign-in session with its refresh token, or
 * fresh tokens for an existing session), and checks the access tokens that self-service
 * operations present.
 */
public final class SignIns {
    /** The user an access token speaks for. */
    record Caller(Scope scope, UserPool pool, User user, AuthSession session) {
    }

    private final PoolAccess access;
    private final GroupOperations groups;
    private final TokenIssuer issuer;
    private final PoolTokens poolTokens;

    public SignIns(PoolAccess access, GroupOperations groups, TokenIssuer issuer, PoolTokens poolTokens) {
        this.access = access;
        this.groups = groups;
        this.issuer = issuer;
        this.poolTokens = poolTokens;
    }

    /** A new sign-in: ID, access and refresh tokens. */
    Map<String, Object> signIn(RequestContext context, PoolAccess.ClientRef ref, User user) {
        long now = context.receivedAt().toEpochMilli();
        String refreshToken = issuer.newRefreshToken();
        AuthSession session = new AuthSession(UUID.randomUUID().toString(), user.username(), ref.client().clientId(),
                now, now + ref.client().refreshTokenValidity().toMillis());
        access.store().saveSession(ref.scope(), ref.pool().id(), session, refreshToken);
        Map<String, Object> result = tokens(context, ref, user, session);
        result.put("RefreshToken", refreshToken);
        return result;
    }

    /** A refresh token for a rotation (GetTokensFromRefreshToken on a client that rotates them). */
    String newRefreshToken() {
        return issuer.newRefreshToken();
    }

    /** New ID and access tokens for the session a refresh token belongs to. */
    Map<String, Object> tokens(RequestContext context, PoolAccess.ClientRef ref, User user, AuthSession session) {
        TokenIssuer.Tokens tokens = issuer.issue(context.endpoint(), ref.pool(), ref.client(), user,
                groups.groupsOf(ref.scope(), ref.pool(), user), session, context.receivedAt());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("AccessToken", tokens.accessToken());
        result.put("ExpiresIn", tokens.expiresIn());
        result.put("TokenType", "Bearer");
        result.put("IdToken", tokens.idToken());
        return result;
    }

    /**
     * The caller of a self-service operation: a valid, unexpired access token whose sign-in has not
     * ended (GlobalSignOut, RevokeToken, user deleted).
     */
    Caller caller(String accessToken, Instant now) {
        PoolTokens.Verified token = poolTokens.verify(accessToken)
                .filter(t -> "access".equals(t.claim("token_use")))
                .orElseThrow(() -> CognitoErrors.notAuthorized("Invalid Access Token"));
        if (!token.claims().getExpirationTime().toInstant().isAfter(now)) {
            throw CognitoErrors.notAuthorized("Access Token has expired");
        }
        String username = token.claim("username");
        AuthSession session = access.store().session(token.scope(), token.pool().id(), username, token.claim("origin_jti"))
                .orElseThrow(() -> CognitoErrors.notAuthorized("Access Token has been revoked"));
        User user = access.store().user(token.scope(), token.pool(), username).orElseThrow(CognitoErrors::userNotFound);
        if (!user.enabled()) {
            throw CognitoErrors.notAuthorized("User is disabled.");
        }
        return new Caller(token.scope(), token.pool(), user, session);
    }
}
