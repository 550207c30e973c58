package dev.cloudjar.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.protocol.Codecs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.cloudjar.core.gateway.GatewayFixtures.arrived;
import static dev.cloudjar.core.gateway.GatewayFixtures.echoRequest;
import static dev.cloudjar.core.gateway.GatewayFixtures.echoService;
import static dev.cloudjar.core.gateway.GatewayFixtures.request;
import static dev.cloudjar.core.gateway.GatewayFixtures.text;
import static dev.cloudjar.core.gateway.GatewayFixtures.unsigned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorRendererTest {
    private final ErrorRenderer renderer = new ErrorRenderer(Codecs.standard());
    private final ServiceRouting routing = new ServiceRouting(new ServiceRouter(List.of(echoService()), unsigned()));

    /** Routes a request among services that do not include its own, and renders the failure. */
    private Response unrouted(Request request) {
        Exchange exchange = arrived(request);
        try {
            routing.apply(exchange);
        } catch (AwsException e) {
            return renderer.render(exchange, e);
        }
        throw new AssertionError("routed " + request);
    }

    @Test
    void aJsonClientOfAServiceCloudjarLacksGetsAJsonUnknownOperation() throws Exception {
        Response response = unrouted(new Request("POST", "/", Headers.of("X-Amz-Target", "Kinesis_20131202.PutRecord",
                "Content-Type", "application/x-amz-json-1.1"), RequestBody.EMPTY));
        assertEquals(400, response.status());
        assertEquals("application/x-amz-json-1.1", response.headers().first("Content-Type"));
        JsonNode body = new ObjectMapper().readTree(text(response));
        assertEquals("com.amazon.coral.service#UnknownOperationException", body.get("__type").asText());
        assertTrue(body.get("message").asText().contains("Cloudjar does not emulate"), text(response));
        assertEquals("req-1", response.headers().first("x-amzn-RequestId"));
    }

    @Test
    void aQueryClientGetsTheQueryErrorResponse() {
        Response response = unrouted(request("GET", "/?Action=Publish&Version=2010-03-31"));
        assertEquals(400, response.status());
        assertTrue(text(response).contains("<ErrorResponse") && text(response).contains("<Code>InvalidAction</Code>")
                && text(response).contains("Publish"), text(response));
    }

    @Test
    void anyOtherRequestGetsS3sErrorForm() {
        Response response = unrouted(request("GET", "/restapis", "X-Test-Signing", "apigateway"));
        assertEquals(400, response.status());
        String xml = text(response);
        assertTrue(xml.contains("<Error><Code>InvalidRequest</Code>") && xml.contains("'apigateway'")
                && xml.contains("<RequestId>req-1</RequestId>"), xml);
    }

    @Test
    void aServicesErrorIsRenderedAgainstItsModel() throws Exception {
        Exchange exchange = arrived(echoRequest("Echo", "{}"));
        exchange.service(echoService(), Protocol.AWS_JSON_1_0);
        Response response = renderer.render(exchange, new AwsException("EchoFailed", 400, "no echo"));
        assertEquals("example.echo#EchoFailed", new ObjectMapper().readTree(text(response)).get("__type").asText());
    }

    @Test
    void anythingButAnAwsExceptionIsTheProtocolsInternalErrorWithoutDetails() {
        Exchange exchange = arrived(echoRequest("Echo", "{}"));
        exchange.service(echoService(), Protocol.AWS_JSON_1_0);
        Response response = renderer.render(exchange, new IllegalStateException("secret detail"));
        assertEquals(500, response.status());
        assertTrue(text(response).contains("InternalFailure") && !text(response).contains("secret"), text(response));
    }
}
