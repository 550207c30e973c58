package dev.cloudjar.events.put;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.core.events.CompiledPatterns;
import dev.cloudjar.core.events.Dialect;
import dev.cloudjar.core.events.EventPattern;
import dev.cloudjar.core.events.InvalidPatternException;
import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Deliveries;
import dev.cloudjar.core.spi.Delivery;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.RetryPolicy;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.events.EventsErrors;
import dev.cloudjar.events.store.Buses;
import dev.cloudjar.events.store.EventsStore;
import dev.cloudjar.events.store.RuleRecord;
import dev.cloudjar.events.store.TargetRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * PutEvents: every entry is checked before any is delivered; each valid one becomes an event in
 * EventBridge's envelope ("Amazon EventBridge events"), matched against every enabled rule of its
 * bus, and handed to each target of each matching rule through core's delivery queue, with the
 * target's retry policy and dead-letter queue. SQS queues, Lambda functions and SNS topics receive
 * events; targets of other services are kept but receive nothing yet.
 */
public final class PutEventsOperations {
    /** An event's {@code time}: UTC, to the second. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    /** "Amazon EventBridge quotas": 256 KB for a PutEvents request's entries. */
    private static final int MAX_ENTRIES_SIZE = 256 * 1024;
    private static final Set<String> DELIVERED = Set.of("sqs", "lambda", "sns");
    /** A target's retry policy when it states none ("Retrying events": 185 times, for 24 hours). */
    private static final int DEFAULT_RETRIES = 185;
    private static final int DEFAULT_EVENT_AGE_SECONDS = 86400;

    private final EventsStore store;
    private final Deliveries deliveries;
    private final CompiledPatterns patterns;
    private final Clock clock;

    public PutEventsOperations(EventsStore store, Deliveries deliveries, CompiledPatterns patterns, Clock clock) {
        this.store = store;
        this.deliveries = deliveries;
        this.patterns = patterns;
        this.clock = clock;
    }

    public Output putEvents(RequestContext context, Input input) {
        Scope scope = context.scope();
        List<Input> entries = input.list("Entries").stream().map(e -> new Input(map(e))).toList();
        if (entries.stream().mapToLong(PutEventsOperations::size).sum() > MAX_ENTRIES_SIZE) {
            throw EventsErrors.validation("Total size of the entries in the request is over the limit.");
        }
        List<Map<String, Object>> results = new ArrayList<>();
        List<Event> accepted = new ArrayList<>();
        Instant now = clock.instant();
        for (Input entry : entries) {
            Map<String, Object> failure = check(scope, entry);
            if (failure != null) {
                results.add(failure);
                continue;
            }
            String id = UUID.randomUUID().toString();
            accepted.add(new Event(Buses.name(entry.string("EventBusName")), envelope(context, entry, id, now)));
            results.add(Map.of("EventId", id));
        }
        String ingestion = TIME.format(now);
        for (Event event : accepted) {
            deliver(scope, event, ingestion);
        }
        int failed = entries.size() - accepted.size();
        return Output.of("FailedEntryCount", failed).put("Entries", results);
    }

    private record Event(String busName, ObjectNode body) {
    }

    /** The entry's error as EventBridge reports it in the result, or null for a valid entry. */
    private Map<String, Object> check(Scope scope, Input entry) {
        if (blank(entry.string("Source"))) {
            return failure("InvalidArgument", "Parameter Source is not valid. Reason: Source is a required argument.");
        }
        if (blank(entry.string("DetailType"))) {
            return failure("InvalidArgument", "Parameter DetailType is not valid. Reason: DetailType is a required argument.");
        }
        if (blank(entry.string("Detail"))) {
            return failure("InvalidArgument", "Parameter Detail is not valid. Reason: Detail is a required argument.");
        }
        try {
            if (!RecordJson.tree(entry.string("Detail")).isObject()) {
                return failure("MalformedDetail", "Detail is malformed.");
            }
        } catch (IOException e) {
            return failure("MalformedDetail", "Detail is malformed.");
        }
        String bus = Buses.name(entry.string("EventBusName"));
        if (!Buses.exists(store, scope, bus)) {
            return failure("ResourceNotFoundException", "Event bus " + bus + " does not exist.");
        }
        return null;
    }

    private ObjectNode envelope(RequestContext context, Input entry, String id, Instant now) {
        ObjectNode event = RecordJson.mapper().createObjectNode();
        event.put("version", "0");
        event.put("id", id);
        event.put("detail-type", entry.string("DetailType"));
        event.put("source", entry.string("Source"));
        event.put("account", context.accountId());
        event.put("time", TIME.format(entry.has("Time") ? entry.timestamp("Time") : now));
        event.put("region", context.region());
        ArrayNode resources = event.putArray("resources");
        if (entry.list("Resources") != null) {
            entry.list("Resources").forEach(r -> resources.add((String) r));
        }
        try {
            event.set("detail", RecordJson.tree(entry.string("Detail")));
        } catch (IOException e) {
            throw new IllegalStateException("Detail was checked to be JSON", e);
        }
        return event;
    }

    private void deliver(Scope scope, Event event, String ingestionTime) {
        String json = event.body().toString();
        for (RuleRecord rule : store.rules(scope, event.busName())) {
            if (!rule.enabled() || rule.eventPattern() == null || !matches(rule, json)) {
                continue;
            }
            deliverToTargets(scope, rule, event.body(), ingestionTime);
        }
    }

    /** Hands {@code event} to each target of {@code rule} (a matching rule's, or a scheduled rule's own event). */
    public void deliverToTargets(Scope scope, RuleRecord rule, ObjectNode event, String ingestionTime) {
        for (TargetRecord target : store.targets(scope, rule.eventBusName(), rule.name())) {
            Arn arn = Arn.parse(target.arn());
            if (!DELIVERED.contains(arn.service())) {
                continue;
            }
            String body = TargetInput.body(target, rule, event, ingestionTime);
            boolean fifo = arn.service().equals("sqs") && target.arn().endsWith(".fifo");
            deliveries.submit(new Delivery(null, target.arn(), body, Map.of(),
                    fifo ? target.messageGroupId() : null, fifo ? event.path("id").asText() : null,
                    rule.arn(), scope.accountId(), retry(target), target.deadLetterArn()));
        }
    }

    private boolean matches(RuleRecord rule, String event) {
        EventPattern pattern;
        try {
            pattern = patterns.get(rule.eventPattern(), Dialect.EVENTBRIDGE);
        } catch (InvalidPatternException e) {
            // Checked by PutRule; a pattern stored by an older server that no longer compiles matches nothing.
            return false;
        }
        return pattern.matches(event);
    }

    /** The target's RetryPolicy in core's terms: retries after the first attempt, with back-off. */
    private static RetryPolicy retry(TargetRecord target) {
        int retries = target.maximumRetryAttempts() == null ? DEFAULT_RETRIES : target.maximumRetryAttempts();
        int age = target.maximumEventAgeInSeconds() == null ? DEFAULT_EVENT_AGE_SECONDS : target.maximumEventAgeInSeconds();
        return RetryPolicy.retries(retries, Duration.ofSeconds(age));
    }

    /** An entry's size as EventBridge counts it ("Calculating PutEvents event entry size"). */
    private static long size(Input entry) {
        long size = entry.has("Time") ? 14 : 0;
        for (String member : List.of("Source", "DetailType", "Detail")) {
            if (entry.has(member)) {
                size += entry.string(member).getBytes(StandardCharsets.UTF_8).length;
            }
        }
        if (entry.list("Resources") != null) {
            for (Object r : entry.list("Resources")) {
                size += ((String) r).getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return size;
    }

    private static Map<String, Object> failure(String code, String message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ErrorCode", code);
        out.put("ErrorMessage", message);
        return out;
    }

    private static boolean blank(String value) {
        return value == null || value.isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
