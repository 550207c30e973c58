package dev.cloudjar.dynamodb.expression;

import dev.cloudjar.dynamodb.item.AttributeValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Values and items shared by the expression tests. */
final class ExpressionFixtures {
    private ExpressionFixtures() {
    }

    static AttributeValue s(String v) {
        return new AttributeValue.S(v);
    }

    static AttributeValue n(String v) {
        return AttributeValue.N.of(v);
    }

    static AttributeValue l(AttributeValue... values) {
        return new AttributeValue.L(List.of(values));
    }

    static AttributeValue ss(String... values) {
        return new AttributeValue.SS(Set.of(values));
    }

    static AttributeValue m(Object... keysAndValues) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (AttributeValue) keysAndValues[i + 1]);
        }
        return new AttributeValue.M(map);
    }

    static Map<String, AttributeValue> item(Object... keysAndValues) {
        return ((AttributeValue.M) m(keysAndValues)).value();
    }

    static ExpressionAttributes attributes(Map<String, String> names, Map<String, AttributeValue> values) {
        return new ExpressionAttributes(names, values);
    }

    static ExpressionAttributes values(Object... keysAndValues) {
        return new ExpressionAttributes(Map.of(), item(keysAndValues));
    }
}
