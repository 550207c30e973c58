package dev.cloudjar.core.protocol.tree;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.model.Member;
import dev.cloudjar.core.model.Shape;
import dev.cloudjar.core.model.ShapeType;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a document (JSON or CBOR, parsed into a Jackson tree) into the plain Java values of a
 * shape. A value of the wrong type is a SerializationException, as AWS's JSON services answer;
 * nulls are dropped except in sparse collections; unknown members are ignored.
 *
 * @param encoding how the protocol spells member names, blobs, floats and timestamps
 */
public record TreeShapeReader(TreeEncoding encoding) {
    public static final String SERIALIZATION_EXCEPTION = "SerializationException";

    /** Reads the default values a model gives members, which Smithy writes as awsJson would. */
    private static final TreeShapeReader MODEL_DEFAULTS = new TreeShapeReader(TreeEncoding.AWS_JSON);

    public Map<String, Object> structure(Shape shape, JsonNode node) {
        Map<String, Object> out = members(shape, shape.members().values(), node);
        if (shape.type() == ShapeType.STRUCTURE) {
            fillDefaults(shape, out);
        }
        return out;
    }

    /** The given members of a structure from an object (restJson1 reads only its body members so). */
    public Map<String, Object> members(Shape shape, Collection<Member> members, JsonNode node) {
        if (!node.isObject()) {
            throw malformed("Start of structure or map found where not expected", shape);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Member member : members) {
            JsonNode value = node.get(encoding.wireName(member));
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
    public void fillDefaults(Shape structure, Map<String, Object> members) {
        for (Member member : structure.members().values()) {
            if (!members.containsKey(member.name()) && !member.target().traits().has("streaming")) {
                Object defaultValue = defaultValue(member);
                if (defaultValue != null) {
                    members.put(member.name(), defaultValue);
                }
            }
        }
    }

    /** The member's modeled default as a plain Java value, or null when it has none. */
    static Object defaultValue(Member member) {
        JsonNode defaultValue = member.traits().get("default");
        return defaultValue == null || defaultValue.isNull() ? null : MODEL_DEFAULTS.value(member, defaultValue);
    }

    public Object value(Member member, JsonNode node) {
        Shape target = member.target();
        return switch (target.type()) {
            case STRING, ENUM -> text(node, target);
            case BLOB -> encoding.readBlob(node, target);
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
            case FLOAT -> (float) encoding.readFloat(node, target);
            case DOUBLE -> encoding.readFloat(node, target);
            case BIG_INTEGER -> bigInteger(node, target);
            case BIG_DECIMAL -> {
                if (!node.isNumber()) {
                    throw malformed("Expected a number", target);
                }
                yield node.decimalValue();
            }
            case TIMESTAMP -> encoding.readTimestamp(member, node);
            case DOCUMENT -> node;
            case LIST, SET -> list(target, node);
            case MAP -> map(target, node);
            case STRUCTURE -> structure(target, node);
            case UNION -> union(target, node);
            default -> throw malformed("Unexpected value", target);
        };
    }

    static String text(JsonNode node, Shape target) {
        if (!node.isTextual()) {
            throw malformed("Expected a string", target);
        }
        return node.textValue();
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

    private static BigInteger bigInteger(JsonNode node, Shape target) {
        if (!node.isIntegralNumber()) {
            throw malformed("Expected an integer", target);
        }
        return node.bigIntegerValue();
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
                    .noneMatch(m -> encoding.wireName(m).equals(name));
        }
        if (out.size() != 1 || unknownMember) {
            throw malformed("Union must have exactly one member set", target);
        }
        return out;
    }

    public static AwsException malformed(String message, Shape target) {
        return new AwsException(SERIALIZATION_EXCEPTION, 400, message + " for " + target.name());
    }
}
