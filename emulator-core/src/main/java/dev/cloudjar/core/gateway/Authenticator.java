package dev.cloudjar.core.gateway;

import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.spi.Principal;

/** The gateway step that establishes who sent a request (SigV4), before any operation is resolved. */
public interface Authenticator {

    /** Who signed the request, and the region it was signed for (null when unsigned). */
    record Caller(Principal principal, String region) {
        public boolean isAnonymous() {
            return principal.isAnonymous();
        }
    }

    /**
     * The service named in the request's credential scope, read without verifying, so that a
     * request can be routed before its signature is checked; null when the request is unsigned.
     */
    String signingService(Request request);

    /**
     * Verifies the request's signature (or, with verification off, reads who it names), and may
     * replace its body with a decoding or verifying stream.
     *
     * @throws dev.cloudjar.core.error.AwsException the protocol family's authentication error
     */
    Caller authenticate(Request request, Protocol protocol);
}
