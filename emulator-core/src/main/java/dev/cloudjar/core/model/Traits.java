package dev.cloudjar.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The traits applied to a shape or member, by absolute trait id ("smithy.api#required"). */
public final class Traits {
    public static final Traits NONE = new Traits(Map.of());

    private static final String PRELUDE = "smithy.api#";

    private final Map<String, JsonNode> traits;
    /** The traits by absolute id and, for the prelude's, by bare name too: codecs ask per request. */
    private final Map<String, JsonNode> byName;

    public Traits(Map<String, JsonNode> traits) {
        this.traits = Collections.unmodifiableMap(new LinkedHashMap<>(traits));
        Map<String, JsonNode> names = new HashMap<>(traits);
        traits.forEach((id, value) -> {
            if (id.startsWith(PRELUDE)) {
                names.put(id.substring(PRELUDE.length()), value);
            }
        });
        this.byName = names;
    }

    public boolean has(String trait) {
        return byName.containsKey(trait);
    }

    /** The trait's value, or null when absent; accepts both "required" and "smithy.api#required". */
    public JsonNode get(String trait) {
        return byName.get(trait);
    }

    /** The trait's value as text (for string-valued traits like jsonName), or null. */
    public String string(String trait) {
        JsonNode node = byName.get(trait);
        return node == null || node instanceof NullNode ? null : node.asText();
    }

    /** A text property of an object-valued trait (e.g. http.method), or null. */
    public String string(String trait, String property) {
        JsonNode node = byName.get(trait);
        JsonNode value = node == null ? null : node.get(property);
        return value == null || value.isNull() ? null : value.asText();
    }

    public Map<String, JsonNode> all() {
        return traits;
    }

    /** These traits with {@code overrides} applied on top (member traits over target traits). */
    public Traits merge(Traits overrides) {
        if (overrides.traits.isEmpty()) {
            return this;
        }
        Map<String, JsonNode> merged = new LinkedHashMap<>(traits);
        merged.putAll(overrides.traits);
        return new Traits(merged);
    }

    @Override
    public String toString() {
        return traits.keySet().toString();
    }
}
