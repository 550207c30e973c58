package dev.cloudjar.core.spi;

import java.time.Instant;

/**
 * Who made a request, as SigV4 verification established it. {@code sessionToken} and
 * {@code expiration} are set for temporary credentials issued by STS or Cognito identity pools.
 */
public record Principal(String accessKeyId, String accountId, String arn, String userId,
                        String sessionToken, Instant expiration) {

    public static Principal anonymous(String accountId) {
        return new Principal(null, accountId, null, null, null, null);
    }

    public boolean isAnonymous() {
        return accessKeyId == null;
    }
}
