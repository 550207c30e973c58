package dev.cloudjar.core.gateway;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.protocol.Codecs;
import dev.cloudjar.core.spi.RawRoute;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static dev.cloudjar.core.gateway.GatewayFixtures.arrived;
import static dev.cloudjar.core.gateway.GatewayFixtures.request;
import static dev.cloudjar.core.gateway.GatewayFixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalRoutesTest {
    private static final AdminRoutes ADMIN = new AdminRoutes(new AdminRoutes.Server() {
        @Override
        public String version() {
            return "1";
        }

        @Override
        public String endpoint() {
            return "http://127.0.0.1:4566";
        }

        @Override
        public String dataDir() {
            return null;
        }

        @Override
        public List<ServiceRuntime> services() {
            return List.of();
        }

        @Override
        public void reset(String service) {
        }

        @Override
        public java.util.Optional<String> fireTimer(String id) {
            return java.util.Optional.empty();
        }

        @Override
        public java.time.Instant scheduleClock() {
            return java.time.Instant.EPOCH;
        }

        @Override
        public java.time.Instant moveScheduleClock(java.time.Instant to) {
            return to;
        }
    }, Clock.systemUTC());

    private final LocalRoutes step = new LocalRoutes(ADMIN, List.of(
            new RawRoute("runtime", r -> r.rawPath().startsWith("/runtime/"), r -> Response.of(200, "text/plain",
                    "next".getBytes())),
            new RawRoute("failing", r -> r.rawPath().equals("/fails"), r -> {
                throw new AwsException("ResourceNotFound", 404, "no such invocation");
            })), new ErrorRenderer(Codecs.standard()));

    private Exchange routed(String path) {
        Exchange exchange = arrived(request("GET", path, "Host", "127.0.0.1:4566"));
        step.apply(exchange);
        return exchange;
    }

    @Test
    void aRawRouteAnswersTheRequestItMatches() {
        Exchange exchange = routed("/runtime/invocation/next");
        assertEquals("next", text(exchange.local().answer(exchange)));
    }

    @Test
    void theAdminRoutesAnswerUnderTheirPrefix() {
        Exchange exchange = routed("/_cloudjar/health");
        Response health = exchange.local().answer(exchange);
        assertEquals(200, health.status());
        assertTrue(text(health).contains("\"status\":\"running\""), text(health));
    }

    @Test
    void anAwsRequestIsLeftToTheRoutingSteps() {
        assertNull(routed("/bucket/key").local());
    }

    @Test
    void aRawRoutesAwsErrorIsAnsweredWithItsStatusAndCode() {
        Exchange exchange = routed("/fails");
        assertNotNull(exchange.local());
        Response answer = exchange.local().answer(exchange);
        assertEquals(404, answer.status());
        assertTrue(text(answer).contains("<Code>ResourceNotFound</Code>"), text(answer));
    }
}
