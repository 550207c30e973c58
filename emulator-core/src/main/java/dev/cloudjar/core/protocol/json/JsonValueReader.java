package dev.cloudjar.core.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.model.Member;
import dev.cloudjar.core.model.Shape;
import dev.cloudjar.core.model.ShapeType;
import dev.cloudjar.core.protocol.HttpValues;
import dev.cloudjar.core.protocol.TimestampFormat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON document into the plain Java values of a shape. A value of the wrong JSON type is
 * a SerializationException, as AWS's JSON services answer; nulls are dropped except in sparse
 * collections; unknown members are ignored.
 *
 * @param useJsonName true for restJson1, whose members may be renamed with jsonName
 */
record JsonValueReader(boolean useJsonName) {
    static final String SERIALIZATION_EXCEPTION = "SerializationException";

    Map<String, Object> structure(Shape shape, JsonNode node) {
        Map<String, Object> out = members(shape, shape.members().values(), node);
        if (shape.type() == ShapeType.STRUCTURE) {
            fillDefaults(shape, out);
        }
        return out;
    }

    /** The given members of a structure from a JSON object (restJson1 reads only its body members so). */
    Map<String, Object> members(Shape shape, Collection<Member> members, JsonNode node) {
        if (!node.isObject()) {
            throw malformed("Start of structure or map found where not expected", shape);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Member member : members) {
            JsonNode value = node.get(wireName(member));
            if (value != null && !value.isNull()) {
                out.put(member.name(), value(member, value));
            }
        }
        return out;
    }

    /**
     * Gives absent members their modeled default, as Smithy servers do before a handler sees the
     * input; a streaming payload is never defaulted (its default only satisfies the model's rules).
     */
    void fillDefaults(Shape structure, Map<String, Object> members) {
        for (Member member : structure.members().values()) {
            JsonNode defaultValue = member.traits().get("default");
            if (defaultValue != null && !defaultValue.isNull() && !members.containsKey(member.name())
                    && !member.target().traits().has("streaming")) {
                members.put(member.name(), value(member, defaultValue));
            }
        }
    }

    /** The member's name in the JSON object. */
    String wireName(Member member) {
        String jsonName = useJsonName ? member.traits().string("jsonName") : null;
        return jsonName == null ? member.name() : jsonName;
    }

    Object value(Member member, JsonNode node) {
        Shape target = member.target();
        return switch (target.type()) {
            case STRING, ENUM -> text(node, target);
            case BLOB -> blob(node, target);
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw malformed("Expected a boolean", target);
                }
                yield node.booleanValue();
            }
            case BYTE -> (int) integral(node, target, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case SHORT -> (int) integral(node, target, Short.MIN_VALUE, Short.MAX_VALUE);
            case INTEGER, INT_ENUM -> (int) integral(node, target, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case LONG -> integral(node, target, Long.MIN_VALUE, Long.MAX_VALUE);
            case FLOAT -> (float) floating(node, target);
            case DOUBLE -> floating(node, target);
            case BIG_INTEGER -> bigInteger(node, target);
            case BIG_DECIMAL -> {
                if (!node.isNumber()) {
                    throw malformed("Expected a number", target);
                }
                yield node.decimalValue();
            }
            case TIMESTAMP -> timestamp(member, node);
            case DOCUMENT -> node;
            case LIST, SET -> list(target, node);
            case MAP -> map(target, node);
            case STRUCTURE -> structure(target, node);
            case UNION -> union(target, node);
            default -> throw malformed("Unexpected value", target);
        };
    }

    private static String text(JsonNode node, Shape target) {
        if (!node.isTextual()) {
            throw malformed("Expected a string", target);
        }
        return node.textValue();
    }

    private static byte[] blob(JsonNode node, Shape target) {
        try {
            return HttpValues.base64(text(node, target));
        } catch (IllegalArgumentException e) {
            throw malformed("Invalid base64 value", target);
        }
    }

    private static long integral(JsonNode node, Shape target, long min, long max) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw malformed("Expected an integer", target);
        }
        long value = node.longValue();
        if (value < min || value > max) {
            throw malformed("Number out of range", target);
        }
        return value;
    }

    /** Floats are numbers, or the strings "NaN", "Infinity" and "-Infinity" that JSON cannot spell. */
    private static double floating(JsonNode node, Shape target) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            switch (node.textValue()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw malformed("Expected a number", target);
    }

    private static BigInteger bigInteger(JsonNode node, Shape target) {
        if (!node.isIntegralNumber()) {
            throw malformed("Expected an integer", target);
        }
        return node.bigIntegerValue();
    }

    /** Epoch seconds (a number) unless timestampFormat says otherwise. */
    private static Object timestamp(Member member, JsonNode node) {
        TimestampFormat format = TimestampFormat.of(member, TimestampFormat.EPOCH_SECONDS);
        try {
            if (format == TimestampFormat.EPOCH_SECONDS) {
                if (!node.isNumber()) {
                    throw malformed("Expected epoch seconds", member.target());
                }
                return TimestampFormat.fromEpochSeconds(new BigDecimal(node.asText()));
            }
            return format.parse(text(node, member.target()));
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            throw malformed("Invalid timestamp", member.target());
        }
    }

    private List<Object> list(Shape target, JsonNode node) {
        if (!node.isArray()) {
            throw malformed("Start of list found where not expected", target);
        }
        boolean sparse = target.traits().has("sparse");
        List<Object> out = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (!item.isNull()) {
                out.add(value(target.listMember(), item));
            } else if (sparse) {
                out.add(null);
            } else {
                throw malformed("Null value in a list that is not sparse", target);
            }
        }
        return out;
    }

    private Map<String, Object> map(Shape target, JsonNode node) {
        if (!node.isObject()) {
            throw malformed("Start of structure or map found where not expected", target);
        }
        boolean sparse = target.traits().has("sparse");
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNull()) {
                out.put(e.getKey(), value(target.mapValue(), e.getValue()));
            } else if (sparse) {
                out.put(e.getKey(), null);
            } else {
                throw malformed("Null value in a map that is not sparse", target);
            }
        }
        return out;
    }

    /** A union is an object with exactly one non-null member ("__type" aside, which clients may add). */
    private Map<String, Object> union(Shape target, JsonNode node) {
        Map<String, Object> out = structure(target, node);
        boolean unknownMember = false;
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            unknownMember |= !name.equals("__type") && target.members().values().stream()
                    .noneMatch(m -> wireName(m).equals(name));
        }
        if (out.size() != 1 || unknownMember) {
            throw malformed("Union must have exactly one member set", target);
        }
        return out;
    }

    static AwsException malformed(String message, Shape target) {
        return new AwsException(SERIALIZATION_EXCEPTION, 400, message + " for " + target.name());
    }
}
