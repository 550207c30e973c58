package dev.cloudjar.core.spi;

import java.time.Instant;

/**
 * What a handler knows of the request besides its parsed input: its id, scope, caller, the
 * endpoint it was addressed to (Cognito puts it into token issuers, S3 into Location headers) and
 * the X-Ray trace it belongs to, which the handler hands on to whatever it calls.
 */
public record RequestContext(String requestId, String service, String operation, Scope scope,
                             Principal principal, String endpoint, Instant receivedAt, TraceHeader trace) {

    public String accountId() {
        return scope.accountId();
    }

    public String region() {
        return scope.region();
    }
}
