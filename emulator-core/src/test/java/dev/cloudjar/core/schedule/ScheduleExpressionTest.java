package dev.cloudjar.core.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each row: the source (EB = EventBridge User Guide "Schedule expressions for rules", with the
 * example's description; SCH = EventBridge Scheduler User Guide "Schedule types"), the
 * expression, the zone, the time after which to look, and the next time expected.
 */
class ScheduleExpressionTest {

    @ParameterizedTest(name = "{0}: {1} after {3}")
    @CsvSource(delimiter = '|', textBlock = """
            EB cron: 10:00 am (UTC+0) every day                            | cron(0 10 * * ? *)          | UTC | 2026-12-07T10:00:00Z | 2026-12-08T10:00:00Z
            EB cron: 10:00 am (UTC+0) every day                            | cron(0 10 * * ? *)          | UTC | 2026-12-07T09:59:59Z | 2026-12-07T10:00:00Z
            EB cron: 12:15 pm (UTC+0) every day                            | cron(15 12 * * ? *)         | UTC | 2026-12-07T13:00:00Z | 2026-12-08T12:15:00Z
            EB cron: 6:00 pm (UTC+0) every Monday through Friday           | cron(0 18 ? * MON-FRI *)    | UTC | 2026-12-11T18:00:00Z | 2026-12-14T18:00:00Z
            EB cron: 8:00 am (UTC+0) every first day of the month          | cron(0 8 1 * ? *)           | UTC | 2026-12-07T00:00:00Z | 2027-01-01T08:00:00Z
            EB cron: every 15 minutes                                      | cron(0/15 * * * ? *)        | UTC | 2026-12-07T10:07:00Z | 2026-12-07T10:15:00Z
            EB cron: every 15 minutes                                      | cron(0/15 * * * ? *)        | UTC | 2026-12-07T10:45:00Z | 2026-12-07T11:00:00Z
            EB cron: every 10 minutes Monday through Friday                | cron(0/10 * ? * MON-FRI *)  | UTC | 2026-12-11T23:55:00Z | 2026-12-14T00:00:00Z
            EB cron: every 5 minutes Mon-Fri between 8:00 am and 5:55 pm   | cron(0/5 8-17 ? * MON-FRI *)| UTC | 2026-12-07T17:55:00Z | 2026-12-08T08:00:00Z
            EB cron: every 5 minutes Mon-Fri between 8:00 am and 5:55 pm   | cron(0/5 8-17 ? * MON-FRI *)| UTC | 2026-12-07T17:50:30Z | 2026-12-07T17:55:00Z
            EB cron: 9 am (UTC+0) on the first Monday of each month        | cron(0 9 ? * 2#1 *)         | UTC | 2026-12-07T09:00:00Z | 2027-01-04T09:00:00Z
            EB cron wildcards: L in Day-of-month is the last day           | cron(0 0 L * ? *)           | UTC | 2027-02-01T00:00:00Z | 2027-02-28T00:00:00Z
            EB cron wildcards: L in Day-of-week is the last day of the week| cron(0 0 ? * L *)           | UTC | 2026-12-07T00:00:00Z | 2026-12-12T00:00:00Z
            EB cron wildcards: W is the weekday closest to the third       | cron(0 0 3W * ? *)          | UTC | 2027-04-01T00:00:00Z | 2027-04-02T00:00:00Z
            EB cron wildcards: W is the weekday closest to the third       | cron(0 0 3W * ? *)          | UTC | 2026-12-01T00:00:00Z | 2026-12-03T00:00:00Z
            EB cron wildcards: 3#2 is the second Tuesday of the month      | cron(0 0 ? * 3#2 *)         | UTC | 2026-12-01T00:00:00Z | 2026-12-08T00:00:00Z
            EB cron wildcards: a year field limits the years               | cron(0 0 1 JAN ? 2030-2031) | UTC | 2026-12-07T00:00:00Z | 2030-01-01T00:00:00Z
            SCH cron: 10:15 am every last Friday of the month              | cron(15 10 ? * 6L *)        | UTC | 2026-12-07T00:00:00Z | 2026-12-25T10:15:00Z
            SCH cron with a time zone: 8:00 am in America/New_York         | cron(0 8 * * ? *)           | America/New_York | 2026-12-07T14:00:00Z | 2026-12-08T13:00:00Z
            SCH daylight saving: 2:30 am does not exist on the spring change and is skipped | cron(30 2 * * ? *) | America/New_York | 2027-03-13T08:00:00Z | 2027-03-15T06:30:00Z
            SCH daylight saving: 1:30 am repeated on the autumn change runs once           | cron(30 1 * * ? *) | America/New_York | 2026-11-01T05:30:00Z | 2026-11-02T06:30:00Z
            SCH at: one-time schedule                                       | at(2027-11-20T13:00:00)     | UTC | 2026-12-07T00:00:00Z | 2027-11-20T13:00:00Z
            SCH at: in the schedule's time zone                             | at(2027-11-20T13:00:00)     | Europe/Paris | 2026-12-07T00:00:00Z | 2027-11-20T12:00:00Z
            SCH rate: every 5 minutes from the start                        | rate(5 minutes)             | UTC | 2026-12-07T00:00:00Z | 2026-12-07T00:05:00Z
            SCH rate: every hour                                            | rate(1 hour)                | UTC | 2026-12-07T00:00:00Z | 2026-12-07T01:00:00Z
            SCH rate: every 7 days                                          | rate(7 days)                | UTC | 2026-12-07T00:00:00Z | 2026-12-14T00:00:00Z
            """)
    void nextTime(String source, String expression, String zone, String after, String expected) {
        Optional<Instant> next = ScheduleExpression.parse(expression).next(Instant.parse(after), ZoneId.of(zone));
        assertEquals(Optional.of(Instant.parse(expected)), next, source);
    }

    @Test
    void oneTimeScheduleInThePastNeverRunsAgain() {
        // SCH at: a one-time schedule runs once.
        ScheduleExpression at = ScheduleExpression.parse("at(2026-01-01T00:00:00)");
        assertTrue(at.isAt());
        assertEquals(Optional.empty(), at.next(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void cronPastItsLastYearNeverRunsAgain() {
        assertEquals(Optional.empty(), ScheduleExpression.parse("cron(0 0 1 1 ? 2020)").next(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void rateCountsWholePeriodsFromItsStart() {
        ScheduleExpression rate = ScheduleExpression.parse("rate(10 minutes)");
        Instant start = Instant.parse("2026-12-07T00:03:00Z");
        assertEquals(Optional.of(Instant.parse("2026-12-07T00:23:00Z")),
                rate.next(Instant.parse("2026-12-07T00:13:00Z"), ZoneOffset.UTC, start));
        assertEquals(Optional.of(start), rate.next(Instant.parse("2026-12-06T00:00:00Z"), ZoneOffset.UTC, start));
    }

    /** Scheduler (recorded from AWS by LocalStack's validated UpdateSchedule test) takes rate(2 minute); rules do not. */
    @Test
    void schedulerTakesEitherRateUnit() {
        assertEquals(Optional.of(Instant.parse("2026-12-07T00:02:00Z")),
                ScheduleExpression.parse("rate(2 minute)", false).next(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC));
        assertThrows(InvalidScheduleExpressionException.class, () -> ScheduleExpression.parse("rate(2 minute)"));
        // Recorded from AWS as "Invalid Schedule Expression ..." in the same snapshots.
        for (String refused : new String[] {"rate(10 minutess)", "rate(10 seconds)", "rate(10)", "rate()", "rate(foo minutes)",
                "rate( 10 minutes )", " rate(10 minutes)", "cron(INVALID)", "cron()", "cron(7 20 * * NOT *)"}) {
            assertThrows(InvalidScheduleExpressionException.class, () -> ScheduleExpression.parse(refused, false), refused);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // EB rate: "If the value is equal to 1, then the unit must be singular" and plural otherwise
            "rate(1 minutes)", "rate(5 minute)", "rate(0 minutes)", "rate(5 seconds)", "rate(-1 days)", "rate(1.5 hours)",
            // EB cron: six required fields
            "cron(0 10 * * *)", "cron(0 10 * * ? * *)",
            // EB cron: "You can't specify the Day-of-month and Day-of-week fields in the same cron expression"
            "cron(0 10 * * * *)", "cron(0 10 ? * ? *)", "cron(0 10 1 * MON *)",
            // EB cron field ranges: Minutes 0-59, Hours 0-23, Day-of-month 1-31, Month 1-12, Day-of-week 1-7, Year 1970-2199
            "cron(60 10 * * ? *)", "cron(0 24 * * ? *)", "cron(0 0 32 * ? *)", "cron(0 0 0 * ? *)", "cron(0 0 * 13 ? *)",
            "cron(0 0 ? * 8 *)", "cron(0 0 * * ? 2200)", "cron(0 0 ? * FOO *)", "cron(0 0 ? * 2#6 *)",
            // SCH at: yyyy-mm-ddThh:mm:ss
            "at(2026-12-07 10:00:00)", "at(2026-13-07T10:00:00)", "at(2026-12-07T10:00)",
            "every day", ""})
    void refusesWhatTheGuidesDoNotAllow(String expression) {
        assertThrows(InvalidScheduleExpressionException.class, () -> ScheduleExpression.parse(expression));
    }
}
