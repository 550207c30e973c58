package dev.cloudjar.core.gateway;

import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.spi.ServiceDescriptor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.cloudjar.core.gateway.GatewayFixtures.arrived;
import static dev.cloudjar.core.gateway.GatewayFixtures.request;
import static dev.cloudjar.core.gateway.GatewayFixtures.s3LikeService;
import static dev.cloudjar.core.gateway.GatewayFixtures.unsigned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class HostRoutingTest {
    /** A stand-in for API Gateway: no such service exists yet, only its host pattern matters here. */
    private final ServiceRuntime apis = GatewayFixtures.echoService(new ServiceDescriptor("apis", "execute-api",
            Protocol.REST_JSON_1, "dev/cloudjar/core/gateway/echo-service.json", null, List.of(), false, List.of(),
            List.of("*.execute-api.localhost", "*.execute-api.*.amazonaws.com")));
    private final ServiceRuntime s3 = s3LikeService();
    private final HostRouting step = new HostRouting(List.of(s3, apis));

    private Exchange routed(String host) {
        Exchange exchange = arrived(request("GET", "/prod/pets", "Host", host));
        step.apply(exchange);
        return exchange;
    }

    @Test
    void anExecuteApiHostReachesTheServiceThatRegisteredIt() {
        Exchange exchange = routed("a1b2c3.execute-api.localhost:4566");
        assertSame(apis, exchange.service());
        assertEquals(Protocol.REST_JSON_1, exchange.protocol());
    }

    @Test
    void aPatternMatchesAnyOneLabelWhereItSaysStar() {
        assertSame(apis, routed("a1b2c3.execute-api.eu-west-1.amazonaws.com").service());
        assertSame(apis, routed("A1B2C3.Execute-Api.LOCALHOST").service());
    }

    @Test
    void hostsNoPatternMatchesAreLeftToServiceRouting() {
        assertNull(routed("bucket.localhost:4566").service());
        assertNull(routed("execute-api.localhost").service());
        assertNull(routed("a.b.execute-api.localhost").service());
        assertNull(routed("localhost:4566").service());
    }

    @Test
    void hostRoutingComesBeforeTheS3VirtualHostFallback() {
        ServiceRouting serviceRouting = new ServiceRouting(new ServiceRouter(List.of(s3, apis), unsigned()));
        Exchange viaHost = routed("a1b2c3.execute-api.localhost");
        serviceRouting.apply(viaHost);
        assertSame(apis, viaHost.service());

        Exchange bucket = routed("photos.localhost");
        serviceRouting.apply(bucket);
        assertSame(s3, bucket.service());
    }

    @Test
    void withoutRegisteredPatternsTheStepDoesNothing() {
        Exchange exchange = arrived(request("GET", "/", "Host", "a1b2c3.execute-api.localhost"));
        new HostRouting(List.of(s3)).apply(exchange);
        assertNull(exchange.service());
    }
}
