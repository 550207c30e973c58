package dev.cloudjar.events.put;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.core.events.CompiledPatterns;
import dev.cloudjar.core.events.PatternSet;
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
import dev.cloudjar.events.deadletter.DeadLetterAttributes;
import dev.cloudjar.events.destination.ApiDestinations;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * PutEvents: every entry is checked before any is delivered; each valid one becomes an event in
 * EventBridge's envelope ("Amazon EventBridge events"), matched against every enabled rule of its
 * bus, and handed to each target of each matching rule through core's delivery queue, with the
 * target's retry policy and dead-letter queue. SQS queues, Lambda functions, SNS topics, event
 * buses and API destinations (an HTTP request, {@link ApiDestinations}) receive events; targets of
 * other services are kept but receive nothing yet.
 */
public final class PutEventsOperations {
    /** An event's {@code time}: UTC, to the second. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    /** "Amazon EventBridge quotas": 256 KB for a PutEvents request's entries. */
    private static final int MAX_ENTRIES_SIZE = 256 * 1024;
    private static final Set<String> DELIVERED = Set.of("sqs", "lambda", "sns", "events");
    /** A target's retry policy when it states none ("Retrying events": 185 times, for 24 hours). */
    private static final int DEFAULT_RETRIES = 185;
    private static final int DEFAULT_EVENT_AGE_SECONDS = 86400;

    private final EventsStore store;
    private final Deliveries deliveries;
    private final CompiledPatterns patterns;
    private final Clock clock;
    private final AcceptedEvents accepted;
    private final ApiDestinations apiDestinations;

    public PutEventsOperations(EventsStore store, Deliveries deliveries, CompiledPatterns patterns, Clock clock,
                               AcceptedEvents accepted) {
        this.store = store;
        this.deliveries = deliveries;
        this.patterns = patterns;
        this.clock = clock;
        this.accepted = accepted;
        this.apiDestinations = new ApiDestinations(store);
    }

    /** What else sees each event PutEvents accepts on a bus (its archives), before it is delivered. */
    @FunctionalInterface
    public interface AcceptedEvents {
        void accepted(Scope scope, String busName, ObjectNode event);
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
        // Each bus's rules are read once for the request, not once per event.
        Map<String, List<RuleRecord>> rulesByBus = new HashMap<>();
        for (Event event : accepted) {
            this.accepted.accepted(scope, event.busName(), event.body());
            List<RuleRecord> rules = rulesByBus.computeIfAbsent(event.busName(), bus -> store.rules(scope, bus));
            deliver(scope, rules, event.body(), ingestion, rule -> true, false);
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

    /** Routes an event a rule of another bus forwarded to this one (a bus target); the bus's archives keep it too. */
    void forward(Scope scope, String busName, ObjectNode event) {
        accepted.accepted(scope, busName, event);
        deliver(scope, store.rules(scope, busName), event, TIME.format(clock.instant()), rule -> true, true);
    }

    /** A bus's rules, read once for the several events a caller hands to {@link #deliver}. */
    public List<RuleRecord> rules(Scope scope, String busName) {
        return store.rules(scope, busName);
    }

    /**
     * Hands an event to the targets of each enabled rule among {@code busRules} (a bus's, from
     * {@link #rules}) that passes {@code rules} and whose pattern matches it (a replay names the
     * rules it is limited to).
     */
    public void deliver(Scope scope, List<RuleRecord> busRules, ObjectNode event, String ingestionTime,
                        Predicate<RuleRecord> rules) {
        deliver(scope, busRules, event, ingestionTime, rules, false);
    }

    /**
     * Matches the event against every enabled rule with a pattern among {@code rules} (a bus's) in
     * one pass of core's {@link PatternSet}, then hands it to the matching rules' targets.
     *
     * @param forwarded whether the event came from another bus's rule
     */
    private void deliver(Scope scope, List<RuleRecord> busRules, ObjectNode event, String ingestionTime,
                         Predicate<RuleRecord> rules, boolean forwarded) {
        Map<String, String> patternsByName = new LinkedHashMap<>();
        List<RuleRecord> candidates = new ArrayList<>();
        for (RuleRecord rule : busRules) {
            if (rule.enabled() && rule.eventPattern() != null && rules.test(rule)) {
                patternsByName.put(rule.name(), rule.eventPattern());
                candidates.add(rule);
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        Set<String> matching = patterns.set(patternsByName).matching(event.toString());
        for (RuleRecord rule : candidates) {
            if (matching.contains(rule.name())) {
                deliverToTargets(scope, rule, event, ingestionTime, forwarded);
            }
        }
    }

    /** Hands {@code event} to each target of {@code rule} (a matching rule's, or a scheduled rule's own event). */
    public void deliverToTargets(Scope scope, RuleRecord rule, ObjectNode event, String ingestionTime) {
        deliverToTargets(scope, rule, event, ingestionTime, false);
    }

    /**
     * An event bus target gets the event itself, as EventBridge forwards it; an event that came
     * from another bus is not forwarded again ("Sending and receiving events between event buses
     * in the same account and Region": EventBridge can't route events received from a sender event
     * bus to a third event bus), which also keeps rules that name each other's buses from looping.
     */
    private void deliverToTargets(Scope scope, RuleRecord rule, ObjectNode event, String ingestionTime, boolean forwarded) {
        for (TargetRecord target : store.targets(scope, rule.eventBusName(), rule.name())) {
            Arn arn = Arn.parse(target.arn());
            if (ApiDestinations.isApiDestination(arn)) {
                String body = TargetInput.body(target, rule, event, ingestionTime);
                apiDestinations.request(target, event, body).ifPresent(request ->
                        deliveries.submit(request.delivery(rule.arn(), scope.accountId(), retry(target))));
                continue;
            }
            if (!DELIVERED.contains(arn.service())) {
                continue;
            }
            if (arn.service().equals("events")) {
                if (!forwarded) {
                    deliveries.submit(new Delivery(BusReceivers.FORWARDED, target.arn(), event.toString(), Map.of(), null,
                            null, rule.arn(), scope.accountId(), retry(target), target.deadLetterArn(),
                            DeadLetterAttributes.NAME));
                }
                continue;
            }
            String body = TargetInput.body(target, rule, event, ingestionTime);
            boolean fifo = arn.service().equals("sqs") && target.arn().endsWith(".fifo");
            deliveries.submit(new Delivery(null, target.arn(), body, Map.of(),
                    fifo ? target.messageGroupId() : null, fifo ? event.path("id").asText() : null,
                    rule.arn(), scope.accountId(), retry(target), target.deadLetterArn(), DeadLetterAttributes.NAME));
        }
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
