package dev.cloudjar.core.protocol.xml;

import dev.cloudjar.core.model.Shape;
import dev.cloudjar.core.model.Traits;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/** Converts scalar member values between their text form (XML text, query values, headers) and Java values. */
final class Scalars {
    /** Decimal notation or Smithy's special float names; Java's parser alone would also take "1f" or hex. */
    private static final Pattern FLOAT = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|NaN|[+-]?Infinity");

    private Scalars() {
    }

    /**
     * The value of {@code text} for a member targeting {@code target}.
     *
     * @param traits the member's traits merged over its target's
     * @throws IllegalArgumentException when the text is not a value of the target's type
     */
    static Object parse(Shape target, Traits traits, String text, TimestampFormat fallback) {
        return switch (target.type()) {
            case STRING, ENUM -> text;
            case BOOLEAN -> bool(text.trim());
            case BYTE -> bounded(text, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case SHORT -> bounded(text, Short.MIN_VALUE, Short.MAX_VALUE);
            case INTEGER, INT_ENUM -> Integer.valueOf(text.trim());
            case LONG -> Long.valueOf(text.trim());
            case FLOAT -> Float.valueOf(floatText(text));
            case DOUBLE -> Double.valueOf(floatText(text));
            case BIG_INTEGER -> new BigInteger(text.trim());
            case BIG_DECIMAL -> new BigDecimal(text.trim());
            case TIMESTAMP -> TimestampFormat.of(traits, fallback).parse(text);
            case BLOB -> Base64.getMimeDecoder().decode(strictBase64(text));
            default -> throw new IllegalArgumentException(target.type() + " is not a scalar");
        };
    }

    /** The text form of a scalar value; timestamps in the member's format or {@code fallback}. */
    static String format(Traits traits, Object value, TimestampFormat fallback) {
        if (value instanceof Instant instant) {
            return TimestampFormat.of(traits, fallback).format(instant);
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Float f) {
            return special(f) != null ? special(f) : new BigDecimal(f.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Double d) {
            return special(d) != null ? special(d) : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    /** Smithy's names for the floating-point values that have no decimal form, or null. */
    private static String special(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return null;
    }

    private static Boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean: " + text);
        };
    }

    private static Integer bounded(String text, int min, int max) {
        int value = Integer.parseInt(text.trim());
        if (value < min || value > max) {
            throw new IllegalArgumentException(text + " is out of range");
        }
        return value;
    }

    private static String floatText(String text) {
        String value = text.trim();
        if (!FLOAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a number: " + text);
        }
        return value;
    }

    private static String strictBase64(String text) {
        String value = text.trim();
        if (!value.matches("[A-Za-z0-9+/=\\s]*")) {
            throw new IllegalArgumentException("not base64: " + text);
        }
        return value;
    }
}
