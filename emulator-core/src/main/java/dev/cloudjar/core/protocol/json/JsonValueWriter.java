package dev.cloudjar.core.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.core.model.Member;
import dev.cloudjar.core.model.Shape;
import dev.cloudjar.core.protocol.TimestampFormat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes the plain Java values of a shape as JSON: timestamps as epoch seconds unless
 * timestampFormat says otherwise, blobs in base64, non-finite floats as "NaN"/"Infinity" strings,
 * null members left out.
 *
 * @param useJsonName true for restJson1, whose members may be renamed with jsonName
 */
record JsonValueWriter(boolean useJsonName, ObjectMapper mapper) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The given members of a structure as a JSON object. */
    ObjectNode structure(Collection<Member> members, Map<String, ?> values) {
        ObjectNode out = NODES.objectNode();
        for (Member member : members) {
            Object value = values.get(member.name());
            JsonNode defaultValue = member.traits().get("default");
            if (value != null) {
                out.set(wireName(member), value(member, value));
            } else if (defaultValue != null && !defaultValue.isNull()) {
                // Smithy servers send a member's default when the handler left it unset.
                out.set(wireName(member), defaultValue);
            }
        }
        return out;
    }

    private String wireName(Member member) {
        String jsonName = useJsonName ? member.traits().string("jsonName") : null;
        return jsonName == null ? member.name() : jsonName;
    }

    JsonNode value(Member member, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        Shape target = member.target();
        return switch (target.type()) {
            case BLOB -> NODES.textNode(Base64.getEncoder().encodeToString((byte[]) value));
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case BYTE, SHORT, INTEGER, INT_ENUM, LONG -> NODES.numberNode(((Number) value).longValue());
            case FLOAT, DOUBLE -> floating(((Number) value).doubleValue(), value);
            case BIG_INTEGER -> NODES.numberNode(value instanceof BigInteger b ? b : new BigInteger(value.toString()));
            case BIG_DECIMAL -> NODES.numberNode(value instanceof BigDecimal d ? d : new BigDecimal(value.toString()));
            case TIMESTAMP -> timestamp(member, (Instant) value);
            case DOCUMENT -> value instanceof JsonNode node ? node : mapper.valueToTree(value);
            case LIST, SET -> list(target.listMember(), (List<?>) value);
            case MAP -> map(target.mapValue(), (Map<?, ?>) value);
            case STRUCTURE, UNION -> structureValue(target, (Map<?, ?>) value);
            default -> NODES.textNode(value.toString());
        };
    }

    private ObjectNode structureValue(Shape target, Map<?, ?> value) {
        @SuppressWarnings("unchecked")
        Map<String, ?> members = (Map<String, ?>) value;
        return structure(target.members().values(), members);
    }

    private static JsonNode floating(double d, Object value) {
        if (Double.isNaN(d)) {
            return NODES.textNode("NaN");
        }
        if (Double.isInfinite(d)) {
            return NODES.textNode(d > 0 ? "Infinity" : "-Infinity");
        }
        return value instanceof Float f ? NODES.numberNode(new BigDecimal(f.toString())) : NODES.numberNode(d);
    }

    private static JsonNode timestamp(Member member, Instant instant) {
        TimestampFormat format = TimestampFormat.of(member, TimestampFormat.EPOCH_SECONDS);
        return format == TimestampFormat.EPOCH_SECONDS
                ? NODES.numberNode(TimestampFormat.epochSeconds(instant))
                : NODES.textNode(format.format(instant));
    }

    private ArrayNode list(Member item, List<?> values) {
        ArrayNode out = NODES.arrayNode(values.size());
        values.forEach(v -> out.add(value(item, v)));
        return out;
    }

    private ObjectNode map(Member valueMember, Map<?, ?> values) {
        ObjectNode out = NODES.objectNode();
        values.forEach((k, v) -> out.set(k.toString(), value(valueMember, v)));
        return out;
    }
}
