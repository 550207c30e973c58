package dev.cloudjar.core.gateway;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.protocol.OperationRoute;
import dev.cloudjar.core.spi.Principal;
import dev.cloudjar.core.spi.Scope;
import org.junit.jupiter.api.Test;

import static dev.cloudjar.core.gateway.GatewayFixtures.ALICE;
import static dev.cloudjar.core.gateway.GatewayFixtures.arrived;
import static dev.cloudjar.core.gateway.GatewayFixtures.echoRequest;
import static dev.cloudjar.core.gateway.GatewayFixtures.echoService;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AnonymousAccessTest {
    private final ServiceRuntime echo = echoService();

    private Exchange call(String operation, Principal caller) {
        Exchange exchange = arrived(echoRequest(operation, "{}"));
        exchange.service(echo, Protocol.AWS_JSON_1_0);
        exchange.caller(new Authenticator.Caller(caller, null), new Scope(caller.accountId(), "us-east-1"));
        exchange.operation(OperationRoute.of(echo.model().operation(operation)), echo.operations().entry(operation));
        return exchange;
    }

    @Test
    void anUnsignedRequestToAnOperationThatNeedsASignatureIsMissingItsToken() {
        AwsException e = assertThrows(AwsException.class,
                () -> new AnonymousAccess().apply(call("Echo", Principal.anonymous("000000000000"))));
        assertEquals("MissingAuthenticationTokenException", e.code());
    }

    @Test
    void anOperationModelledWithOptionalAuthMayGoUnsigned() {
        assertDoesNotThrow(() -> new AnonymousAccess().apply(call("Ping", Principal.anonymous("000000000000"))));
    }

    @Test
    void aSignedRequestPasses() {
        assertDoesNotThrow(() -> new AnonymousAccess().apply(call("Echo", ALICE)));
    }
}
