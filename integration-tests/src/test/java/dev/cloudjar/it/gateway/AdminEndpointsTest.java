package dev.cloudjar.it.gateway;

import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.fixtures.RawHttp;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import dev.cloudjar.it.fixtures.Signer;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The unsigned admin endpoints cannot be driven by a web page: a cross-site POST (which needs no
 * CORS preflight when it is text/plain) and a DNS-rebinding request (a foreign Host name) are
 * refused and change nothing; local tools keep working.
 */
@Cloudjar
class AdminEndpointsTest {

    private static RawHttp.Reply post(URI endpoint, String host, String origin) throws Exception {
        String request = "POST /_cloudjar/reset HTTP/1.1\r\nHost: " + host + "\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + "Content-Type: text/plain\r\nContent-Length: 0\r\n\r\n";
        try (RawHttp http = new RawHttp(endpoint)) {
            return http.send(request.getBytes(StandardCharsets.US_ASCII)).read();
        }
    }

    @Test
    void aCrossSiteResetOrOneForAForeignHostIsRefusedAndWipesNothing(URI endpoint) throws Exception {
        String local = "127.0.0.1:" + endpoint.getPort();
        try (S3Client s3 = Clients.s3(endpoint)) {
            s3.createBucket(b -> b.bucket("precious"));

            assertEquals(403, post(endpoint, local, "http://evil.example").status());
            assertEquals(421, post(endpoint, "evil.example:" + endpoint.getPort(), null).status());
            assertTrue(s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals("precious")), "nothing was reset");

            assertEquals(200, post(endpoint, local, null).status(), "a local tool still resets");
            assertEquals(0, s3.listBuckets().buckets().size());
        }
    }

    /**
     * A rebound page can sign with the well-known test/test keys, so the services answer only the
     * Host names the server serves too: a DeleteBucket for a foreign name changes nothing.
     */
    @Test
    void aSignedRequestForAForeignHostIsRefusedAndChangesNothing(URI endpoint) throws Exception {
        try (S3Client s3 = Clients.s3(endpoint)) {
            s3.createBucket(b -> b.bucket("kept"));
            SdkHttpRequest delete = Signer.request(endpoint, SdkHttpMethod.DELETE, "/kept")
                    .putHeader("Host", "rebound.example:" + endpoint.getPort())
                    .putHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD").build();
            try (RawHttp http = new RawHttp(endpoint)) {
                RawHttp.Reply reply = http.send(Signer.sign(delete, new byte[0], "test", "test", "s3").wire()).read();
                assertEquals(421, reply.status());
                assertTrue(reply.text().contains("<Code>MisdirectedRequest</Code>"), reply.text());
            }
            assertTrue(s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals("kept")), "the bucket is still there");
        }
    }
}
