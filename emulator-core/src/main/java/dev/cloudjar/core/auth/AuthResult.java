package dev.cloudjar.core.auth;

import dev.cloudjar.core.spi.Principal;

/**
 * Who a verified request comes from and the scope it was signed for. {@code region} and
 * {@code signingService} are null for an anonymous request, {@code region} also for a SigV4a
 * request that is not bound to exactly one region.
 */
public record AuthResult(Principal principal, String region, String signingService, boolean anonymous,
                         String accessKeyId) {

    static AuthResult anonymous(String accountId) {
        return new AuthResult(Principal.anonymous(accountId), null, null, true, null);
    }
}
