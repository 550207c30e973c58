package dev.cloudjar.dynamodb.item;

import dev.cloudjar.core.error.AwsException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NumbersTest {

    @Test
    void numbersAreReturnedInCanonicalPlainForm() {
        assertEquals("1.5", AttributeValue.N.of("01.50").text());
        assertEquals("100", AttributeValue.N.of("1E2").text());
        assertEquals("0", AttributeValue.N.of("-0.000").text());
        assertEquals("-0.001", AttributeValue.N.of("-1e-3").text());
    }

    @Test
    void equalNumbersWrittenDifferentlyAreEqualValues() {
        assertEquals(AttributeValue.N.of("1.0"), AttributeValue.N.of("1"));
    }

    @Test
    void thirtyEightSignificantDigitsAreAcceptedAndThirtyNineRejected() {
        String digits38 = "1".repeat(38);
        assertEquals(digits38, AttributeValue.N.of(digits38).text());
        AwsException e = assertThrows(AwsException.class, () -> Numbers.parse("1".repeat(39)));
        assertEquals("ValidationException", e.code());
        assertEquals("Attempting to store more than 38 significant digits in a Number", e.getMessage());
    }

    @Test
    void trailingZerosDoNotCountAsSignificantDigits() {
        assertEquals(new BigDecimal("1E+100"), Numbers.parse("1" + "0".repeat(100)));
    }

    @Test
    void magnitudesOutsideTheSupportedRangeOverflowOrUnderflow() {
        Numbers.parse("9.9999999999999999999999999999999999999E+125");
        Numbers.parse("1E-130");
        assertEquals("Number overflow. Attempting to store a number with magnitude larger than supported range",
                assertThrows(AwsException.class, () -> Numbers.parse("1E+126")).getMessage());
        assertEquals("Number underflow. Attempting to store a number with magnitude smaller than supported range",
                assertThrows(AwsException.class, () -> Numbers.parse("1E-131")).getMessage());
    }

    @Test
    void textThatIsNotANumberIsRejected() {
        for (String text : new String[]{"abc", "NaN", "Infinity", "1..2", " 1"}) {
            assertEquals("The parameter cannot be converted to a numeric value: " + text,
                    assertThrows(AwsException.class, () -> Numbers.parse(text)).getMessage());
        }
        assertEquals("The parameter cannot be converted to a numeric value",
                assertThrows(AwsException.class, () -> Numbers.parse("")).getMessage());
    }

    @Test
    void arithmeticIsExact() {
        assertEquals(new BigDecimal("0.3"), Numbers.add(new BigDecimal("0.1"), new BigDecimal("0.2")));
        assertEquals(new BigDecimal("10000000000000000000000000000000000001"),
                Numbers.add(new BigDecimal("1E37"), BigDecimal.ONE));
    }

    @Test
    void arithmeticNeedingMoreThan38DigitsFails() {
        assertThrows(AwsException.class, () -> Numbers.add(new BigDecimal("1E38"), BigDecimal.ONE));
    }
}
