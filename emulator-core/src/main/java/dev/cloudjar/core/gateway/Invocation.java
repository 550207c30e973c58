package dev.cloudjar.core.gateway;

import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.model.OperationModel;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.protocol.Codecs;
import dev.cloudjar.core.protocol.ProtocolCodec;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;

import java.time.Clock;

/**
 * The last step: runs the operation's handler with what the steps before found, and writes its
 * output in the request's protocol. A handler that answers later (a long poll) gets its answer,
 * or its failure, written when it completes, without holding a worker meanwhile.
 */
final class Invocation implements GatewayStep {
    private final Codecs codecs;
    private final ErrorRenderer errors;
    private final Clock clock;

    Invocation(Codecs codecs, ErrorRenderer errors, Clock clock) {
        this.codecs = codecs;
        this.errors = errors;
        this.clock = clock;
    }

    @Override
    public void apply(Exchange exchange) {
        ServiceRuntime service = exchange.service();
        OperationModel operation = exchange.route().operation();
        RequestContext context = new RequestContext(exchange.requestId(), service.name(), operation.name(),
                exchange.scope(), exchange.caller().principal(), endpoint(exchange.request()), clock.instant(),
                exchange.trace());
        Output output = exchange.entry().handler().handle(context, exchange.input());
        if (output.pending() != null) {
            exchange.respond(Response.later(output.pending().handle((later, failure) -> failure == null
                    ? write(exchange, later) : errors.render(exchange, failure))));
        } else {
            exchange.respond(write(exchange, output));
        }
    }

    private Response write(Exchange exchange, Output output) {
        ServiceModel model = exchange.service().model();
        ProtocolCodec codec = codecs.forProtocol(exchange.protocol());
        Response response = codec.write(model, exchange.route().operation(), output, exchange.requestId());
        output.headers().forEach(response.headers()::set);
        exchange.responseHeaders().forEach(response.headers()::set);
        return response;
    }

    private static String endpoint(Request request) {
        String host = request.header("Host");
        return "http://" + (host == null ? "localhost" : host);
    }
}
