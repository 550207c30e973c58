package dev.cloudjar.dynamodb.item;

import dev.cloudjar.core.error.AwsException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ItemValuesTest {

    private static Map<String, Object> everyType() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("s", Map.of("S", "text"));
        wire.put("n", Map.of("N", "12.50"));
        wire.put("b", Map.of("B", new byte[]{1, 2, 3}));
        wire.put("bool", Map.of("BOOL", true));
        wire.put("null", Map.of("NULL", true));
        wire.put("m", Map.of("M", Map.of("inner", Map.of("S", "x"))));
        wire.put("l", Map.of("L", List.of(Map.of("N", "1"), Map.of("S", "two"))));
        wire.put("ss", Map.of("SS", List.of("a", "b")));
        wire.put("ns", Map.of("NS", List.of("1", "2.0")));
        wire.put("bs", Map.of("BS", List.of(new byte[]{1}, new byte[]{2})));
        return wire;
    }

    @Test
    void everyTypeSurvivesTheStoredEncoding() {
        Map<String, AttributeValue> item = WireValues.item(everyType());
        assertEquals(item, ItemCodec.decode(ItemCodec.encode(item)));
    }

    @Test
    void numbersGoBackOnTheWireInCanonicalForm() {
        Map<String, Object> wire = WireValues.wire(WireValues.item(everyType()));
        assertEquals(Map.of("N", "12.5"), wire.get("n"));
        assertEquals(Map.of("NS", List.of("1", "2")), wire.get("ns"));
    }

    @Test
    void emptySetsAreRejectedWithAwsWording() {
        AwsException e = assertThrows(AwsException.class, () -> WireValues.value(Map.of("SS", List.of())));
        assertEquals("One or more parameter values were invalid: An string set  may not be empty", e.getMessage());
        assertEquals("One or more parameter values were invalid: An number set  may not be empty",
                assertThrows(AwsException.class, () -> WireValues.value(Map.of("NS", List.of()))).getMessage());
    }

    @Test
    void duplicateSetMembersAreRejected() {
        AwsException e = assertThrows(AwsException.class, () -> WireValues.value(Map.of("SS", List.of("a", "a"))));
        assertEquals("One or more parameter values were invalid: Input collection [a, a] contains duplicates.",
                e.getMessage());
        assertThrows(AwsException.class, () -> WireValues.value(Map.of("NS", List.of("1", "1.0"))));
    }

    @Test
    void nullMustBeTrue() {
        assertThrows(AwsException.class, () -> WireValues.value(Map.of("NULL", false)));
    }

    @Test
    void itemSizeCountsNamesAndValuesAsAwsDoes() {
        assertEquals(4 + 5, ItemSize.of(Map.of("name", new AttributeValue.S("hello"))));
        assertEquals(1 + 1, ItemSize.of(Map.of("b", AttributeValue.Bool.TRUE)));
        assertEquals(1 + 3, ItemSize.of(Map.of("l", new AttributeValue.L(List.of()))));
        assertEquals(1 + 3 + 1 + 1, ItemSize.of(Map.of("l", new AttributeValue.L(List.of(AttributeValue.Null.INSTANCE)))));
        assertEquals(2 + 3 + 1 + 1 + 1, ItemSize.of(Map.of("mm", new AttributeValue.M(Map.of("k", AttributeValue.Bool.TRUE)))));
        assertEquals(1 + 2, ItemSize.of(Map.of("n", AttributeValue.N.of("12"))));
        assertEquals(1 + 3, ItemSize.of(Map.of("n", AttributeValue.N.of("123"))));
        assertEquals(1 + 3, ItemSize.of(Map.of("s", new AttributeValue.S("\u00e9a"))));
    }
}
