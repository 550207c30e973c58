package dev.cloudjar.dynamodb.item;

import dev.cloudjar.dynamodb.DynamoDbErrors;

import java.math.BigDecimal;

/**
 * DynamoDB's number semantics: up to 38 significant digits, magnitudes from 1E-130 to
 * 9.9999999999999999999999999999999999999E+125, exact arithmetic, canonical form (leading and
 * trailing zeros trimmed, so "1.50", "01.5" and "15E-1" are the same number).
 */
public final class Numbers {
    public static final int MAX_DIGITS = 38;
    private static final int MAX_EXPONENT = 125;
    private static final int MIN_EXPONENT = -130;

    private Numbers() {
    }

    /** Parses and validates a number as DynamoDB reads it from a request. */
    public static BigDecimal parse(String text) {
        BigDecimal value;
        try {
            // Surrounding whitespace is not trimmed: AWS rejects " 1" as it rejects "abc". Java reads
            // any Unicode digit ("١٢", "１２"); DynamoDB only ASCII ones.
            if (!isAscii(text)) {
                throw new NumberFormatException(text);
            }
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            // AWS names the offending text, unless it is empty.
            throw DynamoDbErrors.validation("The parameter cannot be converted to a numeric value"
                    + (text.isEmpty() ? "" : ": " + text));
        }
        return validate(value);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The canonical, validated form of a number (the result of arithmetic, too). */
    public static BigDecimal validate(BigDecimal value) {
        BigDecimal canonical = canonical(value);
        if (canonical.signum() == 0) {
            return canonical;
        }
        if (canonical.precision() > MAX_DIGITS) {
            throw DynamoDbErrors.validation("Attempting to store more than 38 significant digits in a Number");
        }
        int exponent = adjustedExponent(canonical);
        if (exponent > MAX_EXPONENT) {
            throw DynamoDbErrors.validation(
                    "Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (exponent < MIN_EXPONENT) {
            throw DynamoDbErrors.validation(
                    "Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        return canonical;
    }

    /** Trailing zeros stripped; every zero is the same zero. */
    static BigDecimal canonical(BigDecimal value) {
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }

    /** The power of ten of the leading digit: 123.4 → 2, 0.05 → -2. */
    static int adjustedExponent(BigDecimal value) {
        return value.precision() - value.scale() - 1;
    }

    public static BigDecimal add(BigDecimal a, BigDecimal b) {
        return validate(a.add(b));
    }

    public static BigDecimal subtract(BigDecimal a, BigDecimal b) {
        return validate(a.subtract(b));
    }
}
