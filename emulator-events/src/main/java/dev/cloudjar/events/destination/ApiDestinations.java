package dev.cloudjar.events.destination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.HttpDelivery;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.events.put.JsonPaths;
import dev.cloudjar.events.store.ApiDestinationRecord;
import dev.cloudjar.events.store.ConnectionRecord;
import dev.cloudjar.events.store.EventsStore;
import dev.cloudjar.events.store.TargetRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The HTTP request an event makes to an API destination target ("API destinations"): the
 * destination's method and endpoint, its {@code *} path parameters filled from the target's
 * PathParameterValues, the target's and the connection's header and query string parameters (the
 * connection's win), the connection's credentials (Basic, an API key header, or OAuth's Bearer
 * token), and the event or its transformed input as a JSON body with the connection's body
 * parameters added. A value of the target's that is a JSONPath ({@code $.detail.id}) is read from
 * the event. EventBridge retries 401, 407, 409, 429 and 5xx answers and waits 5 seconds for one.
 */
public final class ApiDestinations {
    private static final Set<Integer> RETRIED = Set.of(401, 407, 409, 429);
    private static final long TIMEOUT_MILLIS = 5_000;
    private static final String USER_AGENT = "Amazon/EventBridge/ApiDestinations";

    private final EventsStore store;

    public ApiDestinations(EventsStore store) {
        this.store = store;
    }

    /** Whether the target ARN is an API destination's: {@code arn:aws:events:...:api-destination/<name>/<id>}. */
    public static boolean isApiDestination(Arn target) {
        return target.service().equals("events") && target.resource().startsWith("api-destination/");
    }

    /** The connection name in a connection ARN ({@code connection/<name>/<id>}), or null. */
    static String connectionName(String connectionArn) {
        try {
            String[] parts = Arn.parse(connectionArn).resource().split("/");
            return parts.length == 3 && parts[0].equals("connection") ? parts[1] : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The request for one event, or empty when the destination or its connection is gone or the
     * connection is not authorized (EventBridge fails such an invocation too).
     *
     * @param body the event or what the target's input makes of it
     */
    public Optional<HttpDelivery> request(TargetRecord target, JsonNode event, String body) {
        Arn arn = Arn.parse(target.arn());
        String[] parts = arn.resource().split("/");
        if (parts.length < 2) {
            return Optional.empty();
        }
        ApiDestinationRecord destination = store.apiDestination(arn.scope(), parts[1])
                .filter(d -> d.arn().equals(target.arn())).orElse(null);
        if (destination == null) {
            return Optional.empty();
        }
        String connectionName = connectionName(destination.connectionArn());
        ConnectionRecord connection = connectionName == null ? null
                : store.connection(arn.scope(), connectionName).filter(c -> c.state().equals("AUTHORIZED")).orElse(null);
        if (connection == null) {
            return Optional.empty();
        }
        Map<String, Object> http = target.httpParameters() == null ? Map.of() : target.httpParameters();
        Map<String, Object> invocation = Connections.map(connection.authParameters().get("InvocationHttpParameters"));

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("User-Agent", USER_AGENT);
        Connections.map(http.get("HeaderParameters")).forEach((k, v) -> headers.put(k, value(String.valueOf(v), event)));
        headers.putAll(Connections.pairs(invocation, "HeaderParameters"));
        credentials(connection, headers);

        Map<String, String> query = new LinkedHashMap<>();
        Connections.map(http.get("QueryStringParameters")).forEach((k, v) -> query.put(k, value(String.valueOf(v), event)));
        query.putAll(Connections.pairs(invocation, "QueryStringParameters"));

        String url = withPathParameters(destination.invocationEndpoint(), http.get("PathParameterValues"), event);
        if (!query.isEmpty()) {
            url += (url.contains("?") ? "&" : "?") + OAuthTokens.encoded(query);
        }
        boolean sendsBody = !destination.httpMethod().equals("GET") && !destination.httpMethod().equals("HEAD");
        String sent = sendsBody ? withBodyParameters(body, Connections.pairs(invocation, "BodyParameters")) : null;
        return Optional.of(new HttpDelivery(destination.httpMethod(), url, headers, sent, TIMEOUT_MILLIS, RETRIED, true,
                false, null, target.deadLetterArn(), body));
    }

    private static void credentials(ConnectionRecord connection, Map<String, String> headers) {
        Map<String, Object> auth = connection.authParameters();
        switch (connection.authorizationType()) {
            case Connections.BASIC -> {
                Map<String, Object> basic = Connections.map(auth.get("BasicAuthParameters"));
                String pair = Connections.string(basic, "Username") + ":" + Connections.string(basic, "Password");
                headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
            }
            case Connections.API_KEY -> {
                Map<String, Object> key = Connections.map(auth.get("ApiKeyAuthParameters"));
                headers.put(Connections.string(key, "ApiKeyName"), Connections.string(key, "ApiKeyValue"));
            }
            default -> headers.put("Authorization", "Bearer " + connection.accessToken());
        }
    }

    /** Each {@code *} of the endpoint, in order, takes the next PathParameterValues entry. */
    private static String withPathParameters(String endpoint, Object values, JsonNode event) {
        List<String> given = new ArrayList<>();
        if (values instanceof List<?> list) {
            list.forEach(v -> given.add(value(String.valueOf(v), event)));
        }
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (char c : endpoint.toCharArray()) {
            if (c == '*' && next < given.size()) {
                out.append(given.get(next++));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A parameter value, or the event's value at it when it is a JSONPath. */
    private static String value(String given, JsonNode event) {
        if (!given.startsWith("$.") || !JsonPaths.valid(given)) {
            return given;
        }
        JsonNode found = JsonPaths.read(event, given);
        return found == null ? "" : found.isValueNode() ? found.asText() : found.toString();
    }

    /** The connection's body parameters join a JSON object body; another body is sent as it is. */
    private static String withBodyParameters(String body, Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return body;
        }
        try {
            JsonNode node = RecordJson.tree(body);
            if (node instanceof ObjectNode object) {
                parameters.forEach(object::put);
                return object.toString();
            }
        } catch (IOException e) {
            // Not JSON (a transformer's plain text): sent unchanged.
        }
        return body;
    }
}
