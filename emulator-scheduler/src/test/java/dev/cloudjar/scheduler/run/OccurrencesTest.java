package dev.cloudjar.scheduler.run;

import dev.cloudjar.scheduler.store.ScheduleRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The Scheduler User Guide's rules for StartDate, EndDate and one-time schedules ("Schedule types", CreateSchedule reference). */
class OccurrencesTest {
    private static final Instant CREATED = Instant.parse("2030-01-01T00:00:20Z");

    private static ScheduleRecord schedule(String expression, String start, String end) {
        return new ScheduleRecord("s", "default", "arn:aws:scheduler:us-east-1:000000000000:schedule/default/s", expression,
                "UTC", start == null ? null : Instant.parse(start).toEpochMilli(), end == null ? null : Instant.parse(end).toEpochMilli(),
                null, "ENABLED", null, Map.of("Mode", "OFF"), Map.of("Arn", "arn:aws:sqs:us-east-1:000000000000:q"), "NONE",
                CREATED.toEpochMilli(), CREATED.toEpochMilli(), null);
    }

    private static Optional<Instant> next(ScheduleRecord s, String after) {
        return Occurrences.next(s, Instant.parse(after));
    }

    @Test
    void rateCountsFromTheMinuteItWasCreatedIn() {
        assertEquals(Optional.of(Instant.parse("2030-01-01T00:05:00Z")), next(schedule("rate(5 minutes)", null, null), "2030-01-01T00:00:20Z"));
    }

    @Test
    void recurringScheduleStartsAtItsStartDate() {
        assertEquals(Optional.of(Instant.parse("2030-02-01T12:00:00Z")),
                next(schedule("rate(1 hour)", "2030-02-01T12:00:00Z", null), "2030-01-01T00:00:20Z"));
        assertEquals(Optional.of(Instant.parse("2030-02-01T12:00:00Z")),
                next(schedule("cron(0 12 * * ? *)", "2030-02-01T12:00:00Z", null), "2030-01-01T00:00:20Z"));
    }

    @Test
    void recurringScheduleEndsAtItsEndDate() {
        ScheduleRecord s = schedule("cron(0 12 * * ? *)", null, "2030-01-02T12:00:00Z");
        assertEquals(Optional.of(Instant.parse("2030-01-02T12:00:00Z")), next(s, "2030-01-01T12:00:00Z"));
        assertEquals(Optional.empty(), next(s, "2030-01-02T12:00:00Z"));
    }

    /** "EventBridge Scheduler ignores StartDate and EndDate for one-time schedules." */
    @Test
    void oneTimeScheduleIgnoresItsDates() {
        ScheduleRecord s = schedule("at(2030-06-01T00:00:00)", "2030-07-01T00:00:00Z", "2030-01-02T00:00:00Z");
        assertEquals(Optional.of(Instant.parse("2030-06-01T00:00:00Z")), next(s, "2030-01-01T00:00:20Z"));
        assertEquals(Optional.empty(), next(s, "2030-06-01T00:00:00Z"));
    }

    @Test
    void universalTargetsNameTheirOperation() {
        assertEquals(new Targets.Operation("sqs", "SendMessage"), Targets.universalOperation("arn:aws:scheduler:::aws-sdk:sqs:sendMessage"));
        assertEquals(new Targets.Operation("events", "PutEvents"), Targets.universalOperation("arn:aws:scheduler:::aws-sdk:eventbridge:putEvents"));
        assertNull(Targets.universalOperation("arn:aws:scheduler:::aws-sdk:sqs"));
    }

    /** "Adding context attributes": each keyword replaced wherever it appears. */
    @Test
    void contextAttributesAreReplaced() {
        String input = "<aws.scheduler.schedule-arn> <aws.scheduler.scheduled-time> <aws.scheduler.execution-id> <aws.scheduler.attempt-number>";
        String invocation = ContextAttributes.invocation(input, "arn", "2030-01-01T00:00:00Z", "id");
        assertEquals("arn 2030-01-01T00:00:00Z id 3", ContextAttributes.attempt(invocation, 3));
    }
}
