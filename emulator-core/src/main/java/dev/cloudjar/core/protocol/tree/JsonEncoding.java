package dev.cloudjar.core.protocol.tree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cloudjar.core.model.Member;
import dev.cloudjar.core.model.Shape;
import dev.cloudjar.core.protocol.HttpValues;
import dev.cloudjar.core.protocol.TimestampFormat;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;

import static dev.cloudjar.core.protocol.tree.TreeShapeReader.malformed;

/**
 * The JSON protocols' spelling: blobs in base64, non-finite floats as the strings "NaN",
 * "Infinity" and "-Infinity" that JSON cannot spell as numbers, timestamps as epoch seconds unless
 * timestampFormat says otherwise.
 *
 * @param useJsonName true for restJson1, whose members may be renamed with jsonName
 */
record JsonEncoding(boolean useJsonName) implements TreeEncoding {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public String wireName(Member member) {
        String jsonName = useJsonName ? member.traits().string("jsonName") : null;
        return jsonName == null ? member.name() : jsonName;
    }

    @Override
    public byte[] readBlob(JsonNode node, Shape target) {
        try {
            return HttpValues.base64(TreeShapeReader.text(node, target));
        } catch (IllegalArgumentException e) {
            throw malformed("Invalid base64 value", target);
        }
    }

    @Override
    public double readFloat(JsonNode node, Shape target) {
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

    @Override
    public Instant readTimestamp(Member member, JsonNode node) {
        TimestampFormat format = TimestampFormat.of(member, TimestampFormat.EPOCH_SECONDS);
        try {
            if (format == TimestampFormat.EPOCH_SECONDS) {
                if (!node.isNumber()) {
                    throw malformed("Expected epoch seconds", member.target());
                }
                return TimestampFormat.fromEpochSeconds(new BigDecimal(node.asText()));
            }
            return format.parse(TreeShapeReader.text(node, member.target()));
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            throw malformed("Invalid timestamp", member.target());
        }
    }

    @Override
    public JsonNode writeBlob(byte[] value) {
        return NODES.textNode(Base64.getEncoder().encodeToString(value));
    }

    @Override
    public JsonNode writeFloat(Shape target, Number value) {
        double d = value.doubleValue();
        if (Double.isNaN(d)) {
            return NODES.textNode("NaN");
        }
        if (Double.isInfinite(d)) {
            return NODES.textNode(d > 0 ? "Infinity" : "-Infinity");
        }
        // A Float's own digits, not those of its widening to double (7.1f is not 7.099999904632568).
        return value instanceof Float f ? NODES.numberNode(new BigDecimal(f.toString())) : NODES.numberNode(d);
    }

    @Override
    public JsonNode writeTimestamp(Member member, Instant value) {
        TimestampFormat format = TimestampFormat.of(member, TimestampFormat.EPOCH_SECONDS);
        return format == TimestampFormat.EPOCH_SECONDS
                ? NODES.numberNode(TimestampFormat.epochSeconds(value))
                : NODES.textNode(format.format(value));
    }
}
