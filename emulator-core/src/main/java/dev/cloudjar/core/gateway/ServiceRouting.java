package dev.cloudjar.core.gateway;

import dev.cloudjar.core.http.Request;

/**
 * The step that finds the service and the protocol the request speaks, unless host routing has.
 * It runs when the head arrives, and again once the body has, for the one request its head
 * cannot place: an unsigned form post, whose Action is in the body. With no service at all, the
 * request is answered in the protocol its form shows, naming what Cloudjar does not emulate.
 */
final class ServiceRouting implements GatewayStep {
    private final ServiceRouter router;

    ServiceRouting(ServiceRouter router) {
        this.router = router;
    }

    @Override
    public void apply(Exchange exchange) {
        if (exchange.service() != null) {
            return;
        }
        Request request = exchange.request();
        ServiceRuntime service = router.route(request, exchange.bodyArrived());
        if (service != null) {
            exchange.service(service, ServiceRouter.protocol(service, request));
            return;
        }
        exchange.protocol(ServiceRouter.protocolWithoutService(request));
        if (exchange.bodyArrived()) {
            throw GatewayErrors.unknownService(exchange.protocol(), router.describeUnrouted(request));
        }
    }
}
