package dev.cloudjar.core.server;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The Date header's value, formatted once a second rather than once a response. */
final class HttpDates {
    private record Stamp(long epochSecond, String text) {
    }

    private volatile Stamp last = new Stamp(Long.MIN_VALUE, "");

    /** The current time as RFC 1123 in GMT, which AWS dates every response with. */
    String now() {
        long second = Math.floorDiv(System.currentTimeMillis(), 1000);
        Stamp stamp = last;
        if (stamp.epochSecond() != second) {
            stamp = new Stamp(second, DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    Instant.ofEpochSecond(second).atZone(ZoneOffset.UTC)));
            last = stamp;
        }
        return stamp.text();
    }
}
