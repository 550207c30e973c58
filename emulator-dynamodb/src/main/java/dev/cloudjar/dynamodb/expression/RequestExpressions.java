package dev.cloudjar.dynamodb.expression;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.dynamodb.DynamoDbErrors;
import dev.cloudjar.dynamodb.item.AttributeValue;
import dev.cloudjar.dynamodb.item.WireValues;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The expressions of one request (or one item of a transaction) with their shared
 * ExpressionAttributeNames and ExpressionAttributeValues. {@link #finish()} applies AWS's rules
 * on names and values no expression used.
 */
public final class RequestExpressions {
    private static final Pattern NAME_KEY = Pattern.compile("#[0-9A-Za-z_]+");
    private static final Pattern VALUE_KEY = Pattern.compile(":[0-9A-Za-z_]+");

    private final Input input;
    private final ExpressionAttributes attributes;
    private boolean anyExpression;

    @SuppressWarnings("unchecked")
    public RequestExpressions(Input input) {
        this.input = input;
        Map<String, String> names = (Map<String, String>) (Map<?, ?>) input.map("ExpressionAttributeNames");
        Map<String, Object> values = input.map("ExpressionAttributeValues");
        if (names != null && names.isEmpty()) {
            throw DynamoDbErrors.validation("ExpressionAttributeNames must not be empty");
        }
        if (values != null && values.isEmpty()) {
            throw DynamoDbErrors.validation("ExpressionAttributeValues must not be empty");
        }
        requireKeySyntax("ExpressionAttributeNames", names, NAME_KEY);
        requireKeySyntax("ExpressionAttributeValues", values, VALUE_KEY);
        this.attributes = new ExpressionAttributes(names, values(values));
    }

    private static void requireKeySyntax(String member, Map<String, ?> map, Pattern syntax) {
        if (map == null) {
            return;
        }
        for (String key : map.keySet()) {
            if (!syntax.matcher(key).matches()) {
                throw DynamoDbErrors.validation(member + " contains invalid key: Syntax error; key: \"" + key + "\"");
            }
        }
    }

    /** Each value validated on its own, so AWS's message can name the placeholder at fault. */
    private static Map<String, AttributeValue> values(Map<String, Object> wire) {
        if (wire == null) {
            return null;
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        wire.forEach((key, value) -> {
            try {
                out.put(key, WireValues.value(value));
            } catch (AwsException e) {
                throw DynamoDbErrors.validation("ExpressionAttributeValues contains invalid value: " + e.getMessage()
                        + " for key " + key);
            }
        });
        return out;
    }

    /** The named condition member (ConditionExpression, FilterExpression, KeyConditionExpression), or null. */
    public Condition condition(String member) {
        String source = input.string(member);
        if (source == null) {
            return null;
        }
        anyExpression = true;
        return ExpressionParser.condition(member, source, attributes);
    }

    public UpdateExpression update() {
        String source = input.string("UpdateExpression");
        if (source == null) {
            return null;
        }
        anyExpression = true;
        return ExpressionParser.update(source, attributes);
    }

    /** The ProjectionExpression's paths, or null when there is none. */
    public List<Path> projection() {
        String source = input.string("ProjectionExpression");
        if (source == null) {
            return null;
        }
        anyExpression = true;
        return ExpressionParser.projection(source, attributes);
    }

    /** Call once every expression of the request is parsed. */
    public void finish() {
        if (!anyExpression) {
            if (attributes.hasNames()) {
                throw DynamoDbErrors.validation("ExpressionAttributeNames can only be specified when using expressions");
            }
            if (attributes.hasValues()) {
                throw DynamoDbErrors.validation("ExpressionAttributeValues can only be specified when using expressions");
            }
        }
        attributes.requireAllUsed();
    }

    /**
     * Rejects a request mixing an expression with its legacy counterpart (Expected, AttributesToGet...).
     */
    public static void requireNotBoth(Input input, String legacy, String expression) {
        if (input.has(legacy) && input.has(expression)) {
            throw DynamoDbErrors.validation("Can not use both expression and non-expression parameters in the same "
                    + "request: Non-expression parameters: {" + legacy + "} Expression parameters: {" + expression + "}");
        }
    }
}
