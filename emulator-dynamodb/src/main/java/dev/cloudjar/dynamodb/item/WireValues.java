package dev.cloudjar.dynamodb.item;

import dev.cloudjar.dynamodb.DynamoDbErrors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts between the AttributeValue union as the awsJson codec gives it (a map with one entry:
 * "S" → String, "N" → String, "B" → byte[], "SS" → List, "M" → Map, ...) and {@link AttributeValue},
 * validating as DynamoDB does (empty and duplicate sets, numbers, NULL must be true).
 */
public final class WireValues {
    private WireValues() {
    }

    /** An item or key ({@code Map<String, AttributeValue-union>}), or null when absent. */
    @SuppressWarnings("unchecked")
    public static Map<String, AttributeValue> item(Object wire) {
        if (wire == null) {
            return null;
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        ((Map<String, Object>) wire).forEach((name, value) -> out.put(name, value(value)));
        return out;
    }

    @SuppressWarnings("unchecked")
    public static AttributeValue value(Object wire) {
        Map<String, Object> union = (Map<String, Object>) wire;
        if (union == null || union.size() != 1) {
            throw DynamoDbErrors.validation(
                    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        Map.Entry<String, Object> entry = union.entrySet().iterator().next();
        Object v = entry.getValue();
        return switch (entry.getKey()) {
            case "S" -> new AttributeValue.S((String) v);
            case "N" -> new AttributeValue.N(Numbers.parse((String) v));
            case "B" -> new AttributeValue.B((byte[]) v);
            case "BOOL" -> new AttributeValue.Bool((Boolean) v);
            case "NULL" -> {
                if (!Boolean.TRUE.equals(v)) {
                    throw DynamoDbErrors.invalidParameter("Null attribute value types must have the value of true");
                }
                yield AttributeValue.Null.INSTANCE;
            }
            case "M" -> new AttributeValue.M(item(v));
            case "L" -> {
                List<AttributeValue> out = new ArrayList<>();
                ((List<Object>) v).forEach(e -> out.add(value(e)));
                yield new AttributeValue.L(out);
            }
            case "SS" -> new AttributeValue.SS(set((List<String>) v, "string", s -> s));
            case "NS" -> new AttributeValue.NS(set((List<String>) v, "number", AttributeValue.N::of));
            case "BS" -> new AttributeValue.BS(set((List<byte[]>) v, "binary", AttributeValue.B::new));
            default -> throw DynamoDbErrors.validation(
                    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        };
    }

    private static <W, T> Set<T> set(List<W> wire, String typeName, java.util.function.Function<W, T> convert) {
        if (wire.isEmpty()) {
            // AWS's own wording for each set type, articles and double spaces included.
            throw DynamoDbErrors.invalidParameter(typeName.equals("binary") ? "Binary sets should not be empty"
                    : "An " + typeName + " set  may not be empty");
        }
        Set<T> out = new LinkedHashSet<>();
        for (W element : wire) {
            if (!out.add(convert.apply(element))) {
                throw duplicates(typeName, wire);
            }
        }
        return out;
    }

    /** AWS words the duplicates of each set type differently (the number set's message has no prefix). */
    private static RuntimeException duplicates(String typeName, List<?> wire) {
        return switch (typeName) {
            case "number" -> DynamoDbErrors.validation("Input collection contains duplicates");
            case "binary" -> DynamoDbErrors.invalidParameter("Input collection " + describe(wire) + "of type BS contains duplicates.");
            default -> DynamoDbErrors.invalidParameter("Input collection " + describe(wire) + " contains duplicates.");
        };
    }

    private static String describe(List<?> wire) {
        List<String> parts = new ArrayList<>();
        for (Object o : wire) {
            parts.add(o instanceof byte[] b ? java.util.Base64.getEncoder().encodeToString(b) : String.valueOf(o));
        }
        return "[" + String.join(", ", parts) + "]";
    }

    /** An item as the codec writes it. */
    public static Map<String, Object> wire(Map<String, AttributeValue> item) {
        if (item == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        item.forEach((name, value) -> out.put(name, wire(value)));
        return out;
    }

    public static Map<String, Object> wire(AttributeValue value) {
        return Map.of(value.type().name(), wireContent(value));
    }

    private static Object wireContent(AttributeValue value) {
        if (value instanceof AttributeValue.S s) {
            return s.value();
        }
        if (value instanceof AttributeValue.N n) {
            return n.text();
        }
        if (value instanceof AttributeValue.B b) {
            return b.value();
        }
        if (value instanceof AttributeValue.Bool b) {
            return b.value();
        }
        if (value instanceof AttributeValue.Null) {
            return Boolean.TRUE;
        }
        if (value instanceof AttributeValue.M m) {
            return wire(m.value());
        }
        if (value instanceof AttributeValue.L l) {
            List<Object> out = new ArrayList<>();
            l.value().forEach(e -> out.add(wire(e)));
            return out;
        }
        if (value instanceof AttributeValue.SS ss) {
            return List.copyOf(ss.value());
        }
        if (value instanceof AttributeValue.NS ns) {
            return ns.value().stream().map(AttributeValue.N::text).toList();
        }
        return ((AttributeValue.BS) value).value().stream().map(AttributeValue.B::value).toList();
    }
}
