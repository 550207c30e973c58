package dev.cloudjar.s3.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts parsed configuration documents (maps, lists, scalars and timestamps, as the codec
 * hands them over) to a JSON-storable form and back: a timestamp is kept as {"$instant": text}.
 */
public final class Documents {
    private static final String INSTANT = "$instant";

    private Documents() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> storable(Map<String, Object> document) {
        return (Map<String, Object>) convert(document, true);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> restored(Map<String, Object> document) {
        return document == null ? null : (Map<String, Object>) convert(document, false);
    }

    private static Object convert(Object value, boolean toStorable) {
        if (value instanceof Instant instant && toStorable) {
            return Map.of(INSTANT, instant.toString());
        }
        if (value instanceof Map<?, ?> map) {
            if (!toStorable && map.size() == 1 && map.get(INSTANT) instanceof String text) {
                return Instant.parse(text);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k.toString(), convert(v, toStorable)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(convert(v, toStorable)));
            return out;
        }
        return value;
    }
}
