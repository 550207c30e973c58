package dev.cloudjar.core.gateway;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.protocol.Codecs;
import dev.cloudjar.core.protocol.OperationRoute;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.OperationHandler;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.TraceHeader;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static dev.cloudjar.core.gateway.GatewayFixtures.ALICE;
import static dev.cloudjar.core.gateway.GatewayFixtures.arrived;
import static dev.cloudjar.core.gateway.GatewayFixtures.echoRequest;
import static dev.cloudjar.core.gateway.GatewayFixtures.echoService;
import static dev.cloudjar.core.gateway.GatewayFixtures.now;
import static dev.cloudjar.core.gateway.GatewayFixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvocationTest {
    private static final TraceHeader TRACE = new TraceHeader("1-5759e988-bd862e3fe1be46a994272793", null, "0");

    private final Codecs codecs = Codecs.standard();
    private final Invocation step = new Invocation(codecs, new ErrorRenderer(codecs), Clock.fixed(now(), ZoneOffset.UTC));
    private final ServiceRuntime echo = echoService();

    private Exchange ready(OperationHandler handler) {
        Exchange exchange = arrived(echoRequest("Echo", "{}", "Host", "localhost:4566"));
        exchange.service(echo, Protocol.AWS_JSON_1_0);
        exchange.caller(new Authenticator.Caller(ALICE, "eu-west-1"), new Scope("111122223333", "eu-west-1"));
        exchange.operation(OperationRoute.of(echo.model().operation("Echo")),
                new OperationTable("echo").on("Echo", handler).entry("Echo"));
        exchange.input(new Input(Map.of("Message", "hi")));
        exchange.trace(TRACE);
        return exchange;
    }

    @Test
    void theHandlerGetsTheContextTheStepsFoundAndItsOutputIsWrittenInTheProtocol() {
        AtomicReference<RequestContext> seen = new AtomicReference<>();
        Exchange exchange = ready((context, input) -> {
            seen.set(context);
            return Output.of("Message", input.string("Message"));
        });
        step.apply(exchange);
        assertEquals(new RequestContext("req-1", "echo", "Echo", new Scope("111122223333", "eu-west-1"), ALICE,
                "http://localhost:4566", now(), TRACE), seen.get());
        Response response = exchange.response();
        assertEquals(200, response.status());
        assertEquals("{\"Message\":\"hi\"}", text(response));
        assertEquals("req-1", response.headers().first("x-amzn-RequestId"));
    }

    @Test
    void headersOfTheOutputAndOfEarlierStepsJoinTheCodecsOwn() {
        Exchange exchange = ready((context, input) -> Output.empty().header("Access-Control-Allow-Origin", "*"));
        exchange.responseHeader("X-Amzn-Trace-Id", TRACE.toString());
        step.apply(exchange);
        assertEquals("*", exchange.response().headers().first("Access-Control-Allow-Origin"));
        assertEquals(TRACE.toString(), exchange.response().headers().first("X-Amzn-Trace-Id"));
    }

    @Test
    void anOutputGivenLaterIsWrittenWhenItCompletesAndItsFailureInTheProtocol() {
        CompletableFuture<Output> later = new CompletableFuture<>();
        Exchange exchange = ready((context, input) -> Output.later(later));
        step.apply(exchange);
        later.completeExceptionally(new AwsException("EchoFailed", 400, "no echo"));
        Response response = exchange.response().pending().toCompletableFuture().join();
        assertEquals(400, response.status());
        assertTrue(text(response).contains("EchoFailed"), text(response));
    }
}
