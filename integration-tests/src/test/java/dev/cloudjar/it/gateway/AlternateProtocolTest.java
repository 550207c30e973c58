package dev.cloudjar.it.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.cloudjar.it.fixtures.RawHttp;
import dev.cloudjar.it.fixtures.Signer;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JSON service that also speaks the query protocol (as SQS does for older SDKs) and rpcv2Cbor
 * (as CloudWatch does for the newest) answers each request in the protocol the request was sent
 * in: X-Amz-Target means awsJson, a form post with an Action means awsQuery, whatever path it is
 * posted to, and smithy-protocol: rpc-v2-cbor means rpcv2Cbor.
 */
@Cloudjar
class AlternateProtocolTest {
    private static final CBORMapper CBOR = new CBORMapper();
    private static final String ECHO_PATH = "/service/TestJson_20250101/operation/Echo";

    private static RawHttp.Reply cbor(URI endpoint, String path, byte[] body) throws Exception {
        Signer.Signed signed = Signer.sign(Signer.request(endpoint, SdkHttpMethod.POST, path)
                        .putHeader("smithy-protocol", "rpc-v2-cbor")
                        .putHeader("Content-Type", "application/cbor")
                        .putHeader("Accept", "application/cbor").build(),
                body, "test", "test", "testjson");
        return SignatureVerificationTest.send(endpoint, signed.wire());
    }

    private static RawHttp.Reply query(URI endpoint, String path, String form) throws Exception {
        Signer.Signed signed = Signer.sign(Signer.request(endpoint, SdkHttpMethod.POST, path)
                        .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build(),
                form.getBytes(StandardCharsets.UTF_8), "test", "test", "testjson");
        return SignatureVerificationTest.send(endpoint, signed.wire());
    }

    @Test
    void aFormPostIsAnsweredInTheQueryProtocol(URI endpoint) throws Exception {
        RawHttp.Reply reply = query(endpoint, "/000000000000/some-queue", "Action=Echo&Version=2025-01-01&Message=hi");
        assertEquals(200, reply.status(), reply.text());
        assertTrue(reply.headers().get("content-type").startsWith("text/xml"), reply.headers().toString());
        assertTrue(reply.text().contains("<EchoResult><Message>hi</Message><Account>000000000000</Account></EchoResult>"),
                reply.text());
    }

    @Test
    void aTargetedJsonRequestIsStillAnsweredInJson(URI endpoint) throws Exception {
        RawHttp.Reply reply = SignatureVerificationTest.send(endpoint,
                SignatureVerificationTest.echo(endpoint, "test", "test", Clock.systemUTC()).wire());
        assertEquals(200, reply.status(), reply.text());
        assertEquals("{\"Message\":\"hi\",\"Account\":\"000000000000\"}", reply.text());
    }

    @Test
    void aSmithyProtocolRequestIsAnsweredInCbor(URI endpoint) throws Exception {
        RawHttp.Reply reply = cbor(endpoint, ECHO_PATH, CBOR.writeValueAsBytes(CBOR.createObjectNode().put("Message", "hi")));

        assertEquals(200, reply.status(), reply.text());
        assertEquals("application/cbor", reply.headers().get("content-type"));
        assertEquals("rpc-v2-cbor", reply.headers().get("smithy-protocol"));
        assertEquals(CBOR.createObjectNode().put("Message", "hi").put("Account", "000000000000"),
                CBOR.readTree(reply.body()));
    }

    @Test
    void brokenCborIsASerializationExceptionInCbor(URI endpoint) throws Exception {
        RawHttp.Reply reply = cbor(endpoint, ECHO_PATH, HexFormat.of().parseHex("a1674d657373616765"));

        assertEquals(400, reply.status());
        JsonNode error = CBOR.readTree(reply.body());
        assertEquals("com.amazon.coral.service#SerializationException", error.path("__type").asText(), error.toString());
    }

    @Test
    void anUnsignedRpcV2CborRequestIsRoutedByItsPathAndRefusedInCbor(URI endpoint) throws Exception {
        byte[] wire = ("POST " + ECHO_PATH + " HTTP/1.1\r\nHost: " + endpoint.getHost() + "\r\n"
                + "smithy-protocol: rpc-v2-cbor\r\nContent-Type: application/cbor\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        RawHttp.Reply reply = SignatureVerificationTest.send(endpoint, wire);

        assertEquals(400, reply.status());
        assertEquals("rpc-v2-cbor", reply.headers().get("smithy-protocol"));
        assertEquals("com.amazon.coral.service#MissingAuthenticationTokenException",
                CBOR.readTree(reply.body()).path("__type").asText());
    }

    @Test
    void anUnimplementedOperationIsTheQueryProtocolsInvalidAction(URI endpoint) throws Exception {
        RawHttp.Reply reply = query(endpoint, "/", "Action=Unimplemented&Version=2025-01-01");
        assertEquals(400, reply.status(), reply.text());
        assertTrue(reply.text().startsWith("<ErrorResponse"), reply.text());
        assertTrue(reply.text().contains("<Code>InvalidAction</Code>"), reply.text());
    }

    @Test
    void aQueryValidationErrorIsAnErrorResponse(URI endpoint) throws Exception {
        RawHttp.Reply reply = query(endpoint, "/", "Action=Echo&Version=2025-01-01");
        assertEquals(400, reply.status(), reply.text());
        assertTrue(reply.text().contains("<ErrorResponse"), reply.text());
        assertTrue(reply.text().contains("Member must not be null"), reply.text());
    }
}
