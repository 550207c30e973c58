package dev.cloudjar.it.malformed;

import java.util.List;
import java.util.Random;

/**
 * The values bad input is made of: strings, numbers and header values that a validator must
 * refuse, or accept without tripping over. A character from U+DC80 to U+DCFF stands for one raw
 * byte that is not UTF-8 (see {@link Wire}).
 */
final class Odd {
    private Odd() {
    }

    /** Bytes that are not UTF-8: a stray continuation, an overlong slash, a surrogate, past U+10FFFF, a cut sequence, 0xFF. */
    static final List<byte[]> INVALID_UTF8 = List.of(new byte[]{(byte) 0x80}, new byte[]{(byte) 0xC0, (byte) 0xAF},
            new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[]{(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            new byte[]{(byte) 0xE2, (byte) 0x82}, new byte[]{(byte) 0xFF}, new byte[]{(byte) 0xC3, 0x28});

    static final List<String> STRINGS = List.of("", " ", "\u0000", "a\u0000b", "\u0007\u001b[31m", "\r\n", "line\nbreak",
            "\u2028", "\uFEFF", "😀", "\u0661\u0662\u0663", "\uFF11\uFF12", "NaN", "Infinity", "-0", "1e400", "0x1F",
            "null", "true", "<a>&amp;</a>", "'\"", "${jndi:ldap://x}", "%s%n%x", "../../etc/passwd", "%00", "%zz",
            "arn:aws:::", "a:b:c:d:e:f:g", "*", "?", "a".repeat(256), "a".repeat(2049), "x".repeat(70_000),
            "\u00e9\u00e8", "Ω", "\\", "/", "#", "&", "=", "+", " leading", "trailing ", "UPPER", "-", "_");

    static final List<String> NUMBERS = List.of("0", "-1", "-0.0", "1.5", "2147483648", "-2147483649",
            "9223372036854775808", "-9223372036854775809", "1E+400", "1E-400", "123456789012345678901234567890.123",
            "1.7976931348623157E308", "4.9E-324", "100000", "65536");

    /** Values for query parameters and headers, as text. */
    static final List<String> TEXT_VALUES = List.of("", "abc", "-1", "0", "99999999999999999999", "1e400", "NaN",
            "Infinity", "1.5", "true", "\u0001", "a\tb", "\u007f", "\u00e9", "😀", "%zz", "a".repeat(1100),
            "Thu, 31 Feb 2019 25:61:61 GMT", "2001-13-45T99:99:99Z", "=", "&", "a=b&a=c", "/", "..", "null", " ");

    static String string(Random r) {
        return STRINGS.get(r.nextInt(STRINGS.size()));
    }

    static String number(Random r) {
        return NUMBERS.get(r.nextInt(NUMBERS.size()));
    }

    static String text(Random r) {
        return TEXT_VALUES.get(r.nextInt(TEXT_VALUES.size()));
    }

    static byte[] invalidUtf8(Random r) {
        return INVALID_UTF8.get(r.nextInt(INVALID_UTF8.size()));
    }

    /** Invalid UTF-8 as raw-byte characters, for the head or a form value. */
    static String invalidUtf8Chars(Random r) {
        StringBuilder s = new StringBuilder();
        for (byte b : invalidUtf8(r)) {
            s.append((char) (0xDC00 + (b & 0xFF)));
        }
        return s.toString();
    }

    private static final String PUNCTUATION = "()[]{}.,:;#'\"\\ \t\n\u0000=<>!&|+-*/%$@^~`?_";

    /**
     * The value itself, slightly wrong: cut, with a character inserted, removed, replaced or
     * repeated thousands of times, or a piece of it repeated. Expressions, statements, ARNs and
     * numbers written as strings meet their parsers this way.
     */
    static String edit(String original, Random r) {
        String value = original == null ? "" : original;
        int at = value.isEmpty() ? 0 : r.nextInt(value.length() + 1);
        char c = PUNCTUATION.charAt(r.nextInt(PUNCTUATION.length()));
        return switch (r.nextInt(8)) {
            case 0 -> value.substring(0, at);
            case 1 -> value.substring(0, at) + c + value.substring(at);
            case 2 -> value.substring(0, at) + String.valueOf(pick(r, '(', '[', '{', '.', '-', ' ', 'a', '#', ':'))
                    .repeat(pick(r, 100, 2_000, 50_000)) + value.substring(at);
            case 3 -> at < value.length() ? value.substring(0, at) + value.substring(at + 1) : value + c;
            case 4 -> at < value.length() ? value.substring(0, at) + pick(r, c, '\u0661', '\uFF11', '\u00e9')
                    + value.substring(at + 1) : value + c;
            case 5 -> value.substring(0, at) + value.substring(at / 2, at) + value.substring(at);
            case 6 -> value + pick(r, " AND ", " OR ", ", ", " ", ".", "[0]", " = ", "(") + value;
            default -> value.substring(at) + value.substring(0, at);
        };
    }

    static <T> T pick(Random r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }

    @SafeVarargs
    static <T> T pick(Random r, T... from) {
        return from[r.nextInt(from.length)];
    }
}
