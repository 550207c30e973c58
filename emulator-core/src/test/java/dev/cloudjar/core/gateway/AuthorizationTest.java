package dev.cloudjar.core.gateway;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.protocol.OperationRoute;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.Scope;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.core.gateway.GatewayFixtures.ALICE;
import static dev.cloudjar.core.gateway.GatewayFixtures.arrived;
import static dev.cloudjar.core.gateway.GatewayFixtures.echoRequest;
import static dev.cloudjar.core.gateway.GatewayFixtures.echoService;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AuthorizationTest {
    private final ServiceRuntime echo = echoService();
    private final List<Authorizer.Request> asked = new ArrayList<>();

    private Exchange parsed(OperationTable.Entry entry) {
        Exchange exchange = arrived(echoRequest("Echo", "{\"Message\":\"m\"}"));
        exchange.service(echo, Protocol.AWS_JSON_1_0);
        exchange.caller(new Authenticator.Caller(ALICE, "eu-west-1"), new Scope("111122223333", "eu-west-1"));
        exchange.operation(OperationRoute.of(echo.model().operation("Echo")), entry);
        exchange.input(new Input(Map.of("Message", "m")));
        return exchange;
    }

    private void authorize(OperationTable.Entry entry) {
        new Authorization((request, protocol) -> asked.add(request)).apply(parsed(entry));
    }

    @Test
    void untilIamIsEnforcedEveryRequestIsAllowed() {
        assertDoesNotThrow(() -> new Authorization(Authorizer.ALLOW_ALL).apply(parsed(echo.operations().entry("Echo"))));
    }

    @Test
    void theActionIsTheSigningNameAndOperationUnlessDeclaredAndTheResourceIsOptional() {
        authorize(echo.operations().entry("Echo"));
        Authorizer.Request request = asked.get(0);
        assertEquals(ALICE, request.principal());
        assertEquals("echo:Echo", request.action());
        assertNull(request.resource());
    }

    @Test
    void anEntryDeclaresItsResourceArnFromScopeAndInputAndMayNameItsOwnAction() {
        OperationTable table = new OperationTable("echo").on("Echo", (c, i) -> Output.empty(),
                OperationTable.Declaration.none().withIamAction("echo:Say")
                        .withResource((scope, input) -> "arn:aws:echo:" + scope.region() + ":" + scope.accountId()
                                + ":message/" + input.string("Message")));
        authorize(table.entry("Echo"));
        assertEquals("echo:Say", asked.get(0).action());
        assertEquals("arn:aws:echo:eu-west-1:111122223333:message/m", asked.get(0).resource());
    }

    @Test
    void aDenialEndsTheRequestWithTheAuthorizersError() {
        Authorizer denyAll = (request, protocol) -> {
            throw new AwsException("AccessDeniedException", 400, "User is not authorized to perform: " + request.action());
        };
        AwsException e = assertThrows(AwsException.class,
                () -> new Authorization(denyAll).apply(parsed(echo.operations().entry("Echo"))));
        assertEquals("AccessDeniedException", e.code());
    }
}
