package dev.cloudjar.events.bus;

import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.Pages;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.core.spi.TagList;
import dev.cloudjar.events.EventsErrors;
import dev.cloudjar.events.policy.BusPolicies;
import dev.cloudjar.events.store.BusRecord;
import dev.cloudjar.events.store.Buses;
import dev.cloudjar.events.store.EventsStore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CreateEventBus, DeleteEventBus, DescribeEventBus and ListEventBuses. */
public final class BusOperations {
    private final EventsStore store;
    private final Clock clock;
    private final BusPolicies policies;

    public BusOperations(EventsStore store, Clock clock, BusPolicies policies) {
        this.store = store;
        this.clock = clock;
        this.policies = policies;
    }

    public Output createEventBus(RequestContext context, Input input) {
        String name = input.string("Name");
        if (input.has("EventSourceName")) {
            throw EventsErrors.validation("Partner event sources are not supported by Cloudjar.");
        }
        if (name.contains("/")) {
            throw EventsErrors.validation("Event bus name must not contain '/'.");
        }
        Scope scope = context.scope();
        Map<String, String> tags = TagList.toMap(input.list("Tags"));
        try (StripedLocks.Held ignored = store.lock(scope, name)) {
            if (Buses.exists(store, scope, name)) {
                throw EventsErrors.busExists(name);
            }
            BusRecord bus = new BusRecord(name, Buses.arn(scope, name), input.string("Description"), clock.millis(), tags);
            store.put(scope, bus);
            return Output.of("EventBusArn", bus.arn()).put("Description", bus.description());
        }
    }

    /** Deleting a bus that is not there succeeds, as on EventBridge; its rules and targets go with it. */
    public Output deleteEventBus(RequestContext context, Input input) {
        String name = input.string("Name");
        if (Buses.DEFAULT.equals(name)) {
            throw EventsErrors.validation("Cannot delete event bus default.");
        }
        Scope scope = context.scope();
        try (StripedLocks.Held ignored = store.lock(scope, name)) {
            store.deleteBus(scope, name);
            policies.delete(scope, name);
        }
        return Output.empty();
    }

    public Output describeEventBus(RequestContext context, Input input) {
        String name = Buses.name(input.string("Name"));
        Map<String, Object> bus = describe(context.scope(), name);
        Output out = Output.empty();
        bus.forEach(out::put);
        return out;
    }

    public Output listEventBuses(RequestContext context, Input input) {
        Scope scope = context.scope();
        String prefix = input.string("NamePrefix") == null ? "" : input.string("NamePrefix");
        List<String> names = new ArrayList<>();
        names.add(Buses.DEFAULT);
        store.buses(scope).forEach(b -> names.add(b.name()));
        List<String> matching = names.stream().filter(n -> n.startsWith(prefix)).sorted().toList();
        int size = input.integer("Limit") == null ? EventsErrors.PAGE_SIZE : input.integer("Limit");
        Pages<String> page = Pages.of(matching, n -> n, input.string("NextToken"), size, EventsErrors::invalidNextToken);
        return Output.of("EventBuses", page.items().stream().map(n -> describe(scope, n)).toList())
                .put("NextToken", page.nextToken());
    }

    private Map<String, Object> describe(Scope scope, String name) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Name", name);
        out.put("Arn", Buses.arn(scope, name));
        if (!Buses.DEFAULT.equals(name)) {
            BusRecord bus = store.bus(scope, name).orElseThrow(() -> EventsErrors.busNotFound(name));
            if (bus.description() != null) {
                out.put("Description", bus.description());
            }
            out.put("CreationTime", Instant.ofEpochMilli(bus.creationTime()));
            out.put("LastModifiedTime", Instant.ofEpochMilli(bus.creationTime()));
        }
        policies.policy(scope, name).ifPresent(policy -> out.put("Policy", policy));
        return out;
    }
}
