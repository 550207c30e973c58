package dev.cloudjar.core.gateway;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.model.OperationModel;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.protocol.Codecs;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * The one place a failure on the request path becomes an answer, in the protocol the client
 * speaks: its service's codec renders it against the service's model. A request that reached no
 * service is rendered by the codec of the protocol its form shows, against a model that declares
 * nothing, so that a JSON client reads a JSON error. Anything that is not an
 * {@link AwsException} is Cloudjar's fault: logged, and answered as the protocol's internal error.
 */
final class ErrorRenderer {
    private static final System.Logger LOG = System.getLogger(ErrorRenderer.class.getName());

    private final Codecs codecs;
    /** By protocol, a model of no operations; built on the first error that needs one. */
    private final Map<Protocol, ServiceModel> noService = new EnumMap<>(Protocol.class);

    ErrorRenderer(Codecs codecs) {
        this.codecs = codecs;
    }

    /** The answer to a failure of the exchange's request, at whichever step it failed. */
    /** The protocol the request speaks: its service's, or, before one is known, the one its form shows. */
    static Protocol protocolOf(Exchange exchange) {
        return exchange.protocol() != null ? exchange.protocol()
                : ServiceRouter.protocolWithoutService(exchange.request());
    }

    Response render(Exchange exchange, Throwable failure) {
        Protocol protocol = protocolOf(exchange);
        AwsException error = asAwsException(failure, protocol, exchange);
        ServiceModel model = exchange.service() != null ? exchange.service().model() : noService(protocol);
        OperationModel operation = exchange.route() == null ? null : exchange.route().operation();
        try {
            return codecs.forProtocol(protocol).writeError(model, operation, error, exchange.requestId());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot render error " + error.code() + " for request "
                    + exchange.requestId(), e);
            return plain(500, "InternalError", "We encountered an internal error. Please try again.");
        }
    }

    private static AwsException asAwsException(Throwable failure, Protocol protocol, Exchange exchange) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof AwsException e) {
            return e;
        }
        LOG.log(System.Logger.Level.ERROR, "request " + exchange.requestId() + " (" + exchange.request()
                + ") failed", cause);
        return GatewayErrors.internal(protocol);
    }

    /**
     * An error outside every AWS protocol (a raw route's, or when rendering itself failed), in
     * S3's plain XML form, which S3 is the fallback for.
     */
    Response plain(int status, String code, String message) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + message + "</Message></Error>";
        return Response.of(status, "application/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A model with a service shape and nothing else. restXml's says noErrorWrapping, for S3's
     * {@code <Error>} form; awsQuery's names a namespace, which its error element carries.
     */
    private synchronized ServiceModel noService(Protocol protocol) {
        return noService.computeIfAbsent(protocol, p -> {
            String traits = "\"" + p.traitId() + "\": " + (p == Protocol.REST_XML ? "{\"noErrorWrapping\": true}" : "{}")
                    + ", \"smithy.api#xmlNamespace\": {\"uri\": \"https://cloudjar.dev/doc/\"}";
            String ast = "{\"smithy\": \"2.0\", \"shapes\": {\"dev.cloudjar#NoService\": {\"type\": \"service\","
                    + " \"version\": \"\", \"traits\": {" + traits + "}}}}";
            return ServiceModel.load(new ByteArrayInputStream(ast.getBytes(StandardCharsets.UTF_8)));
        });
    }
}
