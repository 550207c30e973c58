package dev.cloudjar.core.gateway;

import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.spi.Scope;
import org.junit.jupiter.api.Test;

import static dev.cloudjar.core.gateway.GatewayFixtures.ALICE;
import static dev.cloudjar.core.gateway.GatewayFixtures.arrived;
import static dev.cloudjar.core.gateway.GatewayFixtures.echoRequest;
import static dev.cloudjar.core.gateway.GatewayFixtures.signedAs;
import static dev.cloudjar.core.gateway.GatewayFixtures.unsigned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthenticationTest {
    private static Exchange authenticated(Authenticator authenticator) {
        Exchange exchange = arrived(echoRequest("Echo", "{}"));
        exchange.protocol(Protocol.AWS_JSON_1_0);
        new Authentication(authenticator, "eu-central-1").apply(exchange);
        return exchange;
    }

    @Test
    void aSignedRequestIsScopedToTheCallersAccountAndTheRegionItSignedFor() {
        Exchange exchange = authenticated(signedAs(ALICE, "ap-south-1"));
        assertSame(ALICE, exchange.caller().principal());
        assertEquals(new Scope("111122223333", "ap-south-1"), exchange.scope());
    }

    @Test
    void anUnsignedRequestIsScopedToTheDefaultRegion() {
        Exchange exchange = authenticated(unsigned());
        assertTrue(exchange.caller().isAnonymous());
        assertEquals(new Scope("000000000000", "eu-central-1"), exchange.scope());
    }
}
