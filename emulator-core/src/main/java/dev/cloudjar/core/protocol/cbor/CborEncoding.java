package dev.cloudjar.core.protocol.cbor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cloudjar.core.model.Member;
import dev.cloudjar.core.model.Shape;
import dev.cloudjar.core.model.ShapeType;
import dev.cloudjar.core.protocol.TimestampFormat;
import dev.cloudjar.core.protocol.tree.TreeEncoding;

import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;

import static dev.cloudjar.core.protocol.tree.TreeShapeReader.malformed;

/**
 * rpcv2Cbor's spelling: blobs are byte strings, floats CBOR floats (NaN and the infinities
 * included, half precision accepted), timestamps tag 1 over epoch seconds whatever the member's
 * timestampFormat says, which the protocol ignores; member names are never renamed.
 */
final class CborEncoding implements TreeEncoding {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public String wireName(Member member) {
        return member.name();
    }

    @Override
    public byte[] readBlob(JsonNode node, Shape target) {
        if (!node.isBinary()) {
            throw malformed("Expected a byte string", target);
        }
        return ((BinaryNode) node).binaryValue();
    }

    @Override
    public double readFloat(JsonNode node, Shape target) {
        // Integers are allowed too: a float may be sent as an integer when that loses no precision.
        if (!node.isNumber()) {
            throw malformed("Expected a number", target);
        }
        return node.doubleValue();
    }

    /** The tag itself is gone from the tree; the model says the member is a timestamp. */
    @Override
    public Instant readTimestamp(Member member, JsonNode node) {
        if (!node.isNumber()) {
            throw malformed("Expected epoch seconds", member.target());
        }
        try {
            // The protocol's resolution is the millisecond; a double's binary tail below it is noise.
            return TimestampFormat.fromEpochSeconds(node.decimalValue().setScale(3, RoundingMode.HALF_EVEN));
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            throw malformed("Invalid timestamp", member.target());
        }
    }

    @Override
    public JsonNode writeBlob(byte[] value) {
        return NODES.binaryNode(value);
    }

    @Override
    public JsonNode writeFloat(Shape target, Number value) {
        return target.type() == ShapeType.FLOAT ? NODES.numberNode(value.floatValue())
                : NODES.numberNode(value.doubleValue());
    }

    @Override
    public JsonNode writeTimestamp(Member member, Instant value) {
        return NODES.pojoNode(new EpochSeconds(TimestampFormat.epochSeconds(value)));
    }
}
