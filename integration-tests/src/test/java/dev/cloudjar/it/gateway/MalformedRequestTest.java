package dev.cloudjar.it.gateway;

import dev.cloudjar.it.fixtures.RawHttp;
import dev.cloudjar.it.fixtures.Signer;
import dev.cloudjar.junit5.CloudjarExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.SdkHttpMethod;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gets a 4xx in the protocol's shape, never a 500, and the server keeps serving. */
class MalformedRequestTest {
    static final int MAX_BODY = 64 * 1024;

    @RegisterExtension
    static final CloudjarExtension CLOUD = CloudjarExtension.builder()
            .configure(c -> c.maxBodyBytes(MAX_BODY))
            .build();

    private URI endpoint;

    static RawHttp.Reply json(URI endpoint, String target, String body) throws Exception {
        Signer.Signed signed = Signer.sign(Signer.request(endpoint, SdkHttpMethod.POST, "/")
                        .putHeader("Content-Type", "application/x-amz-json-1.0")
                        .putHeader("X-Amz-Target", target).build(),
                body.getBytes(StandardCharsets.UTF_8), "test", "test", "testjson");
        return SignatureVerificationTest.send(endpoint, signed.wire());
    }

    static RawHttp.Reply query(URI endpoint, String form) throws Exception {
        Signer.Signed signed = Signer.sign(Signer.request(endpoint, SdkHttpMethod.POST, "/")
                        .putHeader("Content-Type", "application/x-www-form-urlencoded").build(),
                form.getBytes(StandardCharsets.UTF_8), "test", "test", "sts");
        return SignatureVerificationTest.send(endpoint, signed.wire());
    }

    @BeforeEach
    void endpoint(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** After every test the server still answers a good request. */
    @AfterEach
    void serverStillServes() throws Exception {
        RawHttp.Reply reply = json(endpoint, "TestJson_20250101.Echo", "{\"Message\":\"still here\"}");
        assertEquals(200, reply.status(), reply.text());
    }

    @Test
    void garbageBytesGetA400() throws Exception {
        byte[] garbage = new byte[4096];
        new Random(1).nextBytes(garbage);
        try (RawHttp http = new RawHttp(endpoint)) {
            RawHttp.Reply reply = http.send(garbage).read();
            assertEquals(400, reply.status());
        }
    }

    @Test
    void garbageJsonBodyGetsSerializationException() throws Exception {
        RawHttp.Reply reply = json(endpoint, "TestJson_20250101.Echo", "{\"Message\": [tru");
        assertEquals(400, reply.status(), reply.text());
        assertTrue(reply.text().contains("SerializationException"), reply.text());
    }

    @Test
    void missingRequiredMemberGetsValidationException() throws Exception {
        RawHttp.Reply reply = json(endpoint, "TestJson_20250101.Echo", "{}");
        assertEquals(400, reply.status(), reply.text());
        assertTrue(reply.text().contains("ValidationException"), reply.text());
        assertTrue(reply.text().contains("Member must not be null"), reply.text());
    }

    @Test
    void unknownTargetOfAKnownServiceGetsUnknownOperationException() throws Exception {
        RawHttp.Reply reply = json(endpoint, "TestJson_20250101.NoSuchThing", "{}");
        assertEquals(400, reply.status(), reply.text());
        assertTrue(reply.text().contains("UnknownOperationException"), reply.text());
    }

    @Test
    void modelledButUnimplementedOperationGetsUnknownOperationException() throws Exception {
        RawHttp.Reply reply = json(endpoint, "TestJson_20250101.Unimplemented", "{}");
        assertEquals(400, reply.status(), reply.text());
        assertTrue(reply.text().contains("UnknownOperationException"), reply.text());
    }

    @Test
    void aJsonClientOfAServiceCloudjarDoesNotEmulateGetsAJsonErrorNamingIt() throws Exception {
        Signer.Signed signed = Signer.sign(Signer.request(endpoint, SdkHttpMethod.POST, "/")
                        .putHeader("Content-Type", "application/x-amz-json-1.1")
                        .putHeader("X-Amz-Target", "Kinesis_20131202.PutRecord").build(),
                "{}".getBytes(StandardCharsets.UTF_8), "test", "test", "kinesis");
        RawHttp.Reply reply = SignatureVerificationTest.send(endpoint, signed.wire());
        assertEquals(400, reply.status(), reply.text());
        assertTrue(reply.text().startsWith("{\"__type\":\"com.amazon.coral.service#UnknownOperationException\""),
                reply.text());
        assertTrue(reply.text().contains("Cloudjar does not emulate service 'kinesis' Kinesis_20131202.PutRecord"),
                reply.text());
    }

    @Test
    void unknownQueryActionGetsInvalidAction() throws Exception {
        RawHttp.Reply reply = query(endpoint, "Action=NoSuchAction&Version=2011-06-15");
        assertEquals(400, reply.status(), reply.text());
        assertTrue(reply.text().contains("<Code>InvalidAction</Code>"), reply.text());
    }

    @Test
    void unsignedQueryRequestGetsMissingAuthenticationToken() throws Exception {
        String body = "Action=GetCallerIdentity&Version=2011-06-15";
        try (RawHttp http = new RawHttp(endpoint)) {
            RawHttp.Reply reply = http.send("POST / HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                    + "\r\n\r\n" + body).read();
            assertEquals(403, reply.status(), reply.text());
            assertTrue(reply.text().contains("<Code>MissingAuthenticationToken</Code>"), reply.text());
        }
    }

    @Test
    void truncatedBodyDoesNotDisturbTheServer() throws Exception {
        try (RawHttp http = new RawHttp(endpoint)) {
            http.send("POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: TestJson_20250101.Echo\r\n"
                    + "Content-Type: application/x-amz-json-1.0\r\nContent-Length: 100\r\n\r\n{\"Mess").shutdownOutput();
            assertTrue(http.isClosedByServer());
        }
    }

    @Test
    void oversizedHeadersGet431() throws Exception {
        try (RawHttp http = new RawHttp(endpoint)) {
            RawHttp.Reply reply = http.send("GET /_cloudjar/health HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                    + "a".repeat(40_000) + "\r\n\r\n").read();
            assertEquals(431, reply.status());
        }
    }

    @Test
    void bodyOverTheLimitGets413WithoutBeingRead() throws Exception {
        RawHttp.Reply reply = json(endpoint, "TestJson_20250101.Echo",
                "{\"Message\":\"" + "x".repeat(MAX_BODY) + "\"}");
        assertEquals(413, reply.status(), reply.text());
        assertTrue(reply.text().contains("RequestEntityTooLarge"), reply.text());
    }

    @Test
    void expectContinueOverTheLimitIsRefusedBeforeTheBody() throws Exception {
        try (RawHttp http = new RawHttp(endpoint)) {
            RawHttp.Reply reply = http.send("POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: TestJson_20250101.Echo\r\n"
                    + "Content-Type: application/x-amz-json-1.0\r\nExpect: 100-continue\r\nContent-Length: "
                    + (MAX_BODY + 1) + "\r\n\r\n").read();
            assertEquals(413, reply.status(), reply.text());
        }
    }

    @Test
    void keepAliveConnectionServesSeveralRequests() throws Exception {
        try (RawHttp http = new RawHttp(endpoint)) {
            for (int i = 0; i < 3; i++) {
                RawHttp.Reply reply = http.send("GET /_cloudjar/health HTTP/1.1\r\nHost: localhost\r\n\r\n").read();
                assertEquals(200, reply.status());
            }
        }
    }

}
