package dev.cloudjar.core.gateway;

import dev.cloudjar.core.spi.TraceHeader;

import java.time.Clock;

/**
 * The step that puts the request in an X-Ray trace: the client's X-Amzn-Trace-Id when it is
 * valid, else a new one, handed to the handler (and by it to whatever it calls). The answer
 * carries the header only where the operation declares that AWS sends it (Lambda's Invoke);
 * most AWS answers have none, and SDKs see no extra headers there.
 */
final class Tracing implements GatewayStep {
    private final Clock clock;

    Tracing(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void apply(Exchange exchange) {
        TraceHeader trace = TraceHeader.parse(exchange.request().header(TraceHeader.NAME));
        if (trace == null) {
            trace = TraceHeader.create(clock.instant());
        }
        exchange.trace(trace);
        if (exchange.entry().echoesTraceHeader()) {
            exchange.responseHeader(TraceHeader.NAME, trace.toString());
        }
    }
}
