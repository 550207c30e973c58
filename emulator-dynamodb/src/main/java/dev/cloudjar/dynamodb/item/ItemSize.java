package dev.cloudjar.dynamodb.item;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An item's size as DynamoDB counts it for the 400 KB limit and capacity units: attribute names
 * and strings in UTF-8 bytes, binaries by length, numbers at one byte per two significant digits
 * plus one, BOOL and NULL one byte, lists and maps three bytes plus one per element.
 */
public final class ItemSize {
    public static final int MAX_ITEM_BYTES = 400 * 1024;

    private ItemSize() {
    }

    public static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += utf8Length(e.getKey()) + of(e.getValue());
        }
        return size;
    }

    public static long of(AttributeValue value) {
        if (value instanceof AttributeValue.S s) {
            return utf8Length(s.value());
        }
        if (value instanceof AttributeValue.N n) {
            return number(n);
        }
        if (value instanceof AttributeValue.B b) {
            return b.value().length;
        }
        if (value instanceof AttributeValue.Bool || value instanceof AttributeValue.Null) {
            return 1;
        }
        if (value instanceof AttributeValue.M m) {
            long size = 3;
            for (Map.Entry<String, AttributeValue> e : m.value().entrySet()) {
                size += 1 + utf8Length(e.getKey()) + of(e.getValue());
            }
            return size;
        }
        if (value instanceof AttributeValue.L l) {
            long size = 3;
            for (AttributeValue e : l.value()) {
                size += 1 + of(e);
            }
            return size;
        }
        long size = 0;
        for (AttributeValue e : AttributeValue.elements(value)) {
            size += of(e);
        }
        return size;
    }

    private static long number(AttributeValue.N n) {
        int digits = n.value().signum() == 0 ? 1 : n.value().precision();
        return (digits + 1) / 2 + 1 + (n.value().signum() < 0 ? 1 : 0);
    }

    public static int utf8Length(String s) {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
