package dev.cloudjar.core.gateway;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.model.Protocol;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.cloudjar.core.gateway.GatewayFixtures.arrived;
import static dev.cloudjar.core.gateway.GatewayFixtures.echoRequest;
import static dev.cloudjar.core.gateway.GatewayFixtures.echoService;
import static dev.cloudjar.core.gateway.GatewayFixtures.request;
import static dev.cloudjar.core.gateway.GatewayFixtures.s3LikeService;
import static dev.cloudjar.core.gateway.GatewayFixtures.unsigned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceRoutingTest {
    private final ServiceRuntime echo = echoService();
    private final ServiceRuntime s3 = s3LikeService();
    private final ServiceRouting step = new ServiceRouting(new ServiceRouter(List.of(echo, s3), unsigned()));

    private static Exchange onHead(Request request) {
        return new Exchange(request);
    }

    @Test
    void theTargetPrefixNamesTheService() {
        Exchange exchange = arrived(echoRequest("Echo", "{}"));
        step.apply(exchange);
        assertSame(echo, exchange.service());
        assertEquals(Protocol.AWS_JSON_1_0, exchange.protocol());
    }

    @Test
    void theSigningNameNamesTheService() {
        Exchange exchange = arrived(request("GET", "/anything", "X-Test-Signing", "echo"));
        step.apply(exchange);
        assertSame(echo, exchange.service());
    }

    @Test
    void aBarePathFallsBackToS3() {
        Exchange exchange = onHead(request("GET", "/bucket/key"));
        step.apply(exchange);
        assertSame(s3, exchange.service());
    }

    @Test
    void aServiceHostRoutingFoundIsKept() {
        Exchange exchange = arrived(echoRequest("Echo", "{}"));
        exchange.service(s3, Protocol.REST_XML);
        step.apply(exchange);
        assertSame(s3, exchange.service());
    }

    @Test
    void anUnsignedFormPostWaitsForItsBodyToBeRouted() {
        Request request = new Request("POST", "/", Headers.of("Content-Type", "application/x-www-form-urlencoded"),
                RequestBody.EMPTY);
        Exchange exchange = onHead(request);
        step.apply(exchange);
        assertNull(exchange.service(), "not the S3 fallback before the Action is known");
    }

    @Test
    void anUnknownTargetIsAnsweredInJsonNamingWhatCloudjarDoesNotEmulate() {
        Request request = new Request("POST", "/", Headers.of("X-Amz-Target", "Kinesis_20131202.PutRecord",
                "Content-Type", "application/x-amz-json-1.1", "X-Test-Signing", "kinesis"), RequestBody.EMPTY);
        Exchange exchange = arrived(request);
        AwsException e = assertThrows(AwsException.class, () -> step.apply(exchange));
        assertEquals("UnknownOperationException", e.code());
        assertEquals(Protocol.AWS_JSON_1_1, exchange.protocol());
        assertTrue(e.getMessage().contains("'kinesis'") && e.getMessage().contains("Kinesis_20131202.PutRecord"),
                e.getMessage());
    }

    @Test
    void anUnknownQueryActionIsAnsweredInQueryNotByS3() {
        Request request = new Request("POST", "/", Headers.of("Content-Type", "application/x-www-form-urlencoded"),
                RequestBody.of("Action=Publish&Version=2010-03-31".getBytes(StandardCharsets.UTF_8)));
        Exchange exchange = arrived(request);
        AwsException e = assertThrows(AwsException.class, () -> step.apply(exchange));
        assertEquals("InvalidAction", e.code());
        assertEquals(Protocol.AWS_QUERY, exchange.protocol());
        assertTrue(e.getMessage().contains("Publish"), e.getMessage());
    }

    @Test
    void onTheHeadAnUnknownServiceIsNotYetAnError() {
        Exchange exchange = onHead(request("POST", "/", "X-Amz-Target", "Kinesis_20131202.PutRecord"));
        step.apply(exchange);
        assertNull(exchange.service());
    }
}
