package dev.cloudjar.cognito.token;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cloudjar.cognito.identity.IdentityStore;
import dev.cloudjar.cognito.userpool.UserPoolStore;
import dev.cloudjar.core.spi.storage.StateStore;

import java.text.ParseException;
import java.time.Instant;
import java.util.List;

/**
 * Verifies the web identity tokens STS's AssumeRoleWithWebIdentity accepts: user pools' ID tokens
 * and identity pools' OpenID tokens, each against the key of the pool or service that issued it.
 */
public final class WebIdentityTokens {
    /** What STS reports of a verified token. */
    public record WebIdentity(String issuer, String subject, String audience, Instant expiration) {
    }

    /** A token STS refuses; {@code expired} tells ExpiredTokenException from InvalidIdentityToken. */
    public static final class InvalidTokenException extends RuntimeException {
        private final boolean expired;

        InvalidTokenException(String message, boolean expired) {
            super(message, null, false, false);
            this.expired = expired;
        }

        public boolean expired() {
            return expired;
        }
    }

    private final PoolTokens poolTokens;
    private final IdentityStore identities;
    private final SigningKeys keys = new SigningKeys();

    public WebIdentityTokens(StateStore state) {
        this.poolTokens = new PoolTokens(new UserPoolStore(state), keys);
        this.identities = new IdentityStore(state);
    }

    public WebIdentity verify(String token, Instant now) {
        JWTClaimsSet claims = verifiedClaims(token);
        List<String> audience = claims.getAudience();
        if (claims.getSubject() == null || audience == null || audience.isEmpty() || claims.getExpirationTime() == null) {
            throw new InvalidTokenException("The ID Token provided is not a valid JWT. (You may see this error if you "
                    + "sent an Access Token)", false);
        }
        Instant expiration = claims.getExpirationTime().toInstant();
        if (!expiration.isAfter(now)) {
            throw new InvalidTokenException("Token expired: current date/time " + now
                    + " must be before the expiration date/time " + expiration, true);
        }
        return new WebIdentity(claims.getIssuer(), claims.getSubject(), audience.get(0), expiration);
    }

    private JWTClaimsSet verifiedClaims(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            String issuer = jwt.getJWTClaimsSet().getIssuer();
            if (issuer != null && issuer.endsWith("/" + IdentityStore.SERVICE)) {
                if (keys.verify(identities.signingKey(), jwt)) {
                    return jwt.getJWTClaimsSet();
                }
            } else {
                PoolTokens.Verified verified = poolTokens.verify(token).orElse(null);
                if (verified != null) {
                    return verified.claims();
                }
            }
        } catch (ParseException e) {
            throw new InvalidTokenException("The ID Token provided is not a valid JWT.", false);
        }
        throw new InvalidTokenException("Couldn't verify the token's signature with the issuer's key.", false);
    }
}
