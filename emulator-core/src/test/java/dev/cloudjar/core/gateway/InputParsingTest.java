package dev.cloudjar.core.gateway;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.protocol.Codecs;
import dev.cloudjar.core.protocol.OperationRoute;
import org.junit.jupiter.api.Test;

import static dev.cloudjar.core.gateway.GatewayFixtures.arrived;
import static dev.cloudjar.core.gateway.GatewayFixtures.echoRequest;
import static dev.cloudjar.core.gateway.GatewayFixtures.echoService;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InputParsingTest {
    private final ServiceRuntime echo = echoService();
    private final InputParsing step = new InputParsing(Codecs.standard());

    private Exchange routed(String body) {
        Exchange exchange = arrived(echoRequest("Echo", body));
        exchange.service(echo, Protocol.AWS_JSON_1_0);
        exchange.operation(OperationRoute.of(echo.model().operation("Echo")), echo.operations().entry("Echo"));
        return exchange;
    }

    @Test
    void theInputIsReadAgainstTheOperationsShape() {
        Exchange exchange = routed("{\"Message\":\"hello\"}");
        step.apply(exchange);
        assertEquals("hello", exchange.input().string("Message"));
    }

    @Test
    void aMissingRequiredMemberIsTheServicesValidationError() {
        AwsException e = assertThrows(AwsException.class, () -> step.apply(routed("{}")));
        assertEquals("ValidationException", e.code());
    }
}
