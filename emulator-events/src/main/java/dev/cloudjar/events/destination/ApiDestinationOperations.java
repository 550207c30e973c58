package dev.cloudjar.events.destination;

import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.Pages;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.events.EventsErrors;
import dev.cloudjar.events.store.ApiDestinationRecord;
import dev.cloudjar.events.store.EventsStore;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * CreateApiDestination, DescribeApiDestination, UpdateApiDestination, DeleteApiDestination and
 * ListApiDestinations. The connection an API destination names must exist. EventBridge takes only
 * https endpoints; Cloudjar takes http too, so a test's local server can be one.
 * InvocationRateLimitPerSecond (default 300) is stored, not enforced.
 */
public final class ApiDestinationOperations {
    /** "API destinations": the invocation rate when none is given. */
    private static final int DEFAULT_RATE = 300;

    private final EventsStore store;
    private final Clock clock;

    public ApiDestinationOperations(EventsStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Output createApiDestination(RequestContext context, Input input) {
        Scope scope = context.scope();
        String name = input.string("Name");
        checkEndpoint(input.string("InvocationEndpoint"));
        checkConnection(scope, input.string("ConnectionArn"));
        ApiDestinationRecord created;
        try (StripedLocks.Held ignored = store.lockConnection(scope, "api-destination/" + name)) {
            if (store.apiDestination(scope, name).isPresent()) {
                throw EventsErrors.resourceExists("An api-destination '" + name + "' already exists.");
            }
            long now = clock.millis();
            created = new ApiDestinationRecord(name, Arn.of("events", scope, "api-destination/" + name + "/"
                    + UUID.randomUUID()).toString(), input.string("Description"), input.string("ConnectionArn"),
                    input.string("InvocationEndpoint"), input.string("HttpMethod"),
                    input.integer("InvocationRateLimitPerSecond") == null ? DEFAULT_RATE
                            : input.integer("InvocationRateLimitPerSecond"), "ACTIVE", now, now);
            store.put(scope, created);
        }
        return summary(created);
    }

    public Output describeApiDestination(RequestContext context, Input input) {
        ApiDestinationRecord d = destination(context.scope(), input.string("Name"), "describe");
        return Output.of("ApiDestinationArn", d.arn()).put("Name", d.name()).put("Description", d.description())
                .put("ApiDestinationState", d.state()).put("ConnectionArn", d.connectionArn())
                .put("InvocationEndpoint", d.invocationEndpoint()).put("HttpMethod", d.httpMethod())
                .put("InvocationRateLimitPerSecond", d.invocationRateLimitPerSecond())
                .put("CreationTime", Instant.ofEpochMilli(d.creationTime()))
                .put("LastModifiedTime", Instant.ofEpochMilli(d.lastModifiedTime()));
    }

    public Output updateApiDestination(RequestContext context, Input input) {
        Scope scope = context.scope();
        String name = input.string("Name");
        if (input.has("InvocationEndpoint")) {
            checkEndpoint(input.string("InvocationEndpoint"));
        }
        if (input.has("ConnectionArn")) {
            checkConnection(scope, input.string("ConnectionArn"));
        }
        try (StripedLocks.Held ignored = store.lockConnection(scope, "api-destination/" + name)) {
            ApiDestinationRecord d = destination(scope, name, "update");
            ApiDestinationRecord updated = new ApiDestinationRecord(d.name(), d.arn(),
                    input.has("Description") ? input.string("Description") : d.description(),
                    input.has("ConnectionArn") ? input.string("ConnectionArn") : d.connectionArn(),
                    input.has("InvocationEndpoint") ? input.string("InvocationEndpoint") : d.invocationEndpoint(),
                    input.has("HttpMethod") ? input.string("HttpMethod") : d.httpMethod(),
                    input.has("InvocationRateLimitPerSecond") ? input.integer("InvocationRateLimitPerSecond")
                            : d.invocationRateLimitPerSecond(), d.state(), d.creationTime(), clock.millis());
            store.put(scope, updated);
            return summary(updated);
        }
    }

    public Output deleteApiDestination(RequestContext context, Input input) {
        Scope scope = context.scope();
        String name = input.string("Name");
        try (StripedLocks.Held ignored = store.lockConnection(scope, "api-destination/" + name)) {
            destination(scope, name, "delete");
            store.deleteApiDestination(scope, name);
        }
        return Output.empty();
    }

    public Output listApiDestinations(RequestContext context, Input input) {
        String prefix = input.string("NamePrefix") == null ? "" : input.string("NamePrefix");
        String connection = input.string("ConnectionArn");
        List<ApiDestinationRecord> matching = store.apiDestinations(context.scope()).stream()
                .filter(d -> d.name().startsWith(prefix) && (connection == null || d.connectionArn().equals(connection)))
                .toList();
        int size = input.integer("Limit") == null ? EventsErrors.PAGE_SIZE : input.integer("Limit");
        Pages<ApiDestinationRecord> page = Pages.of(matching, ApiDestinationRecord::name, input.string("NextToken"), size,
                EventsErrors::invalidNextToken);
        return Output.of("ApiDestinations", page.items().stream().map(d -> {
            Map<String, Object> listed = new LinkedHashMap<>();
            listed.put("ApiDestinationArn", d.arn());
            listed.put("Name", d.name());
            listed.put("ApiDestinationState", d.state());
            listed.put("ConnectionArn", d.connectionArn());
            listed.put("InvocationEndpoint", d.invocationEndpoint());
            listed.put("HttpMethod", d.httpMethod());
            listed.put("InvocationRateLimitPerSecond", d.invocationRateLimitPerSecond());
            listed.put("CreationTime", Instant.ofEpochMilli(d.creationTime()));
            listed.put("LastModifiedTime", Instant.ofEpochMilli(d.lastModifiedTime()));
            return listed;
        }).toList()).put("NextToken", page.nextToken());
    }

    private static Output summary(ApiDestinationRecord d) {
        return Output.of("ApiDestinationArn", d.arn()).put("ApiDestinationState", d.state())
                .put("CreationTime", Instant.ofEpochMilli(d.creationTime()))
                .put("LastModifiedTime", Instant.ofEpochMilli(d.lastModifiedTime()));
    }

    private ApiDestinationRecord destination(Scope scope, String name, String action) {
        return store.apiDestination(scope, name).orElseThrow(() -> EventsErrors.apiDestinationNotFound(name, action));
    }

    private static void checkEndpoint(String endpoint) {
        try {
            URI uri = URI.create(endpoint.replace("*", "x"));
            if (uri.getHost() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            throw EventsErrors.validation("Parameter InvocationEndpoint is not valid. Reason: " + endpoint
                    + " is not a valid HTTP endpoint.");
        }
    }

    /** The connection's ARN names a connection of this scope: {@code connection/<name>/<id>}. */
    private void checkConnection(Scope scope, String connectionArn) {
        String name = ApiDestinations.connectionName(connectionArn);
        if (name == null) {
            throw EventsErrors.validation("Parameter ConnectionArn is not valid. Reason: Provided Arn is not in correct format.");
        }
        if (store.connection(scope, name).filter(c -> c.arn().equals(connectionArn)).isEmpty()) {
            throw EventsErrors.connectionNotFound(name, "describe");
        }
    }
}
