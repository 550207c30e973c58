package dev.cloudjar.core.protocol;

import dev.cloudjar.core.model.Member;
import dev.cloudjar.core.model.Shape;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Scalars as text in labels, query strings and headers: numbers in decimal, "NaN"/"Infinity"
 * floats, base64 blobs (and base64 strings with a mediaType in headers), timestamps in the
 * location's default format unless the member says otherwise.
 */
public final class HttpValues {
    private HttpValues() {
    }

    /**
     * @throws IllegalArgumentException (or a DateTimeException) when the text does not fit the shape
     */
    public static Object parse(Member member, String text, TimestampFormat defaultFormat, boolean header) {
        Shape target = member.target();
        return switch (target.type()) {
            case STRING -> header && target.traits().has("mediaType")
                    ? new String(base64(text), StandardCharsets.UTF_8) : text;
            case ENUM -> text;
            case BOOLEAN -> parseBoolean(text);
            case BYTE -> bounded(text, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case SHORT -> bounded(text, Short.MIN_VALUE, Short.MAX_VALUE);
            case INTEGER, INT_ENUM -> Integer.parseInt(text);
            case LONG -> Long.parseLong(text);
            case FLOAT -> Float.valueOf(floatText(text));
            case DOUBLE -> Double.valueOf(floatText(text));
            case BIG_INTEGER -> new BigInteger(text);
            case BIG_DECIMAL -> new BigDecimal(text);
            case TIMESTAMP -> TimestampFormat.of(member, defaultFormat).parse(text);
            case BLOB -> base64(text);
            default -> throw new IllegalArgumentException(target.type() + " cannot travel as text");
        };
    }

    public static String format(Member member, Object value, TimestampFormat defaultFormat, boolean header) {
        Shape target = member.target();
        return switch (target.type()) {
            case STRING -> header && target.traits().has("mediaType")
                    ? Base64.getEncoder().encodeToString(value.toString().getBytes(StandardCharsets.UTF_8))
                    : value.toString();
            case TIMESTAMP -> TimestampFormat.of(member, defaultFormat).format((Instant) value);
            case BLOB -> Base64.getEncoder().encodeToString((byte[]) value);
            case FLOAT, DOUBLE -> formatFloat(((Number) value).doubleValue(), value);
            default -> value.toString();
        };
    }

    /**
     * Decodes standard, padded base64; Java's decoder also takes unpadded text, which AWS rejects.
     *
     * @throws IllegalArgumentException when the text is not padded base64
     */
    public static byte[] base64(String text) {
        if (text.length() % 4 != 0) {
            throw new IllegalArgumentException("base64 text must be padded");
        }
        return Base64.getDecoder().decode(text);
    }

    private static String formatFloat(double d, Object value) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return value.toString();
    }

    /** Java's parser would also take "1e3f" and hexadecimal; AWS takes decimal numbers and the three names. */
    private static String floatText(String text) {
        if (text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity")
                || text.matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            return text;
        }
        throw new NumberFormatException("not a number: " + text);
    }

    private static Boolean parseBoolean(String text) {
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean: " + text);
        };
    }

    private static Integer bounded(String text, int min, int max) {
        int value = Integer.parseInt(text);
        if (value < min || value > max) {
            throw new NumberFormatException("out of range: " + text);
        }
        return value;
    }

    /**
     * Splits a header list: items are comma-separated and may be double-quoted (with backslash
     * escapes) to carry commas; http-date timestamps contain one comma each and are rejoined.
     */
    public static List<String> splitHeader(String value, boolean httpDates) {
        List<String> items = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted && c == '\\' && i + 1 < value.length()) {
                current.append(value.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                items.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        items.add(current.toString().strip());
        if (!httpDates) {
            return items;
        }
        List<String> dates = new ArrayList<>();
        for (int i = 0; i < items.size(); i += 2) {
            // A date without its other half is kept alone so that parsing it reports the malformed value.
            dates.add(i + 1 < items.size() ? items.get(i) + ", " + items.get(i + 1) : items.get(i));
        }
        return dates;
    }

    /**
     * Joins header list items, quoting those that carry a comma or a quote; http-date timestamps
     * ({@code quote} false) are joined as they are, since their comma is part of the format.
     */
    public static String joinHeader(List<String> items, boolean quote) {
        List<String> out = new ArrayList<>(items.size());
        for (String item : items) {
            out.add(quote && (item.contains(",") || item.contains("\""))
                    ? "\"" + item.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : item);
        }
        return String.join(", ", out);
    }
}
