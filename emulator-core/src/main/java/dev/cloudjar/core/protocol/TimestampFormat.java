package dev.cloudjar.core.protocol;

import dev.cloudjar.core.model.Member;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Pattern;

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
    private static final DateTimeFormatter HTTP_DATE_WHOLE_SECONDS =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private static final Pattern DATE_TIME_UTC =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

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
            case DATE_TIME -> DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
            case HTTP_DATE -> instant.getNano() / 1_000_000 == 0 ? HTTP_DATE_WHOLE_SECONDS.format(instant)
                    : HTTP_DATE_FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
            case EPOCH_SECONDS -> epochSeconds(instant).toPlainString();
        };
    }

    /**
     * @throws java.time.DateTimeException or {@link NumberFormatException} when the text is not
     *                                     in this format
     */
    public Instant parse(String text) {
        return switch (this) {
            case DATE_TIME -> parseDateTime(text);
            case HTTP_DATE -> Instant.from(HTTP_DATE_FORMAT.parse(text));
            case EPOCH_SECONDS -> fromEpochSeconds(new BigDecimal(text));
        };
    }

    /**
     * RFC 3339 in UTC only ("1985-04-12T23:20:50.52Z"), as Smithy servers require: the SDKs
     * always send 'Z', and offsets or ISO 8601 variants are rejected.
     */
    private static Instant parseDateTime(String text) {
        if (!DATE_TIME_UTC.matcher(text).matches()) {
            throw new DateTimeException("not an RFC 3339 UTC date-time: " + text);
        }
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    /** Epoch seconds with milliseconds as the fraction when there are any, as AWS writes them. */
    public static BigDecimal epochSeconds(Instant instant) {
        BigDecimal seconds = BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3).stripTrailingZeros();
        return seconds.scale() < 0 ? seconds.setScale(0) : seconds;
    }

    public static Instant fromEpochSeconds(BigDecimal seconds) {
        long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }
}
