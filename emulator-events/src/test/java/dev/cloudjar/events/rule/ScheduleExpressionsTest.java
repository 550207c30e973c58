package dev.cloudjar.events.rule;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Examples from "Creating an Amazon EventBridge rule that runs on a schedule" (rate and cron expressions). */
class ScheduleExpressionsTest {

    @Test
    void rateTakesASingularUnitForOneAndAPluralOtherwise() {
        assertTrue(ScheduleExpressions.valid("rate(1 minute)"));
        assertTrue(ScheduleExpressions.valid("rate(5 minutes)"));
        assertTrue(ScheduleExpressions.valid("rate(1 hour)"));
        assertTrue(ScheduleExpressions.valid("rate(7 days)"));
        assertFalse(ScheduleExpressions.valid("rate(1 minutes)"));
        assertFalse(ScheduleExpressions.valid("rate(5 minute)"));
        assertFalse(ScheduleExpressions.valid("rate(0 minutes)"));
        assertFalse(ScheduleExpressions.valid("rate(5 seconds)"));
    }

    @Test
    void cronHasSixFieldsWithOneDayFieldAQuestionMark() {
        assertTrue(ScheduleExpressions.valid("cron(0 10 * * ? *)"));
        assertTrue(ScheduleExpressions.valid("cron(15 12 * * ? *)"));
        assertTrue(ScheduleExpressions.valid("cron(0 18 ? * MON-FRI *)"));
        assertTrue(ScheduleExpressions.valid("cron(0 8 1 * ? *)"));
        assertTrue(ScheduleExpressions.valid("cron(0/10 * ? * MON-FRI *)"));
        assertTrue(ScheduleExpressions.valid("cron(0/5 8-17 ? * MON-FRI *)"));
        assertTrue(ScheduleExpressions.valid("cron(0 9 ? * 2#1 *)"));
        assertFalse(ScheduleExpressions.valid("cron(0 10 * * *)"));
        assertFalse(ScheduleExpressions.valid("cron(0 10 * * * *)"));
        assertFalse(ScheduleExpressions.valid("cron(0 10 ? * ? *)"));
        assertFalse(ScheduleExpressions.valid("at(2026-12-07T10:00:00)"));
    }
}
