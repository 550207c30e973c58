package dev.cloudjar.core.gateway;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.protocol.Codecs;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.cloudjar.core.gateway.GatewayFixtures.arrived;
import static dev.cloudjar.core.gateway.GatewayFixtures.echoRequest;
import static dev.cloudjar.core.gateway.GatewayFixtures.echoService;
import static dev.cloudjar.core.gateway.GatewayFixtures.request;
import static dev.cloudjar.core.gateway.GatewayFixtures.s3LikeService;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OperationResolutionTest {
    private final OperationResolution step = new OperationResolution(Codecs.standard());

    @Test
    void theTargetNamesTheOperationAndItsEntry() {
        Exchange exchange = arrived(echoRequest("Echo", "{}"));
        exchange.service(echoService(), Protocol.AWS_JSON_1_0);
        step.apply(exchange);
        assertEquals("Echo", exchange.route().operation().name());
        assertEquals("echo:Echo", exchange.entry().iamAction());
    }

    @Test
    void anS3RequestsLabelsAreResolvedWithItsOperationFromTheVirtualHost() {
        Exchange exchange = arrived(request("GET", "/dir/a%20b.txt", "Host", "photos.localhost:4566"));
        exchange.service(s3LikeService(), Protocol.REST_XML);
        step.apply(exchange);
        assertEquals("GetObject", exchange.route().operation().name());
        assertEquals(Map.of("Bucket", "photos", "Key", "dir/a b.txt"), exchange.route().labels());
    }

    @Test
    void aModelledOperationTheServiceDoesNotImplementIsAnUnknownOperation() {
        Exchange exchange = arrived(echoRequest("Unimplemented", "{}"));
        exchange.service(echoService(), Protocol.AWS_JSON_1_0);
        AwsException e = assertThrows(AwsException.class, () -> step.apply(exchange));
        assertEquals("UnknownOperationException", e.code());
        assertEquals("Unimplemented", exchange.route().operation().name());
        assertNull(exchange.entry());
    }

    @Test
    void anOperationTheModelLacksIsTheCodecsUnknownOperation() {
        Exchange exchange = arrived(echoRequest("Nope", "{}"));
        exchange.service(echoService(), Protocol.AWS_JSON_1_0);
        assertEquals("UnknownOperationException",
                assertThrows(AwsException.class, () -> step.apply(exchange)).code());
    }
}
