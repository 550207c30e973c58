package dev.cloudjar.core.gateway;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.spi.RawRoute;

import java.util.List;

/**
 * The step that sets apart Cloudjar's own endpoints before any AWS routing: the admin routes
 * under {@code /_cloudjar/} and the services' raw routes (the Lambda Runtime API, Cognito's JWKS).
 * They speak no AWS protocol and carry no signature, so no later step runs for them.
 */
final class LocalRoutes implements GatewayStep {
    private static final System.Logger LOG = System.getLogger(LocalRoutes.class.getName());

    /** A local endpoint that matched, answering the whole request once its body is here. */
    @FunctionalInterface
    interface Route {
        Response answer(Exchange exchange);
    }

    private final AdminRoutes admin;
    private final List<RawRoute> rawRoutes;
    private final ErrorRenderer errors;

    LocalRoutes(AdminRoutes admin, List<RawRoute> rawRoutes, ErrorRenderer errors) {
        this.admin = admin;
        this.rawRoutes = List.copyOf(rawRoutes);
        this.errors = errors;
    }

    @Override
    public void apply(Exchange exchange) {
        Request request = exchange.request();
        // Cloudjar's own endpoints, the services' ones under the prefix included (Cognito's codes).
        if (admin.matches(request)) {
            Response refused = admin.refusal(request);
            if (refused != null) {
                exchange.localAtOnce(x -> refused);
                return;
            }
        }
        for (RawRoute route : rawRoutes) {
            if (route.matches().test(request)) {
                exchange.local(x -> raw(route, x));
                return;
            }
        }
        if (admin.matches(request)) {
            if (admin.isImmediate(request)) {
                exchange.localAtOnce(x -> admin.handle(x.request()));
            } else {
                exchange.local(x -> admin.handle(x.request()));
            }
        }
    }

    private Response raw(RawRoute route, Exchange exchange) {
        try {
            return route.handler().handle(exchange.request());
        } catch (AwsException e) {
            return errors.plain(e.status(), e.code(), e.getMessage());
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "request " + exchange.requestId() + " to " + route.description()
                    + " failed", e);
            return errors.plain(500, "InternalError", "We encountered an internal error. Please try again.");
        }
    }
}
