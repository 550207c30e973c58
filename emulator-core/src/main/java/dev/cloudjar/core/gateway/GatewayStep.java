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

    /**
     * Whether the step reads the request's body. The steps before the first one that does run as
     * soon as the head is here for an object upload, so a request refused by them (a bad
     * signature, an unknown operation) is answered before its body is read.
     */
    default boolean needsBody() {
        return false;
    }
}
