package dev.cloudjar.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An event a service puts on an EventBridge bus: the body of a {@link Delivery} to an event bus
 * ARN ({@code arn:aws:events:<region>:<account>:event-bus/<name>}), which EventBridge's receiver
 * turns into its PutEvents on that bus. The members are PutEventsRequestEntry's (Source,
 * DetailType, Detail as JSON text, Resources), so a producer hands over what its AWS counterpart
 * puts on the bus: Lambda's invocation record, S3's "Object Created".
 */
public record EventBusEntry(String source, String detailType, String detail, List<String> resources) {

    public EventBusEntry {
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    public static EventBusEntry of(String source, String detailType, JsonNode detail, List<String> resources) {
        return new EventBusEntry(source, detailType, detail.toString(), resources);
    }

    /** A delivery of this entry to the bus, caused by {@code sourceArn} (whose service principal puts it). */
    public Delivery delivery(String busArn, String sourceArn, String sourceAccount) {
        return Delivery.of(busArn, json(), sourceArn, sourceAccount);
    }

    /** The delivery body: PutEventsRequestEntry's members, by their API names, as JSON. */
    public String json() {
        ObjectNode entry = RecordJson.mapper().createObjectNode();
        entry.put("Source", source);
        entry.put("DetailType", detailType);
        entry.put("Detail", detail);
        resources.forEach(entry.putArray("Resources")::add);
        return entry.toString();
    }

    /** @throws UncheckedIOException for a body that is not JSON */
    public static EventBusEntry parse(String body) {
        JsonNode entry;
        try {
            entry = RecordJson.tree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> resources = new ArrayList<>();
        entry.path("Resources").forEach(r -> resources.add(r.asText()));
        return new EventBusEntry(text(entry, "Source"), text(entry, "DetailType"), text(entry, "Detail"), resources);
    }

    private static String text(JsonNode entry, String member) {
        JsonNode value = entry.get(member);
        return value == null || value.isNull() ? null : value.asText();
    }
}
