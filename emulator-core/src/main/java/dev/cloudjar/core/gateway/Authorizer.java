package dev.cloudjar.core.gateway;

import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.spi.Principal;
import dev.cloudjar.core.spi.Scope;

/**
 * Decides whether a caller may perform an action on a resource, as IAM's policy evaluation does.
 * Until IAM enforcement lands, the server's authorizer allows everything; the gateway already
 * asks it on every request, with what each operation declares in its operation table.
 */
@FunctionalInterface
public interface Authorizer {
    /** Allows every request, as Cloudjar does while it enforces no IAM policies. */
    Authorizer ALLOW_ALL = (request, protocol) -> {
    };

    /**
     * What IAM evaluates for one request.
     *
     * @param action   the IAM action, e.g. {@code dynamodb:GetItem}
     * @param resource the resource's ARN, or null while the operation declares none (IAM then
     *                 evaluates the action against "*")
     */
    record Request(Principal principal, String action, String resource, Scope scope) {
    }

    /**
     * @throws dev.cloudjar.core.error.AwsException the protocol's access-denied error when the
     *                                              request is not allowed
     */
    void authorize(Request request, Protocol protocol);
}
