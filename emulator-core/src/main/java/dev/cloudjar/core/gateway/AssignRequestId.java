package dev.cloudjar.core.gateway;

/**
 * The first step: every answer, an error too, names its request by an id (x-amzn-RequestId,
 * S3's x-amz-request-id), given when the head arrives so that an early answer (a body over the
 * limit) has one as well.
 */
final class AssignRequestId implements GatewayStep {
    @Override
    public void apply(Exchange exchange) {
        exchange.requestId(RequestIds.next());
    }
}
