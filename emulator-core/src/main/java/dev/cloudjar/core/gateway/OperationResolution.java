package dev.cloudjar.core.gateway;

import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.protocol.Codecs;
import dev.cloudjar.core.protocol.OperationRoute;
import dev.cloudjar.core.spi.OperationTable;

/**
 * The step that finds the operation and its URI labels, once (the codec matches the path against
 * the model's patterns here and nowhere else), and the service's entry for it. An operation the
 * model has but the service does not implement is answered as AWS answers an unknown one.
 */
final class OperationResolution implements GatewayStep {
    private final Codecs codecs;

    OperationResolution(Codecs codecs) {
        this.codecs = codecs;
    }

    @Override
    public void apply(Exchange exchange) {
        ServiceRuntime service = exchange.service();
        ServiceModel model = service.model();
        OperationRoute route = codecs.forProtocol(exchange.protocol()).route(model, exchange.request());
        OperationTable.Entry entry = service.operations().entry(route.operation().name());
        // Recorded even when not implemented: the error is rendered against the operation's model.
        exchange.operation(route, entry);
        if (entry == null) {
            throw GatewayErrors.notImplemented(exchange.protocol(), model.serviceName(), route.operation().name());
        }
    }
}
