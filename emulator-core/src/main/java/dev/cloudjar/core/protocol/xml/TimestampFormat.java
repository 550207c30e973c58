package dev.cloudjar.core.protocol.xml;

import dev.cloudjar.core.model.Traits;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Smithy's timestampFormat values, as the XML protocols read and write them. */
enum TimestampFormat {
    DATE_TIME, EPOCH_SECONDS, HTTP_DATE;

    /** AWS writes XML timestamps with milliseconds, e.g. S3's LastModified 2009-10-12T17:50:30.000Z. */
    private static final DateTimeFormatter DATE_TIME_OUT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.MILLI_OF_SECOND, 3, 3, true)
            .appendLiteral('Z')
            .toFormatter(Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HTTP_DATE_OUT =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HTTP_DATE_IN = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("EEE, dd MMM yyyy HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendPattern(" zzz")
            .toFormatter(Locale.ROOT);

    /** The member's (or its target's) timestampFormat, or {@code fallback} where the model names none. */
    static TimestampFormat of(Traits traits, TimestampFormat fallback) {
        String format = traits.string("timestampFormat");
        if (format == null) {
            return fallback;
        }
        return switch (format) {
            case "epoch-seconds" -> EPOCH_SECONDS;
            case "http-date" -> HTTP_DATE;
            default -> DATE_TIME;
        };
    }

    /** @throws IllegalArgumentException when the text is not a timestamp in this format */
    Instant parse(String text) {
        String value = text.trim();
        try {
            return switch (this) {
                case DATE_TIME -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value, ZonedDateTime::from).toInstant();
                case EPOCH_SECONDS -> epochSeconds(value);
                case HTTP_DATE -> HTTP_DATE_IN.parse(value, ZonedDateTime::from).toInstant();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a " + name().toLowerCase(Locale.ROOT) + " timestamp: " + text, e);
        }
    }

    String format(Instant instant) {
        return switch (this) {
            case DATE_TIME -> DATE_TIME_OUT.format(instant);
            case HTTP_DATE -> HTTP_DATE_OUT.format(instant);
            case EPOCH_SECONDS -> BigDecimal.valueOf(instant.truncatedTo(ChronoUnit.MILLIS).toEpochMilli(), 3)
                    .stripTrailingZeros().toPlainString();
        };
    }

    private static Instant epochSeconds(String value) {
        BigDecimal seconds = new BigDecimal(value);
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }
}
