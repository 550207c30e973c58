package dev.cloudjar.core.gateway;

import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.TraceHeader;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;

import static dev.cloudjar.core.gateway.GatewayFixtures.arrived;
import static dev.cloudjar.core.gateway.GatewayFixtures.echoRequest;
import static dev.cloudjar.core.gateway.GatewayFixtures.now;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TracingTest {
    private static final String SENT = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    private final Tracing step = new Tracing(Clock.fixed(now(), ZoneOffset.UTC));
    private final OperationTable table = new OperationTable("echo")
            .on("Echo", (c, i) -> Output.empty())
            .on("Invoke", (c, i) -> Output.empty(), OperationTable.Declaration.none().withTraceHeaderEcho());

    private Exchange traced(String operation, String... headers) {
        Exchange exchange = arrived(echoRequest(operation, "{}", headers));
        exchange.operation(null, table.entry(operation));
        step.apply(exchange);
        return exchange;
    }

    @Test
    void aValidIncomingTraceHeaderIsTheRequestsTrace() {
        TraceHeader trace = traced("Echo", "X-Amzn-Trace-Id", SENT).trace();
        assertEquals(new TraceHeader("1-5759e988-bd862e3fe1be46a994272793", "53995c3f42cd8ad8", "1"), trace);
    }

    @Test
    void withoutOneOrWithAnInvalidOneANewUnsampledTraceStartsNow() {
        for (String[] headers : new String[][]{{}, {"X-Amzn-Trace-Id", "Root=2-nope"}}) {
            TraceHeader trace = traced("Echo", headers).trace();
            assertTrue(trace.root().matches("1-" + Long.toHexString(now().getEpochSecond()) + "-[0-9a-f]{24}"),
                    trace.root());
            assertNull(trace.parent());
            assertEquals("0", trace.sampled());
        }
    }

    @Test
    void theAnswerCarriesTheHeaderOnlyWhereTheOperationDeclaresAwsSendsIt() {
        assertTrue(traced("Echo", "X-Amzn-Trace-Id", SENT).responseHeaders().isEmpty());
        assertEquals(SENT, traced("Invoke", "X-Amzn-Trace-Id", SENT).responseHeaders().get("X-Amzn-Trace-Id"));
    }
}
