package dev.cloudjar.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The traits applied to a shape or member, by absolute trait id ("smithy.api#required"). */
public final class Traits {
    public static final Traits NONE = new Traits(Map.of());

    private final Map<String, JsonNode> traits;

    public Traits(Map<String, JsonNode> traits) {
        this.traits = Collections.unmodifiableMap(new LinkedHashMap<>(traits));
    }

    /** Accepts both "required" and "smithy.api#required". */
    private static String id(String trait) {
        return trait.indexOf('#') < 0 ? "smithy.api#" + trait : trait;
    }

    public boolean has(String trait) {
        return traits.containsKey(id(trait));
    }

    /** The trait's value, or null when absent. */
    public JsonNode get(String trait) {
        return traits.get(id(trait));
    }

    /** The trait's value as text (for string-valued traits like jsonName), or null. */
    public String string(String trait) {
        JsonNode node = traits.get(id(trait));
        return node == null || node instanceof NullNode ? null : node.asText();
    }

    /** A text property of an object-valued trait (e.g. http.method), or null. */
    public String string(String trait, String property) {
        JsonNode node = traits.get(id(trait));
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
