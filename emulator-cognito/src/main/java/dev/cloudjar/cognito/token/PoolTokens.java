package dev.cloudjar.cognito.token;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cloudjar.cognito.userpool.UserPool;
import dev.cloudjar.cognito.userpool.UserPoolStore;
import dev.cloudjar.core.spi.Scope;

import java.text.ParseException;
import java.util.Optional;

/**
 * Reads a token a user pool issued: finds the pool from the issuer's last path segment and checks
 * the signature with the pool's key. Expiry and token_use are the caller's to check, because
 * each caller answers them with its own error.
 */
public final class PoolTokens {
    /** A token whose signature the pool's key verified. */
    public record Verified(Scope scope, UserPool pool, JWTClaimsSet claims) {
        public String claim(String name) {
            Object value = claims.getClaim(name);
            return value == null ? null : value.toString();
        }
    }

    private final UserPoolStore store;
    private final SigningKeys keys;

    public PoolTokens(UserPoolStore store, SigningKeys keys) {
        this.store = store;
        this.keys = keys;
    }

    public Optional<Verified> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            String issuer = jwt.getJWTClaimsSet().getIssuer();
            if (issuer == null) {
                return Optional.empty();
            }
            String poolId = issuer.substring(issuer.lastIndexOf('/') + 1);
            Optional<Scope> scope = store.locatePool(poolId);
            Optional<UserPool> pool = scope.flatMap(s -> store.pool(s, poolId));
            if (pool.isEmpty() || !keys.verify(pool.get().signingKey(), jwt)) {
                return Optional.empty();
            }
            return Optional.of(new Verified(scope.get(), pool.get(), jwt.getJWTClaimsSet()));
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
