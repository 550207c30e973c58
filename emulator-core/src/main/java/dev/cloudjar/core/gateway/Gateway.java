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
 * The request path as ordered steps, each one concern: request id → host check → local routes (admin, raw)
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
    /** The index in {@link #onRequest} of the first step that reads the body. */
    private final int firstBodyStep;
    private final ErrorRenderer errors;
    /** Null in step tests, where every body may take the server's limit. */
    private final Authenticator authenticator;
    /**
     * The most an unsigned protocol body may be. The operations that take no signature (Cognito's
     * sign-up and sign-in, STS's web-identity and SAML role assumption) take at most ~100 KB (a
     * SAML assertion), so an unsigned body past this is refused before it is kept anywhere.
     */
    static final long UNSIGNED_BODY_LIMIT = 1024 * 1024;

    public Gateway(List<ServiceRuntime> services, Authenticator authenticator, Authorizer authorizer, Codecs codecs,
                   AdminRoutes admin, List<RawRoute> rawRoutes, HostNames hosts, String defaultRegion, Clock clock) {
        this.errors = new ErrorRenderer(codecs);
        ServiceRouting serviceRouting = new ServiceRouting(new ServiceRouter(services, authenticator));
        this.onHead = List.of(new AssignRequestId(), new HostCheck(hosts, errors),
                new LocalRoutes(admin, rawRoutes, errors),
                new HostRouting(services), serviceRouting);
        this.onRequest = List.of(serviceRouting, new Authentication(authenticator, defaultRegion),
                new OperationResolution(codecs), new AnonymousAccess(), new InputParsing(codecs),
                new Authorization(authorizer), new Tracing(clock), new Invocation(codecs, errors, clock));
        this.firstBodyStep = firstBodyStep(onRequest);
        this.authenticator = authenticator;
    }

    /**
     * @param onHead    steps that need only the request's head; a local route ends them
     * @param onRequest steps for the whole request; the first to give the exchange a response ends them
     */
    Gateway(List<GatewayStep> onHead, List<GatewayStep> onRequest, ErrorRenderer errors) {
        this.onHead = List.copyOf(onHead);
        this.onRequest = List.copyOf(onRequest);
        this.firstBodyStep = firstBodyStep(this.onRequest);
        this.errors = errors;
        this.authenticator = null;
    }

    private static int firstBodyStep(List<GatewayStep> steps) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).needsBody()) {
                return i;
            }
        }
        return steps.size();
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

    /** The largest buffered body this request may send: the server's limit, less for an unsigned one. */
    public long bodyLimit(Exchange exchange, long serverLimit) {
        if (exchange.local() != null || authenticator == null
                || authenticator.signingService(exchange.request()) != null) {
            return serverLimit;
        }
        return Math.min(serverLimit, UNSIGNED_BODY_LIMIT);
    }

    /** The answer to a buffered body over the limit, in the protocol of the service it was for. */
    public Response tooLarge(Exchange exchange, long limit) {
        return errors.render(exchange, GatewayErrors.tooLarge(ErrorRenderer.protocolOf(exchange), limit));
    }

    /** The answer to a body the client stopped sending: S3's RequestTimeout, in the request's protocol. */
    public Response requestTimeout(Exchange exchange) {
        return errors.render(exchange, GatewayErrors.requestTimeout());
    }

    /**
     * The answer to a request that needs no worker thread, computed on the event loop from the
     * head alone, or null. The health check is one: it must answer while every worker is busy.
     */
    public Response immediate(Exchange exchange) {
        return exchange.localAtOnce() ? exchange.local().answer(exchange) : null;
    }

    /**
     * Runs the whole-request steps that need only the head (service routing, authentication,
     * operation resolution, anonymous access), before an object upload's body is read: a refusal
     * is answered without reading it. Null when the request may go on; its body is then read and
     * {@link #handle} runs the remaining steps. Blocking (credentials may come from storage), so it
     * runs on a worker thread.
     */
    public Response prepare(Exchange exchange) {
        if (exchange.local() != null) {
            return null;
        }
        try {
            Response answer = run(exchange, 0, firstBodyStep);
            exchange.nextStep(firstBodyStep);
            return answer;
        } catch (RuntimeException | Error e) {
            return errors.render(exchange, e);
        }
    }

    /** Runs the request's remaining steps once its body is here; blocking, so it runs on a worker thread. */
    public Response handle(Exchange exchange) {
        exchange.bodyArrived(true);
        if (exchange.local() != null) {
            return exchange.local().answer(exchange);
        }
        try {
            Response answer = run(exchange, exchange.nextStep(), onRequest.size());
            if (answer == null) {
                throw new IllegalStateException("no step answered " + exchange.request());
            }
            return answer;
        } catch (RuntimeException | Error e) {
            return errors.render(exchange, e);
        }
    }

    private Response run(Exchange exchange, int from, int to) {
        for (int i = from; i < to; i++) {
            onRequest.get(i).apply(exchange);
            if (exchange.response() != null) {
                return exchange.response();
            }
        }
        return null;
    }
}
