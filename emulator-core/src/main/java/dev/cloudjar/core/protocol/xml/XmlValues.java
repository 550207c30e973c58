package dev.cloudjar.core.protocol.xml;

import dev.cloudjar.core.model.Member;
import dev.cloudjar.core.model.ShapeType;
import dev.cloudjar.core.protocol.HttpValues;
import dev.cloudjar.core.protocol.TimestampFormat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Scalars as XML text and awsQuery values: the shared text forms ({@link HttpValues}), timestamps
 * in date-time unless the member names another format.
 */
final class XmlValues {
    /** S3 always writes milliseconds, e.g. LastModified 2009-10-12T17:50:30.000Z. */
    private static final DateTimeFormatter S3_DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final boolean millisecondsAlways;

    /** @param millisecondsAlways write date-time timestamps with milliseconds even when they are zero (S3) */
    XmlValues(boolean millisecondsAlways) {
        this.millisecondsAlways = millisecondsAlways;
    }

    /**
     * The value of a member's text; surrounding whitespace is kept only for strings.
     *
     * @throws IllegalArgumentException naming {@code where} when the text does not fit the member
     */
    static Object parse(Member member, String text, String where) {
        ShapeType type = member.target().type();
        String value = type == ShapeType.STRING || type == ShapeType.ENUM ? text : text.strip();
        try {
            return HttpValues.parse(member, value, TimestampFormat.DATE_TIME, false);
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("Value '" + text + "' at '" + where + "' is not a valid "
                    + type.name().toLowerCase(Locale.ROOT), e);
        }
    }

    String format(Member member, Object value) {
        if (value instanceof Instant instant) {
            TimestampFormat format = TimestampFormat.of(member, TimestampFormat.DATE_TIME);
            return format == TimestampFormat.DATE_TIME && millisecondsAlways
                    ? S3_DATE_TIME.format(instant) : format.format(instant);
        }
        return HttpValues.format(member, value, TimestampFormat.DATE_TIME, false);
    }

    /** The text of a value the model does not describe (an undeclared error member). */
    String format(Object value) {
        if (value instanceof Instant instant) {
            return millisecondsAlways ? S3_DATE_TIME.format(instant) : TimestampFormat.DATE_TIME.format(instant);
        }
        return value.toString();
    }
}
