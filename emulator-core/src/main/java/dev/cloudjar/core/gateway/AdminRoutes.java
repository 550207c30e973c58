package dev.cloudjar.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.spi.RecordJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Cloudjar's own endpoints under {@code /_cloudjar/}: {@code health} (version, services, uptime),
 * {@code reset} (all state, or one service's with {@code ?service=NAME}), {@code schedules/fire}
 * (run a rule's or schedule's timer now) and {@code clock} (read or move the schedules' clock). Unsigned, like
 * LocalStack's {@code /_localstack/} endpoints, so a web page must not be able to drive them:
 * see {@link #refusal}.
 */
public final class AdminRoutes {
    public static final String PREFIX = "/_cloudjar/";

    /** What the health endpoint reports and the reset endpoint drives. */
    public interface Server {
        String version();

        String endpoint();

        String dataDir();

        List<ServiceRuntime> services();

        /** Wipes all state, or one service's (name non-null). */
        void reset(String service);

        /** Runs the timer (a rule's or schedule's) with this id now; the owning service, or empty when none has it. */
        Optional<String> fireTimer(String id) throws Exception;

        /** The clock schedules run on. */
        Instant scheduleClock();

        /** Moves the schedules' clock; returns the new time. */
        Instant moveScheduleClock(Instant to);

    }

    private final Server server;
    private final Clock clock;
    private final Instant started;

    public AdminRoutes(Server server, Clock clock) {
        this.server = server;
        this.clock = clock;
        this.started = clock.instant();
    }

    boolean matches(Request request) {
        return request.rawPath().startsWith(PREFIX);
    }

    /**
     * Null when the request may use an endpoint under {@code /_cloudjar/}; else the refusal. A web
     * page can send a simple cross-site POST (no preflight), so a request carrying a browser's
     * Origin that is not a local one is refused (403). Tools and SDKs send no Origin. (A foreign
     * Host name, DNS rebinding, is refused before this for every request: {@link HostCheck}.)
     */
    Response refusal(Request request) {
        String origin = request.header("Origin");
        if (origin != null && !isLocalOrigin(origin, request.header("Host"))) {
            return json(403, n -> n.put("error", "Cloudjar's admin endpoints refuse cross-site requests (Origin "
                    + origin + ")"));
        }
        return null;
    }

    /** Same origin as the request, or a page served from this machine (a local console, a test page). */
    private static boolean isLocalOrigin(String origin, String hostHeader) {
        try {
            java.net.URI uri = java.net.URI.create(origin.trim());
            String originHost = uri.getHost();
            if (originHost == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                return false;
            }
            String authority = uri.getRawAuthority();
            return HostNames.isLoopbackName(HostNames.hostName(originHost))
                    || (hostHeader != null && authority.equalsIgnoreCase(hostHeader.trim()));
        } catch (IllegalArgumentException | NullPointerException e) {
            // "null" (a sandboxed frame, a file: page) or garbage: not a local page.
            return false;
        }
    }

    /**
     * Whether the request can be answered on the event loop: the health check reads only flags,
     * and must answer while every worker thread is busy (a container's health probe, a test's wait).
     */
    boolean isImmediate(Request request) {
        return request.rawPath().equals(PREFIX + "health")
                && (request.method().equals("GET") || request.method().equals("HEAD"));
    }

    Response handle(Request request) {
        String route = request.rawPath().substring(PREFIX.length());
        if (route.equals("health")) {
            return request.method().equals("GET") || request.method().equals("HEAD")
                    ? health() : methodNotAllowed("GET");
        }
        if (route.equals("reset") || route.startsWith("reset/")) {
            if (!request.method().equals("POST")) {
                return methodNotAllowed("POST");
            }
            String service = route.startsWith("reset/") ? route.substring("reset/".length())
                    : request.queryParameter("service");
            if (service != null && server.services().stream().noneMatch(s -> s.name().equals(service))) {
                return json(404, n -> n.put("error", "no service named '" + service + "'"));
            }
            server.reset(service);
            return json(200, n -> n.put("reset", service == null ? "all" : service));
        }
        if (route.equals("schedules/fire")) {
            return request.method().equals("POST") ? fire(request) : methodNotAllowed("POST");
        }
        if (route.equals("clock")) {
            if (request.method().equals("GET")) {
                return json(200, n -> n.put("time", server.scheduleClock().toString()));
            }
            return request.method().equals("POST") ? moveClock(request) : methodNotAllowed("GET, POST");
        }
        return json(404, n -> n.put("error", "no admin endpoint " + request.rawPath()));
    }

    /** {@code ?arn=} or a JSON body {@code {"arn": ...}}: the timer id services use is the rule's or schedule's ARN. */
    private Response fire(Request request) {
        String arn;
        try {
            arn = parameter(request, "arn");
        } catch (IOException e) {
            return json(400, n -> n.put("error", "the body is not a JSON object: " + e.getMessage()));
        }
        if (arn == null || arn.isEmpty()) {
            return json(400, n -> n.put("error", "name the rule or schedule: ?arn=ARN or {\"arn\": ARN}"));
        }
        try {
            Optional<String> owner = server.fireTimer(arn);
            if (owner.isEmpty()) {
                return json(404, n -> n.put("error", "no enabled rule or schedule with a pending time has the ARN " + arn));
            }
            return json(200, n -> {
                n.put("fired", arn);
                n.put("service", owner.get());
            });
        } catch (Exception e) {
            return json(500, n -> n.put("error", "firing " + arn + " failed: " + e));
        }
    }

    /** {@code {"time": ISO-8601 instant}} sets the clock, {@code {"advance": ISO-8601 duration}} moves it on. */
    private Response moveClock(Request request) {
        try {
            String time = parameter(request, "time");
            String advance = parameter(request, "advance");
            if ((time == null) == (advance == null)) {
                return json(400, n -> n.put("error", "give one of time (2030-01-01T00:00:00Z) or advance (PT1H)"));
            }
            Instant to = time != null ? Instant.parse(time) : server.scheduleClock().plus(Duration.parse(advance));
            Instant now = server.moveScheduleClock(to);
            return json(200, n -> n.put("time", now.toString()));
        } catch (IOException | DateTimeException e) {
            return json(400, n -> n.put("error", e.getMessage()));
        }
    }

    /** A query parameter, else the member of a JSON object body. */
    private static String parameter(Request request, String name) throws IOException {
        String value = request.queryParameter(name);
        if (value != null) {
            return value;
        }
        byte[] body = request.body().bytes();
        if (body.length == 0) {
            return null;
        }
        JsonNode node = RecordJson.mapper().readTree(body);
        if (node == null || !node.isObject()) {
            throw new IOException("expected a JSON object");
        }
        JsonNode member = node.get(name);
        return member == null || member.isNull() ? null : member.asText();
    }

    private Response health() {
        return json(200, n -> {
            n.put("status", "running");
            n.put("version", server.version());
            n.put("endpoint", server.endpoint());
            n.put("dataDir", server.dataDir());
            n.put("uptimeSeconds", Duration.between(started, clock.instant()).toMillis() / 1000.0);
            Map<String, Object> services = new LinkedHashMap<>();
            n.put("services", services);
            for (ServiceRuntime s : server.services()) {
                // A service's model loads on its first request; until then it is available but idle.
                services.put(s.name(), s.isModelLoaded() ? "running" : "available");
            }
        });
    }

    private static Response methodNotAllowed(String allowed) {
        Response r = json(405, n -> n.put("error", "use " + allowed));
        r.headers().set("Allow", allowed);
        return r;
    }

    /**
     * Writes a small JSON object by hand: the health check is often a process's first request,
     * and loading a JSON library for it would add a tenth of a second to the measured start.
     */
    private static Response json(int status, Consumer<Map<String, Object>> body) {
        Map<String, Object> node = new LinkedHashMap<>();
        body.accept(node);
        StringBuilder out = new StringBuilder();
        write(node, out);
        return Response.of(status, "application/json", out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                write(String.valueOf(e.getKey()), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else {
            out.append('"');
            for (char c : value.toString().toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }

}
