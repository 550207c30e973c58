package dev.cloudjar.core.protocol.tree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.core.model.Member;
import dev.cloudjar.core.model.Shape;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes the plain Java values of a shape as a document (a Jackson tree the mapper then writes
 * as JSON or CBOR), null members left out.
 *
 * @param encoding how the protocol spells member names, blobs, floats and timestamps
 * @param mapper   the mapper the tree is written with, which also turns documents into trees
 */
public record TreeShapeWriter(TreeEncoding encoding, ObjectMapper mapper) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The given members of a structure as an object. */
    public ObjectNode structure(Collection<Member> members, Map<String, ?> values) {
        ObjectNode out = NODES.objectNode();
        for (Member member : members) {
            Object value = values.get(member.name());
            if (value == null) {
                // Smithy servers send a member's default when the handler left it unset.
                value = TreeShapeReader.defaultValue(member);
            }
            if (value != null) {
                out.set(encoding.wireName(member), value(member, value));
            }
        }
        return out;
    }

    public JsonNode value(Member member, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        Shape target = member.target();
        return switch (target.type()) {
            case BLOB -> encoding.writeBlob((byte[]) value);
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case BYTE, SHORT, INTEGER, INT_ENUM, LONG -> NODES.numberNode(((Number) value).longValue());
            case FLOAT, DOUBLE -> encoding.writeFloat(target, (Number) value);
            case BIG_INTEGER -> NODES.numberNode(value instanceof BigInteger b ? b : new BigInteger(value.toString()));
            case BIG_DECIMAL -> NODES.numberNode(value instanceof BigDecimal d ? d : new BigDecimal(value.toString()));
            case TIMESTAMP -> encoding.writeTimestamp(member, (Instant) value);
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
