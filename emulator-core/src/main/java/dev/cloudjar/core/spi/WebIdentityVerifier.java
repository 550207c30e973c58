package dev.cloudjar.core.spi;

import java.time.Instant;
import java.util.Map;

/**
 * Verifies the web identity tokens STS's AssumeRoleWithWebIdentity accepts, against the key of
 * whoever issued them. Cognito provides it (user pools' ID tokens, identity pools' OpenID
 * tokens); STS looks it up per request.
 */
public interface WebIdentityVerifier {

    /** The token as of {@code now}: who it names, or why it is refused. */
    Verification verify(String token, Instant now);

    /** Either a {@link Verified} identity or a {@link Rejected} token. */
    sealed interface Verification permits Verified, Rejected {
    }

    /** What STS reports of a token it accepts: its issuer, subject, first audience, expiry and all its claims. */
    record Verified(String issuer, String subject, String audience, Instant expiration,
                    Map<String, Object> claims) implements Verification {
    }

    /** A refused token and Cognito's words for why. */
    record Rejected(Reason reason, String message) implements Verification {
    }

    /** STS answers ExpiredTokenException for an expired token, InvalidIdentityToken otherwise. */
    enum Reason { MALFORMED, UNTRUSTED, EXPIRED }
}
