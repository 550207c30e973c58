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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

        @Override
        public Optional<String> fireTimer(String id) {
            fired.add(id);
            return id.startsWith("arn:aws:events:") ? Optional.of("events") : Optional.empty();
        }

        @Override
        public Instant scheduleClock() {
            return clock;
        }

        @Override
        public Instant moveScheduleClock(Instant to) {
            clock = to;
            return clock;
        }
    }, Clock.systemUTC());
    private final List<String> fired = new ArrayList<>();
    private Instant clock = Instant.parse("2030-01-01T00:00:00Z");

    private static JsonNode body(Response response) throws Exception {
        return new ObjectMapper().readTree(((ResponseBody.Bytes) response.body()).bytes());
    }

    private Response call(String method, String uri) {
        return admin.handle(new Request(method, uri, new Headers(), RequestBody.EMPTY));
    }

    private Response call(String method, String uri, String json) {
        return admin.handle(new Request(method, uri, new Headers(),
                RequestBody.of(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    @Test
    void fireRunsTheTimerNamedByArnInTheQueryOrTheBody() throws Exception {
        String rule = "arn:aws:events:us-east-1:000000000000:rule/every-minute";
        JsonNode answer = body(call("POST", "/_cloudjar/schedules/fire?arn=" + rule));
        assertEquals(rule, answer.get("fired").asText());
        assertEquals("events", answer.get("service").asText());
        assertEquals(200, call("POST", "/_cloudjar/schedules/fire", "{\"arn\": \"" + rule + "\"}").status());
        assertEquals(List.of(rule, rule), fired);
        assertEquals(404, call("POST", "/_cloudjar/schedules/fire?arn=arn:aws:scheduler:x").status());
        assertEquals(400, call("POST", "/_cloudjar/schedules/fire").status());
        assertEquals(400, call("POST", "/_cloudjar/schedules/fire", "[1]").status());
        assertEquals(405, call("GET", "/_cloudjar/schedules/fire?arn=" + rule).status());
    }

    @Test
    void theClockIsReadSetAndAdvanced() throws Exception {
        assertEquals("2030-01-01T00:00:00Z", body(call("GET", "/_cloudjar/clock")).get("time").asText());
        assertEquals("2030-01-01T01:30:00Z",
                body(call("POST", "/_cloudjar/clock", "{\"advance\": \"PT1H30M\"}")).get("time").asText());
        assertEquals("2031-05-01T00:00:00Z",
                body(call("POST", "/_cloudjar/clock?time=2031-05-01T00:00:00Z")).get("time").asText());
        assertEquals(400, call("POST", "/_cloudjar/clock", "{\"time\": \"tomorrow\"}").status());
        assertEquals(400, call("POST", "/_cloudjar/clock", "{}").status());
        assertEquals(400, call("POST", "/_cloudjar/clock",
                "{\"time\": \"2030-01-01T00:00:00Z\", \"advance\": \"PT1H\"}").status());
        assertEquals(Instant.parse("2031-05-01T00:00:00Z"), clock);
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
