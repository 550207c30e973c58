package dev.cloudjar.core.protocol.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudjar.core.model.Member;
import dev.cloudjar.core.model.Shape;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test case's params (Smithy's node form) as the plain Java values codecs exchange with
 * handlers: timestamps are epoch seconds, blobs UTF-8 text and "NaN"/"Infinity" floats strings.
 */
final class Params {
    private Params() {
    }

    static Map<String, Object> structure(Shape shape, JsonNode params) {
        Map<String, Object> out = new LinkedHashMap<>();
        params.fields().forEachRemaining(e -> {
            Member member = shape.member(e.getKey());
            if (member == null) {
                throw new IllegalArgumentException("no member " + e.getKey() + " in " + shape);
            }
            out.put(e.getKey(), value(member.target(), e.getValue()));
        });
        return out;
    }

    static Object value(Shape shape, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return switch (shape.type()) {
            case STRING, ENUM -> node.asText();
            case BLOB -> node.asText().getBytes(StandardCharsets.UTF_8);
            case BOOLEAN -> node.asBoolean();
            case BYTE, SHORT, INTEGER, INT_ENUM -> node.asInt();
            case LONG -> node.asLong();
            case FLOAT -> node.isTextual() ? Float.valueOf(node.asText()) : node.floatValue();
            case DOUBLE -> node.isTextual() ? Double.valueOf(node.asText()) : node.doubleValue();
            case BIG_INTEGER -> node.isTextual() ? new BigInteger(node.asText()) : node.bigIntegerValue();
            case BIG_DECIMAL -> node.isTextual() ? new BigDecimal(node.asText()) : node.decimalValue();
            case TIMESTAMP -> timestamp(node);
            case DOCUMENT -> node;
            case LIST, SET -> list(shape, node);
            case MAP -> map(shape, node);
            case STRUCTURE, UNION -> structure(shape, node);
            default -> throw new IllegalArgumentException("no value of " + shape);
        };
    }

    private static Instant timestamp(JsonNode node) {
        if (node.isTextual()) {
            return Instant.parse(node.asText());
        }
        BigDecimal seconds = node.decimalValue();
        long whole = seconds.longValue();
        return Instant.ofEpochSecond(whole, seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue());
    }

    private static List<Object> list(Shape shape, JsonNode node) {
        List<Object> out = new ArrayList<>();
        node.forEach(item -> out.add(value(shape.listMember().target(), item)));
        return out;
    }

    private static Map<String, Object> map(Shape shape, JsonNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), value(shape.mapValue().target(), e.getValue())));
        return out;
    }
}
