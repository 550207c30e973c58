package dev.cloudjar.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.RequestBody;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.http.ResponseBody;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AdminRoutesTest {
    private final List<String> resets = new ArrayList<>();

    private final AdminRoutes admin = new AdminRoutes(new AdminRoutes.Server() {
        @Override
        public String version() {
            return "1.2.3";
        }

        @Override
        public String endpoint() {
            return "http://127.0.0.1:4566";
        }

        @Override
        public String dataDir() {
            return "/tmp/a \"quoted\" \\ dir\u0001";
        }

        @Override
        public List<ServiceRuntime> services() {
            return List.of();
        }

        @Override
        public void reset(String service) {
            resets.add(String.valueOf(service));
        }
    }, Clock.systemUTC());

    private static JsonNode body(Response response) throws Exception {
        return new ObjectMapper().readTree(((ResponseBody.Bytes) response.body()).bytes());
    }

    private Response call(String method, String uri) {
        return admin.handle(new Request(method, uri, new Headers(), RequestBody.EMPTY));
    }

    @Test
    void healthIsValidJsonEvenWithCharactersThatNeedEscaping() throws Exception {
        Response response = call("GET", "/_cloudjar/health");
        assertEquals(200, response.status());
        JsonNode health = body(response);
        assertEquals("running", health.get("status").asText());
        assertEquals("1.2.3", health.get("version").asText());
        assertEquals("/tmp/a \"quoted\" \\ dir\u0001", health.get("dataDir").asText());
        assertEquals(0, health.get("services").size());
    }

    @Test
    void resetWipesAllOrOneKnownService() throws Exception {
        assertEquals("all", body(call("POST", "/_cloudjar/reset")).get("reset").asText());
        assertEquals(List.of("null"), resets);
        assertEquals(404, call("POST", "/_cloudjar/reset?service=nope").status());
        assertEquals(405, call("GET", "/_cloudjar/reset").status());
    }

    private Integer refusal(String host, String origin) {
        Headers headers = new Headers();
        if (host != null) {
            headers.add("Host", host);
        }
        if (origin != null) {
            headers.add("Origin", origin);
        }
        Response refused = admin.refusal(new Request("POST", "/_cloudjar/reset", headers, RequestBody.EMPTY));
        return refused == null ? null : refused.status();
    }

    @Test
    void toolsOnThisMachineMayUseTheAdminEndpoints() {
        assertEquals(null, refusal("127.0.0.1:4566", null));
        assertEquals(null, refusal("localhost:4566", null));
        assertEquals(null, refusal("bucket.localhost:4566", null));
        assertEquals(null, refusal("[::1]:4566", null));
        assertEquals(null, refusal("127.0.0.1:4566", "http://127.0.0.1:4566"), "same origin: a console served here");
        assertEquals(null, refusal("127.0.0.1:4566", "http://localhost:3000"), "a page served from this machine");
    }

    /** CSRF: any web page can POST text/plain cross-site without a preflight; browsers add its Origin. */
    @Test
    void aWebPageOfAnotherSiteIsRefused() {
        assertEquals(403, refusal("127.0.0.1:4566", "http://evil.example"));
        assertEquals(403, refusal("127.0.0.1:4566", "null"));
        assertEquals(403, refusal("127.0.0.1:4566", "file:///tmp/page.html"));
    }
}
