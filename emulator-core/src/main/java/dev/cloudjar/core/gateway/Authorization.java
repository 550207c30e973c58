package dev.cloudjar.core.gateway;

import dev.cloudjar.core.spi.OperationTable;

/**
 * The step that asks the {@link Authorizer} whether the caller may perform the operation's IAM
 * action on its resource. It follows parsing, as IAM needs the input to name the resource (the
 * bucket and key, the function), and precedes the handler, which may then assume it is allowed.
 */
final class Authorization implements GatewayStep {
    private final Authorizer authorizer;

    Authorization(Authorizer authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    public void apply(Exchange exchange) {
        OperationTable.Entry entry = exchange.entry();
        String resource = entry.resource() == null ? null : entry.resource().of(exchange.scope(), exchange.input());
        authorizer.authorize(new Authorizer.Request(exchange.caller().principal(), entry.iamAction(), resource,
                exchange.scope()), exchange.protocol());
    }
}
