package dev.cloudjar.events.store;

import java.util.LinkedHashMap;
import java.util.Map;

/** An event bus as stored; the {@code default} bus is never stored, it exists in every scope. */
public record BusRecord(String name, String arn, String description, long creationTime, Map<String, String> tags) {
    public BusRecord {
        tags = tags == null ? Map.of() : new LinkedHashMap<>(tags);
    }

    public BusRecord withTags(Map<String, String> changed) {
        return new BusRecord(name, arn, description, creationTime, changed);
    }
}
