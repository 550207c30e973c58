package dev.cloudjar.core.gateway;

import dev.cloudjar.core.model.OperationModel;

/**
 * The step that refuses an unsigned request to an operation that needs a signature. It follows
 * operation resolution, since only the operation says whether it may go unsigned (Cognito's
 * InitiateAuth, STS's AssumeRoleWithWebIdentity), and precedes parsing, since AWS reports the
 * missing token before anything wrong with the input.
 */
final class AnonymousAccess implements GatewayStep {
    @Override
    public void apply(Exchange exchange) {
        if (exchange.caller().isAnonymous() && !allowsAnonymous(exchange.route().operation())) {
            throw GatewayErrors.missingAuthentication(exchange.protocol());
        }
    }

    /** Operations modelled without authentication: optionalAuth, or an empty auth list. */
    static boolean allowsAnonymous(OperationModel operation) {
        if (operation.traits().has("optionalAuth")) {
            return true;
        }
        var auth = operation.traits().get("auth");
        return auth != null && auth.isArray() && auth.isEmpty();
    }
}
