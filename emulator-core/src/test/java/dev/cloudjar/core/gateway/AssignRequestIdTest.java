package dev.cloudjar.core.gateway;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.cloudjar.core.gateway.GatewayFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class AssignRequestIdTest {
    private final AssignRequestId step = new AssignRequestId();

    private String idOf() {
        Exchange exchange = new Exchange(request("GET", "/"));
        step.apply(exchange);
        return exchange.requestId();
    }

    @Test
    void everyRequestGetsARandomUuidAsAwsJsonAndQueryServicesWriteIt() {
        UUID id = UUID.fromString(idOf());
        assertEquals(4, id.version());
        assertEquals(2, id.variant());
    }

    @Test
    void twoRequestsGetTwoIds() {
        assertNotEquals(idOf(), idOf());
    }
}
