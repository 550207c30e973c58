package dev.cloudjar.dynamodb.item;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyEncodingTest {

    @Test
    void numbersSortNumerically() {
        String[] ascending = {"-1E+125", "-1000", "-999.5", "-10", "-2", "-1.5", "-1.25", "-1", "-0.5", "-1E-130",
                "0", "1E-130", "0.001", "0.5", "1", "1.25", "1.5", "2", "10", "99.99", "100", "1E+125"};
        assertSortedByEncoding(Arrays.stream(ascending).map(AttributeValue.N::of).toList());
    }

    @Test
    void randomNumbersSortAsBigDecimalsDo() {
        Random random = new Random(42);
        List<AttributeValue.N> numbers = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            numbers.add(AttributeValue.N.of((random.nextBoolean() ? "-" : "") + random.nextInt(100000) + "E"
                    + (random.nextInt(40) - 20)));
        }
        numbers.sort((a, b) -> a.value().compareTo(b.value()));
        assertSortedByEncoding(numbers);
    }

    @Test
    void stringsSortByUtf8BytesAndAPrefixSortsFirst() {
        assertSortedByEncoding(List.of(new AttributeValue.S(""), new AttributeValue.S("a"),
                new AttributeValue.S("a\u0000"), new AttributeValue.S("a\u0000b"), new AttributeValue.S("ab"),
                new AttributeValue.S("b"), new AttributeValue.S("z"), new AttributeValue.S("\u00e9"),
                new AttributeValue.S("\uD83D\uDE00")));
    }

    @Test
    void binariesSortByUnsignedBytes() {
        assertSortedByEncoding(List.of(new AttributeValue.B(new byte[0]), new AttributeValue.B(new byte[]{0}),
                new AttributeValue.B(new byte[]{0, 0}), new AttributeValue.B(new byte[]{1}),
                new AttributeValue.B(new byte[]{(byte) 0x7F}), new AttributeValue.B(new byte[]{(byte) 0x80}),
                new AttributeValue.B(new byte[]{(byte) 0xFF})));
    }

    @Test
    void aComponentDecidesOrderBeforeTheNextComponent() {
        byte[] aThenZ = concat(KeyEncoding.encode(new AttributeValue.S("a")), KeyEncoding.encode(new AttributeValue.S("z")));
        byte[] abThenA = concat(KeyEncoding.encode(new AttributeValue.S("ab")), KeyEncoding.encode(new AttributeValue.S("a")));
        assertTrue(Arrays.compareUnsigned(aThenZ, abThenA) < 0);
    }

    @Test
    void equalNumbersEncodeEqually() {
        assertArrayEquals(KeyEncoding.encode(AttributeValue.N.of("1.50")), KeyEncoding.encode(AttributeValue.N.of("15E-1")));
    }

    @Test
    void prefixBoundsCoverExactlyTheStringsWithThePrefix() {
        byte[] from = KeyEncoding.prefix(new AttributeValue.S("ab"));
        byte[] to = KeyEncoding.prefixEnd(from);
        for (String s : List.of("ab", "abc", "ab\u0000")) {
            byte[] key = KeyEncoding.encode(new AttributeValue.S(s));
            assertTrue(Arrays.compareUnsigned(key, from) >= 0 && Arrays.compareUnsigned(key, to) < 0, s);
        }
        for (String s : List.of("a", "aa", "ac", "b")) {
            byte[] key = KeyEncoding.encode(new AttributeValue.S(s));
            assertTrue(Arrays.compareUnsigned(key, from) < 0 || Arrays.compareUnsigned(key, to) >= 0, s);
        }
        assertNull(KeyEncoding.prefixEnd(new byte[]{(byte) 0xFF, (byte) 0xFF}));
    }

    private static void assertSortedByEncoding(List<? extends AttributeValue> ascending) {
        for (int i = 1; i < ascending.size(); i++) {
            byte[] a = KeyEncoding.encode(ascending.get(i - 1));
            byte[] b = KeyEncoding.encode(ascending.get(i));
            assertTrue(Arrays.compareUnsigned(a, b) <= 0, ascending.get(i - 1) + " before " + ascending.get(i));
            assertEquals(ascending.get(i - 1).equals(ascending.get(i)), Arrays.equals(a, b));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
