package dev.cloudjar.core.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/**
 * What SNS refuses in a filter policy before event-ruler sees it ("Filter policy constraints in
 * Amazon SNS"): more than five top-level keys, more than 150 combinations of values, nesting in the
 * MessageAttributes scope, and wildcard matching, which SNS does not offer. Reasons are worded as
 * SNS answers them (recorded against AWS by LocalStack's snapshot tests).
 */
final class FilterPolicyRules {
    static final int MAX_KEYS = 5;
    static final int MAX_COMBINATIONS = 150;

    private FilterPolicyRules() {
    }

    /** Throws the reason SNS gives for the first constraint {@code policy} breaks, if any. */
    static void validate(JsonNode policy, Dialect dialect) {
        // Both scopes count top-level keys only: in the MessageBody scope nested keys do not count
        // ("Key counting in filter policies"), and the MessageAttributes scope has no nesting.
        if (policy.size() > MAX_KEYS) {
            throw new InvalidPatternException(dialect, "FilterPolicy: Filter policy can not have more than 5 keys");
        }
        long combinations = combinations(policy, 1, dialect);
        if (combinations > MAX_COMBINATIONS) {
            throw new InvalidPatternException(dialect, "FilterPolicy: Filter policy is too complex");
        }
    }

    /**
     * The documented count: each array of values multiplies the total by its length times the depth
     * of its key ("The first array has four values in a three-level nested key, and the second has
     * three values in a two-level nested key. 3 x 4 x 2 x 3 = 72"); the branches of an $or add up.
     */
    private static long combinations(JsonNode object, int depth, Dialect dialect) {
        long total = 1;
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                if (dialect == Dialect.SNS_MESSAGE_ATTRIBUTES) {
                    throw new InvalidPatternException(dialect,
                            "Filter policy scope MessageAttributes does not support nested filter policy");
                }
                total = Math.multiplyExact(total, combinations(value, depth + 1, dialect));
            } else if (value.isArray()) {
                if (isOr(field.getKey(), value)) {
                    long branches = 0;
                    for (JsonNode branch : value) {
                        branches = Math.addExact(branches, combinations(branch, depth, dialect));
                    }
                    total = Math.multiplyExact(total, branches);
                } else {
                    for (JsonNode match : value) {
                        refuseWildcard(match, dialect);
                    }
                    total = Math.multiplyExact(total, (long) value.size() * depth);
                }
            } else {
                throw new InvalidPatternException(dialect,
                        "FilterPolicy: \"" + field.getKey() + "\" must be an object or an array");
            }
            if (total > MAX_COMBINATIONS) {
                return total;
            }
        }
        return total;
    }

    /**
     * "$or" is an operator only when its array holds at least two objects none of whose field names
     * is a match keyword ("AND/OR logic", OR operator); otherwise it is an attribute name.
     */
    static boolean isOr(String key, JsonNode value) {
        if (!"$or".equals(key) || !value.isArray() || value.size() < 2) {
            return false;
        }
        for (JsonNode branch : value) {
            if (!branch.isObject()) {
                return false;
            }
            for (Iterator<String> names = branch.fieldNames(); names.hasNext(); ) {
                if (EventPattern.MATCH_KEYWORDS.contains(names.next())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** SNS's filter operators ("Amazon SNS subscription filter policies") do not include wildcard. */
    private static void refuseWildcard(JsonNode match, Dialect dialect) {
        if (!match.isObject()) {
            return;
        }
        JsonNode anythingBut = match.get("anything-but");
        if (match.has("wildcard") || (anythingBut != null && anythingBut.has("wildcard"))) {
            throw new InvalidPatternException(dialect, "FilterPolicy: Unrecognized match type wildcard");
        }
    }
}
