package dev.cloudjar.core.gateway;

import dev.cloudjar.core.protocol.Codecs;

/**
 * The step that reads the operation's input from the request and validates it against the
 * model, with the labels operation resolution found: the codec's work, in the service's errors.
 */
final class InputParsing implements GatewayStep {
    private final Codecs codecs;

    InputParsing(Codecs codecs) {
        this.codecs = codecs;
    }

    @Override
    public boolean needsBody() {
        return true;
    }

    @Override
    public void apply(Exchange exchange) {
        exchange.input(codecs.forProtocol(exchange.protocol())
                .parse(exchange.service().model(), exchange.route(), exchange.request()));
    }
}
