package dev.cloudjar.lambda.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.lambda.LambdaErrors;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An event source mapping's FilterCriteria: a record goes to the function when any pattern
 * matches it. Patterns use the EventBridge syntax Lambda supports: every field of the pattern
 * must match (nested objects descend into the record), and a field's array lists alternatives,
 * each an exact value (string, number, boolean, null) or one of {@code prefix}, {@code suffix},
 * {@code equals-ignore-case}, {@code anything-but}, {@code numeric} and {@code exists}. A record
 * field holding an array matches when one of its elements does.
 */
public final class EventFilter {
    private final List<JsonNode> patterns;

    private EventFilter(List<JsonNode> patterns) {
        this.patterns = patterns;
    }

    /** The filter of the given patterns (none lets everything through); InvalidParameterValue for one that is not a JSON object. */
    public static EventFilter of(List<String> patterns) {
        List<JsonNode> parsed = new ArrayList<>();
        for (String pattern : patterns == null ? List.<String>of() : patterns) {
            parsed.add(parse(pattern));
        }
        return new EventFilter(parsed);
    }

    static JsonNode parse(String pattern) {
        try {
            JsonNode node = RecordJson.tree(pattern);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // reported below
        }
        throw LambdaErrors.invalidParameter("Invalid filter pattern definition.");
    }

    /** Whether the record (as its event JSON has it) passes. */
    public boolean matches(Map<String, Object> record) {
        if (patterns.isEmpty()) {
            return true;
        }
        JsonNode json = RecordJson.mapper().valueToTree(record);
        return patterns.stream().anyMatch(p -> matchesObject(p, json));
    }

    private static boolean matchesObject(JsonNode pattern, JsonNode record) {
        Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = record == null ? null : record.get(field.getKey());
            if (!matchesField(field.getValue(), value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesField(JsonNode pattern, JsonNode value) {
        if (pattern.isObject()) {
            return value != null && value.isObject() && matchesObject(pattern, value);
        }
        if (!pattern.isArray()) {
            return false;
        }
        for (JsonNode alternative : pattern) {
            if (alternative.isObject() && alternative.has("exists")) {
                if (alternative.get("exists").asBoolean() == (value != null && !value.isNull())) {
                    return true;
                }
            } else if (value != null && (value.isArray() ? anyElement(alternative, value) : matchesValue(alternative, value))) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyElement(JsonNode alternative, JsonNode values) {
        for (JsonNode v : values) {
            if (matchesValue(alternative, v)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesValue(JsonNode alternative, JsonNode value) {
        if (!alternative.isObject()) {
            return equal(alternative, value);
        }
        if (alternative.has("prefix")) {
            return value.isTextual() && value.asText().startsWith(alternative.get("prefix").asText());
        }
        if (alternative.has("suffix")) {
            return value.isTextual() && value.asText().endsWith(alternative.get("suffix").asText());
        }
        if (alternative.has("equals-ignore-case")) {
            return value.isTextual() && value.asText().equalsIgnoreCase(alternative.get("equals-ignore-case").asText());
        }
        if (alternative.has("anything-but")) {
            JsonNode excluded = alternative.get("anything-but");
            if (excluded.isArray()) {
                for (JsonNode e : excluded) {
                    if (equal(e, value)) {
                        return false;
                    }
                }
                return true;
            }
            return !equal(excluded, value);
        }
        if (alternative.has("numeric")) {
            return numeric(alternative.get("numeric"), value);
        }
        return false;
    }

    /** Exact match; numbers compare by value (5 matches 5.0). */
    private static boolean equal(JsonNode expected, JsonNode value) {
        if (expected.isNumber()) {
            return value.isNumber() && value.asDouble() == expected.asDouble();
        }
        return expected.equals(value);
    }

    private static boolean numeric(JsonNode conditions, JsonNode value) {
        Double actual = number(value);
        if (actual == null || !conditions.isArray()) {
            return false;
        }
        for (int i = 0; i + 1 < conditions.size(); i += 2) {
            double bound = conditions.get(i + 1).asDouble();
            boolean ok = switch (conditions.get(i).asText()) {
                case "=" -> actual == bound;
                case "<" -> actual < bound;
                case "<=" -> actual <= bound;
                case ">" -> actual > bound;
                case ">=" -> actual >= bound;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A number, or a numeric string as DynamoDB's N values are. */
    private static Double number(JsonNode value) {
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual()) {
            try {
                return Double.parseDouble(value.asText());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
