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

    /**
     * An AWS service acting itself ({@code s3.amazonaws.com} delivering a bucket's notification),
     * as resource policies name it in {@code Principal: {"Service": ...}}; it has no access key.
     */
    public static Principal service(String servicePrincipal, String accountId) {
        return new Principal(null, accountId, servicePrincipal, servicePrincipal, null, null);
    }

    public boolean isAnonymous() {
        return accessKeyId == null && arn == null;
    }

    public boolean isService() {
        return accessKeyId == null && arn != null;
    }
}
