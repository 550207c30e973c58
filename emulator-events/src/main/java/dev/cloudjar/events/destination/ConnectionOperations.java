package dev.cloudjar.events.destination;

import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.Pages;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.events.EventsErrors;
import dev.cloudjar.events.store.ConnectionRecord;
import dev.cloudjar.events.store.EventsStore;

import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * CreateConnection, DescribeConnection, UpdateConnection, DeleteConnection, DeauthorizeConnection
 * and ListConnections. A connection keeps its credentials (BASIC's password, API_KEY's value,
 * OAuth's client secret, secret invocation parameters) for the requests it authorizes and never
 * answers them, as EventBridge keeps them in a Secrets Manager secret (its SecretArn is
 * answered, no such secret is made). BASIC and API_KEY connections are AUTHORIZED at once; an
 * OAuth connection is AUTHORIZING until its token arrives ({@link OAuthTokens}).
 */
public final class ConnectionOperations {
    private final EventsStore store;
    private final OAuthTokens tokens;
    private final Clock clock;

    public ConnectionOperations(EventsStore store, OAuthTokens tokens, Clock clock) {
        this.store = store;
        this.tokens = tokens;
        this.clock = clock;
    }

    public Output createConnection(RequestContext context, Input input) {
        String name = input.string("Name");
        String type = input.string("AuthorizationType");
        Map<String, Object> auth = input.map("AuthParameters");
        checkAuth(type, auth);
        Scope scope = context.scope();
        ConnectionRecord created;
        try (StripedLocks.Held ignored = store.lockConnection(scope, name)) {
            if (store.connection(scope, name).isPresent()) {
                throw EventsErrors.resourceExists("Connection " + name + " already exists.");
            }
            long now = clock.millis();
            boolean oauth = type.equals(Connections.OAUTH);
            String id = UUID.randomUUID().toString();
            created = new ConnectionRecord(name, Arn.of("events", scope, "connection/" + name + "/" + id).toString(),
                    input.string("Description"), type, auth, oauth ? "AUTHORIZING" : "AUTHORIZED", null,
                    secretArn(scope, name, id), null, now, now, oauth ? null : now);
            store.put(scope, created);
        }
        if (created.state().equals("AUTHORIZING")) {
            tokens.authorizeLater(scope, name);
        }
        return Output.of("ConnectionArn", created.arn()).put("ConnectionState", created.state())
                .put("CreationTime", Instant.ofEpochMilli(created.creationTime()))
                .put("LastModifiedTime", Instant.ofEpochMilli(created.lastModifiedTime()));
    }

    /** EventBridge's secret names: {@code events!connection/<name>/<id>} and Secrets Manager's six random characters. */
    private static String secretArn(Scope scope, String name, String id) {
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return Arn.of("secretsmanager", scope, "secret:events!connection/" + name + "/" + id + "-"
                + HexFormat.of().formatHex(random)).toString();
    }

    public Output describeConnection(RequestContext context, Input input) {
        ConnectionRecord c = connection(context.scope(), input.string("Name"), "describe");
        Output out = Output.of("ConnectionArn", c.arn()).put("Name", c.name()).put("Description", c.description())
                .put("ConnectionState", c.state()).put("StateReason", c.stateReason())
                .put("AuthorizationType", c.authorizationType()).put("SecretArn", c.secretArn())
                .put("AuthParameters", shown(c.authParameters()));
        return times(out, c);
    }

    /** The AuthParameters an answer shows: user names, key names, client ids and endpoints, never a secret. */
    private static Map<String, Object> shown(Map<String, Object> auth) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> basic = Connections.map(auth.get("BasicAuthParameters"));
        if (!basic.isEmpty()) {
            out.put("BasicAuthParameters", Map.of("Username", basic.get("Username")));
        }
        Map<String, Object> apiKey = Connections.map(auth.get("ApiKeyAuthParameters"));
        if (!apiKey.isEmpty()) {
            out.put("ApiKeyAuthParameters", Map.of("ApiKeyName", apiKey.get("ApiKeyName")));
        }
        Map<String, Object> oauth = Connections.map(auth.get("OAuthParameters"));
        if (!oauth.isEmpty()) {
            Map<String, Object> shownOAuth = new LinkedHashMap<>();
            Map<String, Object> client = Connections.map(oauth.get("ClientParameters"));
            shownOAuth.put("ClientParameters", Map.of("ClientID", client.get("ClientID")));
            shownOAuth.put("AuthorizationEndpoint", oauth.get("AuthorizationEndpoint"));
            shownOAuth.put("HttpMethod", oauth.get("HttpMethod"));
            if (oauth.get("OAuthHttpParameters") != null) {
                shownOAuth.put("OAuthHttpParameters", Connections.withoutSecretValues(Connections.map(oauth.get("OAuthHttpParameters"))));
            }
            out.put("OAuthParameters", shownOAuth);
        }
        if (auth.get("InvocationHttpParameters") != null) {
            out.put("InvocationHttpParameters", Connections.withoutSecretValues(Connections.map(auth.get("InvocationHttpParameters"))));
        }
        return out;
    }

    /** The given members replace the stored ones; a new authorization type needs its own parameters. */
    public Output updateConnection(RequestContext context, Input input) {
        Scope scope = context.scope();
        String name = input.string("Name");
        ConnectionRecord updated;
        try (StripedLocks.Held ignored = store.lockConnection(scope, name)) {
            ConnectionRecord c = connection(scope, name, "update");
            String type = input.string("AuthorizationType") == null ? c.authorizationType() : input.string("AuthorizationType");
            Map<String, Object> auth = input.map("AuthParameters") == null ? c.authParameters()
                    : Connections.merged(c.authParameters(), input.map("AuthParameters"));
            if (!type.equals(c.authorizationType())) {
                // Only the new type's parameters stay: a BASIC connection made API_KEY sends no password.
                Map<String, Object> kept = new LinkedHashMap<>();
                kept.put(Connections.parametersOf(type), auth.get(Connections.parametersOf(type)));
                if (auth.get("InvocationHttpParameters") != null) {
                    kept.put("InvocationHttpParameters", auth.get("InvocationHttpParameters"));
                }
                auth = kept;
            }
            checkAuth(type, auth);
            long now = Math.max(clock.millis(), c.lastModifiedTime() + 1);
            boolean oauth = type.equals(Connections.OAUTH);
            updated = new ConnectionRecord(c.name(), c.arn(), input.has("Description") ? input.string("Description")
                    : c.description(), type, auth, oauth ? "AUTHORIZING" : "AUTHORIZED", null, c.secretArn(), null,
                    c.creationTime(), now, oauth ? c.lastAuthorizedTime() : Long.valueOf(now));
            store.put(scope, updated);
        }
        if (updated.state().equals("AUTHORIZING")) {
            tokens.authorizeLater(scope, name);
        }
        return times(Output.of("ConnectionArn", updated.arn()).put("ConnectionState", updated.state()), updated);
    }

    public Output deleteConnection(RequestContext context, Input input) {
        Scope scope = context.scope();
        String name = input.string("Name");
        try (StripedLocks.Held ignored = store.lockConnection(scope, name)) {
            ConnectionRecord c = connection(scope, name, "delete");
            store.deleteConnection(scope, name);
            return times(Output.of("ConnectionArn", c.arn()).put("ConnectionState", "DELETING"), c);
        }
    }

    /** Removes the connection's authorization: its API destinations are not invoked until UpdateConnection. */
    public Output deauthorizeConnection(RequestContext context, Input input) {
        Scope scope = context.scope();
        String name = input.string("Name");
        try (StripedLocks.Held ignored = store.lockConnection(scope, name)) {
            ConnectionRecord c = connection(scope, name, "deauthorize");
            ConnectionRecord deauthorized = c.withState("DEAUTHORIZED", null, Math.max(clock.millis(), c.lastModifiedTime() + 1));
            store.put(scope, deauthorized);
            return times(Output.of("ConnectionArn", c.arn()).put("ConnectionState", "DEAUTHORIZING"), deauthorized);
        }
    }

    public Output listConnections(RequestContext context, Input input) {
        String prefix = input.string("NamePrefix") == null ? "" : input.string("NamePrefix");
        String state = input.string("ConnectionState");
        List<ConnectionRecord> matching = store.connections(context.scope()).stream()
                .filter(c -> c.name().startsWith(prefix) && (state == null || c.state().equals(state))).toList();
        int size = input.integer("Limit") == null ? EventsErrors.PAGE_SIZE : input.integer("Limit");
        Pages<ConnectionRecord> page = Pages.of(matching, ConnectionRecord::name, input.string("NextToken"), size,
                EventsErrors::invalidNextToken);
        return Output.of("Connections", page.items().stream().map(c -> {
            Map<String, Object> listed = new LinkedHashMap<>();
            listed.put("ConnectionArn", c.arn());
            listed.put("Name", c.name());
            listed.put("ConnectionState", c.state());
            if (c.stateReason() != null) {
                listed.put("StateReason", c.stateReason());
            }
            listed.put("AuthorizationType", c.authorizationType());
            listed.put("CreationTime", Instant.ofEpochMilli(c.creationTime()));
            listed.put("LastModifiedTime", Instant.ofEpochMilli(c.lastModifiedTime()));
            if (c.lastAuthorizedTime() != null) {
                listed.put("LastAuthorizedTime", Instant.ofEpochMilli(c.lastAuthorizedTime()));
            }
            return listed;
        }).toList()).put("NextToken", page.nextToken());
    }

    private static Output times(Output out, ConnectionRecord c) {
        return out.put("CreationTime", Instant.ofEpochMilli(c.creationTime()))
                .put("LastModifiedTime", Instant.ofEpochMilli(c.lastModifiedTime()))
                .put("LastAuthorizedTime", c.lastAuthorizedTime() == null ? null : Instant.ofEpochMilli(c.lastAuthorizedTime()));
    }

    private ConnectionRecord connection(Scope scope, String name, String action) {
        return store.connection(scope, name).orElseThrow(() -> EventsErrors.connectionNotFound(name, action));
    }

    /** The type's own parameters are required, with their required members (the model checks those of a create). */
    private static void checkAuth(String type, Map<String, Object> auth) {
        String member = Connections.parametersOf(type);
        Map<String, Object> parameters = Connections.map(auth == null ? null : auth.get(member));
        if (parameters.isEmpty()) {
            throw EventsErrors.validation("Parameter AuthParameters is not valid. Reason: " + member
                    + " must be specified for AuthorizationType " + type + ".");
        }
        int given = 0;
        for (String kind : List.of("BasicAuthParameters", "ApiKeyAuthParameters", "OAuthParameters")) {
            given += auth.get(kind) == null ? 0 : 1;
        }
        if (given > 1) {
            throw EventsErrors.validation("Parameter AuthParameters is not valid. Reason: only the parameters of"
                    + " AuthorizationType " + type + " may be specified.");
        }
    }
}
