package dev.cloudjar.cognito.token;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.cloudjar.cognito.identity.IdentityStore;
import dev.cloudjar.core.spi.WebIdentityVerifier;

import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The web identity tokens STS's AssumeRoleWithWebIdentity accepts from Cognito: user pools' ID
 * tokens and identity pools' OpenID tokens, each checked with the key of the pool or service that
 * issued it.
 */
public final class WebIdentityTokens implements WebIdentityVerifier {
    private final PoolTokens poolTokens;
    private final IdentityStore identities;
    private final SigningKeys keys;

    public WebIdentityTokens(PoolTokens poolTokens, IdentityStore identities, SigningKeys keys) {
        this.poolTokens = poolTokens;
        this.identities = identities;
        this.keys = keys;
    }

    @Override
    public Verification verify(String token, Instant now) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
            jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return new Rejected(Reason.MALFORMED, "The ID Token provided is not a valid JWT.");
        }
        Optional<JWTClaimsSet> verified = verifiedClaims(token, jwt);
        if (verified.isEmpty()) {
            return new Rejected(Reason.UNTRUSTED, "Couldn't verify the token's signature with the issuer's key.");
        }
        JWTClaimsSet claims = verified.get();
        List<String> audience = claims.getAudience();
        if (claims.getSubject() == null || audience == null || audience.isEmpty() || claims.getExpirationTime() == null) {
            return new Rejected(Reason.MALFORMED, "The ID Token provided is not a valid JWT. (You may see this error "
                    + "if you sent an Access Token)");
        }
        Instant expiration = claims.getExpirationTime().toInstant();
        if (!expiration.isAfter(now)) {
            return new Rejected(Reason.EXPIRED, "Token expired: current date/time " + now
                    + " must be before the expiration date/time " + expiration);
        }
        return new Verified(claims.getIssuer(), claims.getSubject(), audience.get(0), expiration, claims.getClaims());
    }

    private Optional<JWTClaimsSet> verifiedClaims(String token, SignedJWT jwt) {
        try {
            String issuer = jwt.getJWTClaimsSet().getIssuer();
            if (issuer != null && issuer.endsWith("/" + IdentityStore.SERVICE)) {
                return keys.verify(identities.signingKey(), jwt) ? Optional.of(jwt.getJWTClaimsSet()) : Optional.empty();
            }
            return poolTokens.verify(token).map(PoolTokens.Verified::claims);
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
