package dev.cloudjar.core.server;

import dev.cloudjar.core.protocol.TimestampFormat;

import java.time.Instant;

/** The Date header's value, formatted once a second rather than once a response. */
final class HttpDates {
    private record Stamp(long epochSecond, String text) {
    }

    private volatile Stamp last = new Stamp(Long.MIN_VALUE, "");

    /** The current time as an HTTP date (IMF-fixdate, GMT), which AWS dates every response with. */
    String now() {
        long second = Math.floorDiv(System.currentTimeMillis(), 1000);
        Stamp stamp = last;
        if (stamp.epochSecond() != second) {
            stamp = new Stamp(second, TimestampFormat.HTTP_DATE.format(Instant.ofEpochSecond(second)));
            last = stamp;
        }
        return stamp.text();
    }
}
