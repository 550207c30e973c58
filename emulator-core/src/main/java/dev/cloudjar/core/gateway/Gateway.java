package dev.cloudjar.core.gateway;

import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.protocol.Codecs;
import dev.cloudjar.core.spi.RawRoute;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * The request path as ordered steps, each one concern: request id → local routes (admin, raw)
 * → host routing → service routing → authentication → operation resolution → anonymous access →
 * input parsing → authorization → tracing → invocation. The steps that need only the head run as
 * it arrives (and decide whether the body streams); the rest run on a worker thread once the body
 * is here. Every failure is answered by the {@link ErrorRenderer} in the request's protocol;
 * nothing unexpected leaks to the client.
 */
public final class Gateway {
    /** How the server should receive a request's body. */
    public enum BodyMode { BUFFERED, STREAMED }

    private final List<GatewayStep> onHead;
    private final List<GatewayStep> onRequest;
    private final ErrorRenderer errors;

    public Gateway(List<ServiceRuntime> services, Authenticator authenticator, Authorizer authorizer, Codecs codecs,
                   AdminRoutes admin, List<RawRoute> rawRoutes, String defaultRegion, Clock clock) {
        this.errors = new ErrorRenderer(codecs);
        ServiceRouting serviceRouting = new ServiceRouting(new ServiceRouter(services, authenticator));
        this.onHead = List.of(new AssignRequestId(), new LocalRoutes(admin, rawRoutes, errors),
                new HostRouting(services), serviceRouting);
        this.onRequest = List.of(serviceRouting, new Authentication(authenticator, defaultRegion),
                new OperationResolution(codecs), new AnonymousAccess(), new InputParsing(codecs),
                new Authorization(authorizer), new Tracing(clock), new Invocation(codecs, errors, clock));
    }

    /**
     * @param onHead    steps that need only the request's head; a local route ends them
     * @param onRequest steps for the whole request; the first to give the exchange a response ends them
     */
    Gateway(List<GatewayStep> onHead, List<GatewayStep> onRequest, ErrorRenderer errors) {
        this.onHead = List.copyOf(onHead);
        this.onRequest = List.copyOf(onRequest);
        this.errors = errors;
    }

    /** Runs the steps that need only the head; on the event loop, so they must not block. */
    public Exchange receive(Request head) {
        Exchange exchange = new Exchange(head);
        for (GatewayStep step : onHead) {
            step.apply(exchange);
            if (exchange.local() != null) {
                break;
            }
        }
        return exchange;
    }

    /** Object uploads stream; protocol bodies, and bodies no service has claimed yet, are buffered. */
    public BodyMode bodyMode(Exchange exchange) {
        ServiceRuntime service = exchange.service();
        if (exchange.local() != null || service == null) {
            return BodyMode.BUFFERED;
        }
        Request head = exchange.request();
        String contentType = String.valueOf(head.header("Content-Type")).toLowerCase(Locale.ROOT);
        if (contentType.startsWith("application/x-www-form-urlencoded") || contentType.contains("json")
                || head.header("X-Amz-Target") != null) {
            return BodyMode.BUFFERED;
        }
        return service.protocol() == Protocol.REST_XML ? BodyMode.STREAMED : BodyMode.BUFFERED;
    }

    /** The answer to a buffered body over the limit, in the protocol of the service it was for. */
    public Response tooLarge(Exchange exchange, long limit) {
        Protocol protocol = exchange.protocol() != null ? exchange.protocol()
                : ServiceRouter.protocolWithoutService(exchange.request());
        return errors.render(exchange, GatewayErrors.tooLarge(protocol, limit));
    }

    /** Runs the request's remaining steps once its body is here; blocking, so it runs on a worker thread. */
    public Response handle(Exchange exchange) {
        exchange.bodyArrived(true);
        if (exchange.local() != null) {
            return exchange.local().answer(exchange);
        }
        try {
            for (GatewayStep step : onRequest) {
                step.apply(exchange);
                if (exchange.response() != null) {
                    return exchange.response();
                }
            }
            throw new IllegalStateException("no step answered " + exchange.request());
        } catch (RuntimeException | Error e) {
            return errors.render(exchange, e);
        }
    }
}
