package dev.cloudjar.it.malformed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Damages an rpcv2Cbor body: members of every CBOR type the model does not declare (byte strings,
 * bignums, half-float NaN, undefined, tags), and encodings a decoder must refuse without
 * allocating what they claim (a 2^64-byte string, an unterminated indefinite array, nesting
 * without end, a text string that is not UTF-8, a stray break).
 */
final class CborMutations {
    private static final CBORMapper CBOR = new CBORMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();

    /** {"Message": <value>}, for values given as raw CBOR. */
    private static final byte[] MESSAGE_KEY = HEX.parseHex("a1674d657373616765");

    /** Values as raw CBOR, in hex: what a decoder must refuse or read without tripping. */
    private static final List<String> RAW_VALUES = List.of(
            "5bffffffffffffffff",          // byte string claiming 2^64-1 bytes
            "7b0000000100000000",          // text string claiming 4 GiB
            "9f",                          // indefinite array, never ended
            "7f6161416162ff",              // indefinite text with a byte-string chunk
            "62fffe",                      // text that is not UTF-8
            "c25840" + "ff".repeat(64),    // a 512-bit bignum
            "f97e00", "f97c00", "f9fc00",  // half-float NaN, +Infinity, -Infinity
            "fb7ff8000000000000",          // double NaN
            "f7", "f8ff", "fc",            // undefined, simple 255, a reserved simple value
            "1c", "ff",                    // reserved additional information, a stray break
            "c11bffffffffffffffff",        // tag 1 (epoch time) of 2^64-1
            "d9d9f7a0",                    // self-described empty map
            "a20101",                      // map of two pairs with one given
            "a1f5f4",                      // map with a boolean key
            "bf6161",                      // indefinite map, key without value, no break
            "c0781a313939392d31322d33315432333a35393a36305a");  // tag 0 date string

    private CborMutations() {
    }

    static boolean mutate(Draft draft, Random r) {
        String what;
        byte[] body;
        switch (r.nextInt(4)) {
            case 0, 1 -> {
                ObjectNode input;
                try {
                    JsonNode read = CBOR.readTree(draft.body);
                    input = read instanceof ObjectNode o ? o : NODES.objectNode();
                } catch (IOException e) {
                    input = NODES.objectNode();
                }
                String member = input.isEmpty() ? "Message" : input.fieldNames().next();
                JsonNode value = typed(r);
                input.set(member, value);
                what = "cbor " + member + " as " + value.getNodeType() + (value.isNumber() ? " " + value.numberType() : "");
                try {
                    body = CBOR.writeValueAsBytes(input);
                } catch (IOException e) {
                    return false;
                }
            }
            case 2 -> {
                String value = Odd.pick(r, RAW_VALUES);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(MESSAGE_KEY);
                out.writeBytes(HEX.parseHex(value));
                body = out.toByteArray();
                what = "cbor raw Message value " + value.substring(0, Math.min(20, value.length()));
            }
            default -> {
                int depth = Odd.pick(r, 100, 10_000, 500_000);
                byte[] nested = new byte[depth + 1];
                byte open = (byte) (int) Odd.pick(r, 0x81, 0xa1, 0x9f, 0xc6);
                java.util.Arrays.fill(nested, 0, depth, open);
                nested[depth] = 0x00;
                body = new byte[MESSAGE_KEY.length + nested.length];
                System.arraycopy(MESSAGE_KEY, 0, body, 0, MESSAGE_KEY.length);
                System.arraycopy(nested, 0, body, MESSAGE_KEY.length, nested.length);
                what = "cbor nesting " + depth + " deep of 0x" + Integer.toHexString(open & 0xff);
            }
        }
        draft.body = body;
        draft.note(what);
        return true;
    }

    private static JsonNode typed(Random r) {
        return switch (r.nextInt(11)) {
            case 0 -> NODES.binaryNode("bytes".getBytes(StandardCharsets.UTF_8));
            case 1 -> NODES.numberNode(new BigInteger("9".repeat(40)));
            case 2 -> NODES.numberNode(Double.NaN);
            case 3 -> NODES.numberNode(Double.NEGATIVE_INFINITY);
            case 4 -> NODES.numberNode(Long.MIN_VALUE);
            case 5 -> NODES.numberNode(1.5f);
            case 6 -> NODES.booleanNode(true);
            case 7 -> NODES.nullNode();
            case 8 -> NODES.arrayNode().add("x");
            case 9 -> NODES.objectNode().put("Message", "inner");
            default -> NODES.textNode(Odd.string(r));
        };
    }
}
