package dev.cloudjar.events.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.AwsCalls;
import dev.cloudjar.core.spi.Deliveries;
import dev.cloudjar.core.spi.Delivery;
import dev.cloudjar.core.spi.EventBusEntry;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.events.EventsErrors;
import dev.cloudjar.events.store.Buses;
import dev.cloudjar.events.store.EventsStore;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two ways an event reaches a bus through core's delivery queue:
 * <ul>
 *   <li>{@code events}: another service puts an event on a bus (Lambda's destination record, S3's
 *       object events): the delivery's body is an {@link EventBusEntry}, run as EventBridge's own
 *       PutEvents on the bus its ARN names, called as the source's service principal;</li>
 *   <li>{@value #FORWARDED}: a rule's event bus target: the body is the event as the sender bus
 *       matched it (same id, time, source, detail-type, detail), routed to the receiving bus's rules.</li>
 * </ul>
 * A missing bus is a client error, so the delivery is given up (to the target's dead-letter
 * queue, if it has one) rather than retried.
 */
public final class BusReceivers {
    public static final String FORWARDED = "events:bus-target";

    private BusReceivers() {
    }

    public static void register(Deliveries deliveries, AwsCalls calls, EventsStore store, PutEventsOperations put) {
        deliveries.register("events", (delivery, attempt) -> putEvent(calls, delivery));
        deliveries.register(FORWARDED, (delivery, attempt) -> forward(store, put, delivery));
    }

    private static void putEvent(AwsCalls calls, Delivery delivery) {
        EventBusEntry entry = EventBusEntry.parse(delivery.body());
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("Source", entry.source());
        member.put("DetailType", entry.detailType());
        member.put("Detail", entry.detail());
        if (!entry.resources().isEmpty()) {
            member.put("Resources", entry.resources());
        }
        member.put("EventBusName", delivery.targetArn());
        Output out = calls.call(delivery.callContext(), "events", "PutEvents", new Input(Map.of("Entries", List.of(member))));
        if (((Number) out.members().get("FailedEntryCount")).intValue() == 0) {
            return;
        }
        Map<?, ?> failure = (Map<?, ?>) ((List<?>) out.members().get("Entries")).get(0);
        String code = String.valueOf(failure.get("ErrorCode"));
        String message = String.valueOf(failure.get("ErrorMessage"));
        // PutEvents reports an entry's failure in its answer; the queue needs it thrown to retry
        // (EventBridge's InternalFailure) or give up (anything the entry itself got wrong).
        throw code.equals("InternalFailure") ? new AwsException(code, 500, message) : AwsException.client(code, message);
    }

    private static void forward(EventsStore store, PutEventsOperations put, Delivery delivery) {
        Scope scope = delivery.target().scope();
        String bus = Buses.name(delivery.targetArn());
        if (!Buses.exists(store, scope, bus)) {
            throw EventsErrors.busNotFound(bus);
        }
        JsonNode event;
        try {
            event = RecordJson.tree(delivery.body());
        } catch (IOException e) {
            throw new IllegalStateException("a forwarded event is the JSON its sender bus matched", e);
        }
        put.forward(scope, bus, (ObjectNode) event);
    }
}
