package dev.cloudjar.core.gateway;

/**
 * One concern of the request path (OkHttp's interceptors, Armeria's decorators): it reads what
 * the steps before it put on the exchange and adds its own finding. A step ends the request by
 * throwing an {@link dev.cloudjar.core.error.AwsException}, which the gateway answers in the
 * request's protocol, or by giving the exchange its response.
 */
@FunctionalInterface
interface GatewayStep {
    void apply(Exchange exchange);
}
