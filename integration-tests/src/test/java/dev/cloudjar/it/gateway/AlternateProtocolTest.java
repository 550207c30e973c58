package dev.cloudjar.it.gateway;

import dev.cloudjar.it.fixtures.RawHttp;
import dev.cloudjar.it.fixtures.Signer;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JSON service that also speaks the query protocol (as SQS does for older SDKs) answers each
 * request in the protocol the request was sent in: X-Amz-Target means awsJson, a form post with
 * an Action means awsQuery, whatever path it is posted to.
 */
@Cloudjar
class AlternateProtocolTest {

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
