package dev.cloudjar.core.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.event.ruler.Machine;

import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A compiled EventBridge event pattern or SNS filter policy, matched by AWS's own engine
 * (event-ruler, which EventBridge and SNS run). Immutable and safe to share between threads.
 *
 * <p>Where event-ruler and AWS's documentation disagree, this class follows the documentation:
 * <ul>
 *   <li>SNS: {@code "exists": true} needs "a non-null and non-empty value" ("Key matching in
 *       Amazon SNS"); event-ruler counts a null or empty string as present. Such values are dropped
 *       from the message, at the paths the policy tests that way, before matching.</li>
 *   <li>SNS: {@code "exists": false} "only matches if at least one attribute is present. An empty
 *       set of attributes results in the filter not matching"; event-ruler matches an empty event.</li>
 *   <li>SNS: the limits of "Filter policy constraints in Amazon SNS" (five keys, 150 combinations,
 *       no nesting for MessageAttributes) and the absence of wildcard matching, which event-ruler
 *       does not know ({@link FilterPolicyRules}).</li>
 * </ul>
 */
public final class EventPattern {
    /** Field names that make an object a match expression rather than a nested field. */
    static final Set<String> MATCH_KEYWORDS = Set.of("prefix", "suffix", "anything-but", "numeric", "exists",
            "cidr", "equals-ignore-case", "wildcard");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE = "pattern";

    private final String source;
    private final Dialect dialect;
    private final Machine machine;
    /** SNS only: where {@code "exists": true} must not see a null or empty value; empty if none. */
    private final Set<String> presentMeansNonEmpty;

    private EventPattern(String source, Dialect dialect, Machine machine, Set<String> presentMeansNonEmpty) {
        this.source = source;
        this.dialect = dialect;
        this.machine = machine;
        this.presentMeansNonEmpty = presentMeansNonEmpty;
    }

    /**
     * Compiles {@code json} under {@code dialect}'s rules.
     *
     * @throws InvalidPatternException with the service's own error message when the service would
     *                                 refuse the pattern
     */
    public static EventPattern compile(String json, Dialect dialect) {
        JsonNode tree;
        try {
            tree = json == null ? null : JSON.readTree(json);
        } catch (JsonProcessingException e) {
            tree = null;
        }
        if (tree == null || tree.isMissingNode()) {
            // SNS's wording as AWS answers (LocalStack's validated snapshots); EventBridge's as moto words it.
            throw new InvalidPatternException(dialect,
                    dialect.isSns() ? "FilterPolicy: failed to parse JSON." : "Invalid JSON");
        }
        if (dialect.isSns()) {
            if (tree.isObject() && tree.isEmpty()) {
                // SNS takes an empty policy as no filter (how a filter is cleared), where event-ruler
                // refuses an empty pattern; not yet checked against a recorded AWS answer.
                return new EventPattern(json, dialect, null, Set.of());
            }
            if (tree.isObject()) {
                FilterPolicyRules.validate(tree, dialect);
            }
        }
        Machine machine = new Machine();
        try {
            machine.addRule(RULE, json);
        } catch (JsonProcessingException e) {
            // EventBridge answers with event-ruler's message as is, its "at [Source: ...]" location
            // included; SNS without the location.
            throw new InvalidPatternException(dialect,
                    dialect.isSns() ? "FilterPolicy: " + e.getOriginalMessage() : e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new InvalidPatternException(dialect, (dialect.isSns() ? "FilterPolicy: " : "") + e.getMessage());
        }
        Set<String> presentMeansNonEmpty = new HashSet<>();
        if (dialect.isSns()) {
            collectExistsTrue(tree, "", presentMeansNonEmpty);
        }
        return new EventPattern(json, dialect, machine, Set.copyOf(presentMeansNonEmpty));
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The pattern as given to {@link #compile}. */
    public String source() {
        return source;
    }

    /**
     * Whether the event (EventBridge) or message body (SNS, FilterPolicyScope MessageBody) matches.
     * Text that is not a JSON object matches nothing ("Filter policies for the message body assume
     * that the message payload is a well-formed JSON object").
     */
    public boolean matches(String eventJson) {
        JsonNode event;
        try {
            event = eventJson == null ? null : JSON.readTree(eventJson);
        } catch (JsonProcessingException e) {
            return false;
        }
        return event != null && event.isObject() && matches((ObjectNode) event);
    }

    /**
     * Whether a message's attributes match an SNS filter policy (FilterPolicyScope
     * MessageAttributes), matched as the JSON object SNS documents: a String attribute is a string,
     * a Number attribute a number (so 3.015e2 equals 301.5), a String.Array attribute the array its
     * value spells, each element matched on its own; Binary attributes are ignored.
     */
    public boolean matchesMessageAttributes(Map<String, MessageAttribute> attributes) {
        if (attributes.isEmpty() && machine != null) {
            // "An empty set of attributes results in the filter not matching", even "exists": false.
            return false;
        }
        return matches(attributesAsJson(attributes));
    }

    private boolean matches(ObjectNode event) {
        if (machine == null) {
            return true;
        }
        if (!presentMeansNonEmpty.isEmpty()) {
            dropEmptyValues(event, "");
        }
        return !machine.rulesForJSONEvent(event).isEmpty();
    }

    static ObjectNode attributesAsJson(Map<String, MessageAttribute> attributes) {
        ObjectNode json = JSON.createObjectNode();
        attributes.forEach((name, attribute) -> {
            String type = attribute.dataType();
            if (type.startsWith("Binary")) {
                return;
            }
            // "Numeric value matching in Amazon SNS" matches a Number.Array attribute element by element.
            boolean array = type.equals("String.Array") || type.equals("Number.Array");
            boolean number = !array && type.startsWith("Number");
            JsonNode parsed = array || number ? parsed(attribute.value()) : null;
            boolean fits = parsed != null && (array ? parsed.isArray() : parsed.isNumber());
            json.set(name, fits ? parsed : JSON.getNodeFactory().textNode(attribute.value()));
        });
        return json;
    }

    private static JsonNode parsed(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Paths (field names joined by '.') whose match list has {@code "exists": true} and no null or "" value. */
    private static void collectExistsTrue(JsonNode pattern, String prefix, Set<String> paths) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (FilterPolicyRules.isOr(field.getKey(), value)) {
                value.forEach(branch -> collectExistsTrue(branch, prefix, paths));
                continue;
            }
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (value.isObject()) {
                collectExistsTrue(value, path, paths);
            } else if (value.isArray()) {
                boolean existsTrue = false;
                boolean emptyLiteral = false;
                for (JsonNode match : value) {
                    existsTrue |= match.isObject() && match.path("exists").asBoolean(false);
                    emptyLiteral |= match.isNull() || (match.isTextual() && match.asText().isEmpty());
                }
                if (existsTrue && !emptyLiteral) {
                    paths.add(path);
                }
            }
        }
    }

    private void dropEmptyValues(JsonNode node, String prefix) {
        if (node.isArray()) {
            node.forEach(element -> dropEmptyValues(element, prefix));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (presentMeansNonEmpty.contains(path)) {
                if (isEmptyValue(value)) {
                    fields.remove();
                    continue;
                }
                if (value.isArray()) {
                    ArrayNode array = (ArrayNode) value;
                    for (int i = array.size() - 1; i >= 0; i--) {
                        if (isEmptyValue(array.get(i))) {
                            array.remove(i);
                        }
                    }
                    if (array.isEmpty()) {
                        fields.remove();
                        continue;
                    }
                }
            }
            dropEmptyValues(value, path);
        }
    }

    private static boolean isEmptyValue(JsonNode value) {
        return value.isNull() || (value.isTextual() && value.asText().isEmpty());
    }

    @Override
    public String toString() {
        return dialect + " " + source;
    }
}
