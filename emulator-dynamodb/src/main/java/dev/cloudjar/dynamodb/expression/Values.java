package dev.cloudjar.dynamodb.expression;

import dev.cloudjar.dynamodb.item.AttributeValue;

import java.util.Arrays;

/** DynamoDB's ordering of scalar values: numbers numerically, strings and binaries by unsigned bytes. */
public final class Values {
    private Values() {
    }

    /** True when both are N, S or B of the same type, so that they can be ordered. */
    public static boolean comparable(AttributeValue a, AttributeValue b) {
        return a != null && b != null && a.type() == b.type()
                && (a.type() == AttributeValue.Type.N || a.type() == AttributeValue.Type.S
                || a.type() == AttributeValue.Type.B);
    }

    /** Orders two values for which {@link #comparable} holds. */
    public static int compare(AttributeValue a, AttributeValue b) {
        if (a instanceof AttributeValue.N x) {
            return x.value().compareTo(((AttributeValue.N) b).value());
        }
        if (a instanceof AttributeValue.S x) {
            return Arrays.compareUnsigned(x.utf8(), ((AttributeValue.S) b).utf8());
        }
        return Arrays.compareUnsigned(((AttributeValue.B) a).value(), ((AttributeValue.B) b).value());
    }

    /** The value as AWS shows an operand in error messages: {N:5}, {S:abc}. */
    static String show(AttributeValue v) {
        String content = v instanceof AttributeValue.N n ? n.text()
                : v instanceof AttributeValue.S s ? s.value() : v.toString();
        return "AttributeValue: {" + v.type().name() + ":" + content + "}";
    }
}
