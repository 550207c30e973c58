package dev.cloudjar.core.gateway;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.model.OperationModel;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.protocol.Codecs;
import dev.cloudjar.core.protocol.OperationRoute;
import dev.cloudjar.core.protocol.ProtocolCodec;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.OperationHandler;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RawRoute;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * The chain every request passes, off the event loop: request id → raw and admin routes →
 * service (and the protocol the request speaks) → SigV4 → scope → operation → codec parse →
 * handler → codec write. Every failure is answered in that protocol; nothing unexpected leaks to
 * the client.
 */
public final class Gateway {
    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

    /** How the server should receive a request's body. */
    public enum BodyMode { BUFFERED, STREAMED }

    private final ServiceRouter router;
    private final Authenticator authenticator;
    private final Codecs codecs;
    private final AdminRoutes admin;
    private final List<RawRoute> rawRoutes;
    private final String defaultRegion;
    private final Clock clock;

    public Gateway(List<ServiceRuntime> services, Authenticator authenticator, Codecs codecs,
                   AdminRoutes admin, List<RawRoute> rawRoutes, String defaultRegion, Clock clock) {
        this.router = new ServiceRouter(services, authenticator);
        this.authenticator = authenticator;
        this.codecs = codecs;
        this.admin = admin;
        this.rawRoutes = List.copyOf(rawRoutes);
        this.defaultRegion = defaultRegion;
        this.clock = clock;
    }

    /** Decided from the request head alone: object uploads stream, protocol bodies are buffered. */
    public BodyMode bodyMode(Request head) {
        if (admin.matches(head) || rawRoute(head) != null) {
            return BodyMode.BUFFERED;
        }
        return router.streamsBody(head) ? BodyMode.STREAMED : BodyMode.BUFFERED;
    }

    /** The answer to a buffered body over the limit, in the protocol of the service it was for. */
    public Response tooLarge(Request head, long limit) {
        ServiceRuntime service = router.route(head);
        String requestId = RequestIds.next();
        if (service == null) {
            return noService(413, "RequestEntityTooLarge", "Request size exceeded " + limit + " bytes");
        }
        Protocol protocol = ServiceRouter.protocol(service, head);
        return error(service, protocol, null, GatewayErrors.tooLarge(protocol, limit), requestId);
    }

    /** Handles one request; blocking, so it runs on a worker thread. */
    public Response handle(Request request) {
        String requestId = RequestIds.next();
        RawRoute raw = rawRoute(request);
        if (raw != null) {
            return handleRaw(raw, request, requestId);
        }
        if (admin.matches(request)) {
            return admin.handle(request);
        }
        ServiceRuntime service = router.route(request);
        if (service == null) {
            return noService(400, "InvalidRequest", "Cloudjar has no service that answers this request.");
        }
        Protocol protocol = ServiceRouter.protocol(service, request);
        OperationModel operation = null;
        try {
            Authenticator.Caller caller = authenticator.authenticate(request, protocol);
            String region = caller.region() == null ? defaultRegion : caller.region();
            Scope scope = new Scope(caller.principal().accountId(), region);
            ServiceModel model = service.model();
            ProtocolCodec codec = codecs.forProtocol(protocol);
            OperationRoute route = codec.route(model, request);
            operation = route.operation();
            OperationHandler handler = service.handler(operation.name());
            if (handler == null) {
                throw GatewayErrors.notImplemented(protocol, model.serviceName(), operation.name());
            }
            if (caller.isAnonymous() && !allowsAnonymous(operation)) {
                throw GatewayErrors.missingAuthentication(protocol);
            }
            Input input = codec.parse(model, route, request);
            RequestContext context = new RequestContext(requestId, service.name(), operation.name(), scope,
                    caller.principal(), endpoint(request), clock.instant());
            Output output = handler.handle(context, input);
            if (output.pending() != null) {
                OperationModel op = operation;
                return Response.later(output.pending().handle((later, failure) -> failure == null
                        ? codec.write(model, op, later, requestId)
                        : error(service, protocol, op, asAwsException(failure, protocol, requestId, request), requestId)));
            }
            Response response = codec.write(model, operation, output, requestId);
            output.headers().forEach(response.headers()::set);
            return response;
        } catch (AwsException e) {
            return error(service, protocol, operation, e, requestId);
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "request " + requestId + " (" + request + ") failed", e);
            return error(service, protocol, operation, GatewayErrors.internal(protocol), requestId);
        }
    }

    /** A failure of a handler that answered later (long polls): AWS errors pass, others are logged. */
    private static AwsException asAwsException(Throwable failure, Protocol protocol, String requestId, Request request) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof AwsException e) {
            return e;
        }
        LOG.log(System.Logger.Level.ERROR, "request " + requestId + " (" + request + ") failed", cause);
        return GatewayErrors.internal(protocol);
    }

    private Response error(ServiceRuntime service, Protocol protocol, OperationModel operation, AwsException e,
                           String requestId) {
        try {
            return codecs.forProtocol(protocol).writeError(service.model(), operation, e, requestId);
        } catch (RuntimeException failure) {
            LOG.log(System.Logger.Level.ERROR, "cannot render error " + e.code() + " for request " + requestId, failure);
            return noService(500, "InternalError", "We encountered an internal error. Please try again.");
        }
    }

    /** Operations modelled without authentication (Cognito's InitiateAuth, STS's AssumeRoleWithWebIdentity). */
    private static boolean allowsAnonymous(OperationModel operation) {
        if (operation.traits().has("optionalAuth")) {
            return true;
        }
        var auth = operation.traits().get("auth");
        return auth != null && auth.isArray() && auth.isEmpty();
    }

    private RawRoute rawRoute(Request request) {
        for (RawRoute route : rawRoutes) {
            if (route.matches().test(request)) {
                return route;
            }
        }
        return null;
    }

    private static Response handleRaw(RawRoute route, Request request, String requestId) {
        try {
            return route.handler().handle(request);
        } catch (AwsException e) {
            return noService(e.status(), e.code(), e.getMessage());
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "request " + requestId + " to " + route.description() + " failed", e);
            return noService(500, "InternalError", "We encountered an internal error. Please try again.");
        }
    }

    private static String endpoint(Request request) {
        String host = request.header("Host");
        return "http://" + (host == null ? "localhost" : host);
    }

    /** An error outside any service's protocol (S3's plain XML form, which S3 is the fallback for). */
    private static Response noService(int status, String code, String message) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + message + "</Message></Error>";
        return Response.of(status, "application/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

}
