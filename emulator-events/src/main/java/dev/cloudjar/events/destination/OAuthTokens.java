package dev.cloudjar.events.destination;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudjar.core.spi.HttpClients;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.events.store.ConnectionRecord;
import dev.cloudjar.events.store.EventsStore;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * Authorizes an OAUTH_CLIENT_CREDENTIALS connection as EventBridge does after CreateConnection or
 * UpdateConnection ("Connections for API destinations"): the connection is AUTHORIZING while a
 * worker asks its AuthorizationEndpoint for a token (client id and secret as Basic credentials,
 * the OAuthHttpParameters as headers, query string and form body), then AUTHORIZED with the
 * token, or DEAUTHORIZED with the reason. Requests to its API destinations carry the token as a
 * Bearer credential.
 */
public final class OAuthTokens {
    private static final System.Logger LOG = System.getLogger(OAuthTokens.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final EventsStore store;
    private final Executor workers;
    private final Clock clock;

    public OAuthTokens(EventsStore store, Executor workers, Clock clock) {
        this.store = store;
        this.workers = workers;
        this.clock = clock;
    }

    /** Fetches the connection's token on a worker, never on the request's thread. */
    public void authorizeLater(Scope scope, String name) {
        workers.execute(() -> authorize(scope, name));
    }

    private void authorize(Scope scope, String name) {
        ConnectionRecord connection = store.connection(scope, name).orElse(null);
        if (connection == null || !connection.state().equals("AUTHORIZING")) {
            return;
        }
        String token = null;
        String reason;
        try {
            token = fetch(Connections.map(connection.authParameters().get("OAuthParameters")));
            reason = null;
        } catch (IOException | RuntimeException e) {
            reason = "Failed to authorize the connection: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try (StripedLocks.Held ignored = store.lockConnection(scope, name)) {
            ConnectionRecord now = store.connection(scope, name).orElse(null);
            // An update or deletion since the fetch began has made this answer stale.
            if (now == null || now.lastModifiedTime() != connection.lastModifiedTime() || !now.state().equals("AUTHORIZING")) {
                return;
            }
            store.put(scope, token != null ? now.authorized(token, clock.millis())
                    : now.withState("DEAUTHORIZED", reason, now.lastModifiedTime()));
        }
        if (reason != null) {
            LOG.log(System.Logger.Level.INFO, "connection " + connection.arn() + " not authorized: " + reason);
        }
    }

    private String fetch(Map<String, Object> oauth) throws IOException, InterruptedException {
        Map<String, Object> client = Connections.map(oauth.get("ClientParameters"));
        Map<String, Object> parameters = Connections.map(oauth.get("OAuthHttpParameters"));
        Map<String, String> query = Connections.pairs(parameters, "QueryStringParameters");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.putAll(Connections.pairs(parameters, "BodyParameters"));
        String endpoint = Connections.string(oauth, "AuthorizationEndpoint");
        String url = query.isEmpty() ? endpoint : endpoint + (endpoint.contains("?") ? "&" : "?") + encoded(query);
        String credentials = Connections.string(client, "ClientID") + ":" + Connections.string(client, "ClientSecret");
        String method = Connections.string(oauth, "HttpMethod") == null ? "POST" : Connections.string(oauth, "HttpMethod");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(encoded(form)));
        Connections.pairs(parameters, "HeaderParameters").forEach(request::header);
        HttpResponse<String> answer = HttpClients.shared().send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IOException(endpoint + " answered " + answer.statusCode());
        }
        JsonNode body = RecordJson.tree(answer.body());
        if (body == null || !body.path("access_token").isTextual()) {
            throw new IOException(endpoint + " answered no access_token");
        }
        return body.path("access_token").asText();
    }

    static String encoded(Map<String, String> pairs) {
        return pairs.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
