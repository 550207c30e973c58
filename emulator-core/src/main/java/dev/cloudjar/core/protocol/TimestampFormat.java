package dev.cloudjar.core.protocol;

import dev.cloudjar.core.model.Member;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;

/** Smithy's timestamp formats and how each is written and read. */
public enum TimestampFormat {
    DATE_TIME("date-time"),
    HTTP_DATE("http-date"),
    EPOCH_SECONDS("epoch-seconds");

    /** IMF-fixdate; the day has two digits, which RFC_1123_DATE_TIME does not guarantee. */
    private static final DateTimeFormatter HTTP_DATE_FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("EEE, dd MMM yyyy HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendLiteral(" GMT")
            .toFormatter(Locale.US).withZone(ZoneOffset.UTC);

    private final String traitValue;

    TimestampFormat(String traitValue) {
        this.traitValue = traitValue;
    }

    /** The member's timestampFormat trait (on the member, else on its target), or the location's default. */
    public static TimestampFormat of(Member member, TimestampFormat locationDefault) {
        String value = member.traits().string("timestampFormat");
        if (value == null) {
            value = member.target().traits().string("timestampFormat");
        }
        if (value == null) {
            return locationDefault;
        }
        for (TimestampFormat format : values()) {
            if (format.traitValue.equals(value)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown timestamp format " + value);
    }

    public String format(Instant instant) {
        return switch (this) {
            case DATE_TIME -> DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            case HTTP_DATE -> HTTP_DATE_FORMAT.format(instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            case EPOCH_SECONDS -> epochSeconds(instant).toPlainString();
        };
    }

    /**
     * @throws java.time.DateTimeException or {@link NumberFormatException} when the text is not
     *                                     in this format
     */
    public Instant parse(String text) {
        return switch (this) {
            case DATE_TIME -> OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            case HTTP_DATE -> Instant.from(HTTP_DATE_FORMAT.parse(text));
            case EPOCH_SECONDS -> fromEpochSeconds(new BigDecimal(text));
        };
    }

    /** Epoch seconds with milliseconds as the fraction when there are any, as AWS writes them. */
    public static BigDecimal epochSeconds(Instant instant) {
        BigDecimal seconds = BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3).stripTrailingZeros();
        return seconds.scale() < 0 ? seconds.setScale(0) : seconds;
    }

    public static Instant fromEpochSeconds(BigDecimal seconds) {
        long whole = seconds.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }
}
