package dev.cloudjar.junit5;

import dev.cloudjar.core.server.CloudjarServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Cloudjar
class CloudjarAnnotationTest {
    static CloudjarServer outer;

    static int health(URI endpoint) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(endpoint.resolve("/_cloudjar/health")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void injectsTheEndpointOfARunningServerOnARandomPort(URI endpoint, CloudjarServer server) throws Exception {
        outer = server;
        assertEquals("http", endpoint.getScheme());
        assertEquals("127.0.0.1", endpoint.getHost());
        assertTrue(endpoint.getPort() > 0 && endpoint.getPort() != 4566, "random port: " + endpoint);
        assertEquals(server.endpoint(), endpoint.toString());
        assertEquals(200, health(endpoint));
    }

    @Test
    void signaturesAreVerifiedByDefault(CloudjarServer server) {
        assertTrue(server.config().verifySignatures());
    }

    @Nested
    class NestedClass {
        @Test
        void sharesTheEnclosingClassServer(CloudjarServer server) {
            if (outer != null) {
                assertSame(outer, server);
            }
            assertEquals(server.endpoint(), server.endpoint());
        }
    }
}
