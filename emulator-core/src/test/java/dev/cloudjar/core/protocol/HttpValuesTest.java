package dev.cloudjar.core.protocol;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HttpValuesTest {
    @Test
    void headerListsSplitOnCommasOutsideQuotes() {
        assertEquals(List.of("a", "b,c", "\"quoted\""),
                HttpValues.splitHeader("a, \"b,c\", \"\\\"quoted\\\"\"", false));
    }

    @Test
    void httpDateListsKeepTheCommaOfEachDate() {
        assertEquals(List.of("Mon, 16 Dec 2019 23:48:18 GMT", "Tue, 17 Dec 2019 23:48:18 GMT"),
                HttpValues.splitHeader("Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT", true));
    }

    @Test
    void joinQuotesItemsWithCommas() {
        assertEquals("a, \"b,c\"", HttpValues.joinHeader(List.of("a", "b,c"), true));
    }

    @Test
    void timestampFormatsRoundTrip() {
        Instant t = Instant.parse("2019-12-06T23:48:18.123Z");

        assertEquals("Fri, 06 Dec 2019 23:48:18.123 GMT", TimestampFormat.HTTP_DATE.format(t));
        assertEquals("2019-12-06T23:48:18.123Z", TimestampFormat.DATE_TIME.format(t));
        assertEquals("1575676098.123", TimestampFormat.EPOCH_SECONDS.format(t));
        for (TimestampFormat f : TimestampFormat.values()) {
            assertEquals(t, f.parse(f.format(t)));
        }
    }

    @Test
    void malformedTimestampIsRejected() {
        assertThrows(RuntimeException.class, () -> TimestampFormat.HTTP_DATE.parse("2019-12-16"));
        assertThrows(RuntimeException.class, () -> TimestampFormat.DATE_TIME.parse("2019-12-17T00:48:18+01:00"));
        assertThrows(RuntimeException.class, () -> TimestampFormat.DATE_TIME.parse("2019-12-17t00:48:18z"));
    }
}
