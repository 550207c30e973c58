package dev.cloudjar.dynamodb.item;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Key attribute values as bytes whose unsigned order is DynamoDB's order: numbers numerically,
 * strings by their UTF-8 bytes, binaries by their bytes. Every encoding is self-delimiting, so a
 * storage key can concatenate components (partition key, sort key, table key behind an index key)
 * and a component's order decides before the next one is looked at.
 *
 * <p>Strings and binaries escape 0x00 as 0x00 0xFF and end with 0x00 0x01. Numbers are a sign byte,
 * then for non-zero values a two-byte exponent and the digits ending in 0x00 — all complemented for
 * negative numbers so that larger magnitudes sort first.
 */
public final class KeyEncoding {
    private static final int NEGATIVE = 1;
    private static final int ZERO = 2;
    private static final int POSITIVE = 3;
    private static final int EXPONENT_BIAS = 0x8000;

    private KeyEncoding() {
    }

    public static void encode(AttributeValue value, ByteSink out) {
        if (value instanceof AttributeValue.S s) {
            escaped(s.utf8(), out);
            terminate(out);
        } else if (value instanceof AttributeValue.B b) {
            escaped(b.value(), out);
            terminate(out);
        } else if (value instanceof AttributeValue.N n) {
            number(n.value(), out);
        } else {
            throw new IllegalArgumentException("not a key type: " + value.type());
        }
    }

    public static byte[] encode(AttributeValue value) {
        ByteSink out = new ByteSink(32);
        encode(value, out);
        return out.toByteArray();
    }

    /**
     * The bytes every encoded key component starting with the given string or binary begins
     * with (begins_with on a sort key).
     */
    public static byte[] prefix(AttributeValue value) {
        ByteSink out = new ByteSink(32);
        if (value instanceof AttributeValue.S s) {
            escaped(s.utf8(), out);
        } else if (value instanceof AttributeValue.B b) {
            escaped(b.value(), out);
        } else {
            throw new IllegalArgumentException("no prefix for type " + value.type());
        }
        return out.toByteArray();
    }

    /** The smallest byte string greater than every string that starts with {@code prefix}; null if none. */
    public static byte[] prefixEnd(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] end = Arrays.copyOf(prefix, i + 1);
                end[i]++;
                return end;
            }
        }
        return null;
    }

    private static void escaped(byte[] bytes, ByteSink out) {
        for (byte b : bytes) {
            out.write(b);
            if (b == 0) {
                out.write(0xFF);
            }
        }
    }

    private static void terminate(ByteSink out) {
        out.write(0);
        out.write(1);
    }

    private static void number(BigDecimal value, ByteSink out) {
        int sign = value.signum();
        if (sign == 0) {
            out.write(ZERO);
            return;
        }
        boolean negative = sign < 0;
        BigDecimal abs = value.abs();
        int exponent = Numbers.adjustedExponent(abs) + EXPONENT_BIAS;
        String digits = abs.unscaledValue().toString();
        int mask = negative ? 0xFF : 0;
        out.write(negative ? NEGATIVE : POSITIVE);
        out.write(((exponent >>> 8) & 0xFF) ^ mask);
        out.write((exponent & 0xFF) ^ mask);
        for (int i = 0; i < digits.length(); i++) {
            out.write(digits.charAt(i) ^ mask);
        }
        out.write(mask);
    }
}
