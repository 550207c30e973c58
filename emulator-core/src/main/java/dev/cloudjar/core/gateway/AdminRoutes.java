package dev.cloudjar.core.gateway;

import dev.cloudjar.core.http.Request;
import dev.cloudjar.core.http.Response;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Cloudjar's own endpoints under {@code /_cloudjar/}: {@code health} (version, services, uptime)
 * and {@code reset} (all state, or one service's with {@code ?service=NAME}). Unsigned, like
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
        return json(404, n -> n.put("error", "no admin endpoint " + request.rawPath()));
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
