package dev.cloudjar.core.gateway;

import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.protocol.Codecs;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import static dev.cloudjar.core.gateway.GatewayFixtures.echoRequest;
import static dev.cloudjar.core.gateway.GatewayFixtures.echoService;
import static dev.cloudjar.core.gateway.GatewayFixtures.now;
import static dev.cloudjar.core.gateway.GatewayFixtures.request;
import static dev.cloudjar.core.gateway.GatewayFixtures.s3LikeService;
import static dev.cloudjar.core.gateway.GatewayFixtures.text;
import static dev.cloudjar.core.gateway.GatewayFixtures.unsigned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The steps in their order, through the gateway's two entry points (the head, then the whole request). */
class GatewayTest {
    private final Gateway gateway = new Gateway(List.of(echoService(), s3LikeService()), unsigned(),
            Authorizer.ALLOW_ALL, Codecs.standard(), new AdminRoutes(null, Clock.systemUTC()), List.of(),
            HostNames.loopback(), "us-east-1", Clock.fixed(now(), ZoneOffset.UTC));

    private Response handle(Request request) {
        return gateway.handle(gateway.receive(request));
    }

    @Test
    void anAllowedRequestRunsEveryStepToItsHandler() {
        Response response = handle(echoRequest("Ping", ""));
        assertEquals(200, response.status(), text(response));
    }

    @Test
    void theHeadAloneGivesTheRequestIdAndServiceAndDecidesHowTheBodyIsRead() {
        Exchange objectGet = gateway.receive(request("GET", "/bucket/key"));
        assertNotNull(objectGet.requestId());
        assertEquals("s3", objectGet.service().name());
        assertEquals(Gateway.BodyMode.STREAMED, gateway.bodyMode(objectGet));
        assertEquals(Gateway.BodyMode.BUFFERED, gateway.bodyMode(gateway.receive(echoRequest("Echo", ""))));
    }

    @Test
    void anUnsignedFormPostIsBufferedAndRoutedByTheActionInItsBody() {
        Exchange exchange = gateway.receive(new Request("POST", "/",
                GatewayFixtures.withHost(Headers.of("Content-Type", "application/x-www-form-urlencoded")),
                RequestBody.EMPTY));
        assertNull(exchange.service());
        assertEquals(Gateway.BodyMode.BUFFERED, gateway.bodyMode(exchange));
        exchange.request().body(RequestBody.of("Action=Publish".getBytes()));
        assertTrue(text(gateway.handle(exchange)).contains("<Code>InvalidAction</Code>"));
    }

    @Test
    void aMissingSignatureIsReportedBeforeInvalidInput() {
        Response response = handle(echoRequest("Echo", "{}"));
        assertEquals(400, response.status());
        assertTrue(text(response).contains("MissingAuthenticationTokenException"), text(response));
    }

    @Test
    void aHostNameTheServerDoesNotAnswerToIsRefusedInTheProtocolOfTheRequest() {
        Response json = handle(echoRequest("Ping", "", "Host", "rebound.example:4566"));
        assertEquals(421, json.status());
        assertTrue(text(json).contains("MisdirectedRequest"), text(json));
        Response xml = handle(request("GET", "/bucket/key", "Host", "rebound.example"));
        assertEquals(421, xml.status());
        assertTrue(text(xml).contains("<Code>MisdirectedRequest</Code>"), text(xml));
        assertEquals(400, handle(new Request("GET", "/bucket/key", new Headers(), RequestBody.EMPTY)).status());
    }

    @Test
    void aBodyOverTheLimitIsAnsweredInTheProtocolOfItsService() {
        Response response = gateway.tooLarge(gateway.receive(echoRequest("Echo", "")), 10);
        assertEquals(413, response.status());
        assertTrue(text(response).contains("RequestEntityTooLarge"), text(response));
    }
}
