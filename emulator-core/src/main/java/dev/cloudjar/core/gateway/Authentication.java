package dev.cloudjar.core.gateway;

import dev.cloudjar.core.spi.Scope;

/**
 * The step that establishes who sent the request (SigV4, through the {@link Authenticator}) and
 * so its scope: the caller's account, and the region it signed for (the default region for an
 * unsigned request).
 */
final class Authentication implements GatewayStep {
    private final Authenticator authenticator;
    private final String defaultRegion;

    Authentication(Authenticator authenticator, String defaultRegion) {
        this.authenticator = authenticator;
        this.defaultRegion = defaultRegion;
    }

    @Override
    public void apply(Exchange exchange) {
        Authenticator.Caller caller = authenticator.authenticate(exchange.request(), exchange.protocol());
        String region = caller.region() == null ? defaultRegion : caller.region();
        exchange.caller(caller, new Scope(caller.principal().accountId(), region));
    }
}
