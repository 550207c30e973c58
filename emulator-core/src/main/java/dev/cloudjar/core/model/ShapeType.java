package dev.cloudjar.core.model;

import java.util.Locale;

/** Smithy shape types. */
public enum ShapeType {
    BLOB, BOOLEAN, STRING, ENUM, TIMESTAMP, BYTE, SHORT, INTEGER, INT_ENUM, LONG, FLOAT, DOUBLE,
    BIG_INTEGER, BIG_DECIMAL, DOCUMENT, LIST, SET, MAP, STRUCTURE, UNION, OPERATION, SERVICE, RESOURCE;

    public static ShapeType fromSmithy(String name) {
        return switch (name) {
            case "intEnum" -> INT_ENUM;
            case "bigInteger" -> BIG_INTEGER;
            case "bigDecimal" -> BIG_DECIMAL;
            default -> valueOf(name.toUpperCase(Locale.ROOT));
        };
    }

    public boolean isNumber() {
        return switch (this) {
            case BYTE, SHORT, INTEGER, INT_ENUM, LONG, FLOAT, DOUBLE, BIG_INTEGER, BIG_DECIMAL -> true;
            default -> false;
        };
    }

    public boolean isAggregate() {
        return switch (this) {
            case LIST, SET, MAP, STRUCTURE, UNION -> true;
            default -> false;
        };
    }
}
