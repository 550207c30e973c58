package dev.cloudjar.dynamodb.expression;

import dev.cloudjar.dynamodb.DynamoDbErrors;
import dev.cloudjar.dynamodb.item.AttributeValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request's ExpressionAttributeNames and ExpressionAttributeValues, recording which ones its
 * expressions use: AWS rejects a request that defines a name or value no expression uses.
 */
public final class ExpressionAttributes {
    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    private final Set<String> usedNames = new HashSet<>();
    private final Set<String> usedValues = new HashSet<>();

    public ExpressionAttributes(Map<String, String> names, Map<String, AttributeValue> values) {
        this.names = names == null ? Map.of() : new LinkedHashMap<>(names);
        this.values = values == null ? Map.of() : new LinkedHashMap<>(values);
    }

    public static ExpressionAttributes none() {
        return new ExpressionAttributes(null, null);
    }

    String name(String placeholder, String kind) {
        String name = names.get(placeholder);
        if (name == null) {
            throw DynamoDbErrors.validation("Invalid " + kind
                    + ": An expression attribute name used in the document path is not defined; attribute name: "
                    + placeholder);
        }
        usedNames.add(placeholder);
        return name;
    }

    AttributeValue value(String placeholder, String kind) {
        AttributeValue value = values.get(placeholder);
        if (value == null) {
            throw DynamoDbErrors.validation("Invalid " + kind
                    + ": An expression attribute value used in expression is not defined; attribute value: "
                    + placeholder);
        }
        usedValues.add(placeholder);
        return value;
    }

    /** Fails when a name or value was given that no expression of the request used. */
    public void requireAllUsed() {
        List<String> unusedNames = unused(names.keySet(), usedNames);
        if (!unusedNames.isEmpty()) {
            throw DynamoDbErrors.validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                    + String.join(", ", unusedNames) + "}");
        }
        List<String> unusedValues = unused(values.keySet(), usedValues);
        if (!unusedValues.isEmpty()) {
            throw DynamoDbErrors.validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                    + String.join(", ", unusedValues) + "}");
        }
    }

    private static List<String> unused(Set<String> defined, Set<String> used) {
        List<String> out = new ArrayList<>();
        for (String key : defined) {
            if (!used.contains(key)) {
                out.add(key);
            }
        }
        return out;
    }

    public boolean isEmpty() {
        return names.isEmpty() && values.isEmpty();
    }

    public boolean hasNames() {
        return !names.isEmpty();
    }

    public boolean hasValues() {
        return !values.isEmpty();
    }
}
