package dev.cloudjar.scheduler.schedule;

import dev.cloudjar.core.schedule.InvalidScheduleExpressionException;
import dev.cloudjar.core.schedule.ScheduleExpression;
import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.scheduler.SchedulerErrors;
import dev.cloudjar.scheduler.run.Targets;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The definition CreateSchedule and UpdateSchedule both take, checked whole before anything is
 * stored, with Scheduler's defaults filled in as GetSchedule answers them (recorded from AWS: time
 * zone UTC, ActionAfterCompletion NONE, a target RetryPolicy of 86400 seconds and 185 retries).
 */
record ScheduleDefinition(String groupName, String scheduleExpression, String timezone, Long startDate, Long endDate,
                          String description, String state, String kmsKeyArn, Map<String, Object> flexibleTimeWindow,
                          Map<String, Object> target, String actionAfterCompletion) {
    static final String DEFAULT_TIMEZONE = "UTC";
    static final int DEFAULT_EVENT_AGE_SECONDS = 86_400;
    static final int DEFAULT_RETRIES = 185;

    static ScheduleDefinition of(Input input, String defaultGroup) {
        String expression = input.string("ScheduleExpression");
        try {
            ScheduleExpression.parse(expression, false);
        } catch (InvalidScheduleExpressionException e) {
            throw SchedulerErrors.validation("Invalid Schedule Expression " + expression + ".");
        }
        String timezone = Objects.requireNonNullElse(input.string("ScheduleExpressionTimezone"), DEFAULT_TIMEZONE);
        try {
            ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw SchedulerErrors.validation("Invalid ScheduleExpressionTimezone " + timezone + ".");
        }
        Instant start = input.timestamp("StartDate");
        Instant end = input.timestamp("EndDate");
        if (start != null && end != null && !start.isBefore(end)) {
            throw SchedulerErrors.validation("The StartDate must come before the EndDate.");
        }
        Map<String, Object> window = plain(input.map("FlexibleTimeWindow"));
        boolean flexible = "FLEXIBLE".equals(window.get("Mode"));
        if (flexible != window.containsKey("MaximumWindowInMinutes")) {
            throw SchedulerErrors.validation(flexible
                    ? "MaximumWindowInMinutes must be provided when Mode is FLEXIBLE."
                    : "MaximumWindowInMinutes must not be provided when Mode is OFF.");
        }
        Map<String, Object> target = target(plain(input.map("Target")));
        return new ScheduleDefinition(Objects.requireNonNullElse(input.string("GroupName"), defaultGroup), expression,
                timezone, start == null ? null : start.toEpochMilli(), end == null ? null : end.toEpochMilli(),
                input.string("Description"), Objects.requireNonNullElse(input.string("State"), "ENABLED"),
                input.string("KmsKeyArn"), window,
                target, Objects.requireNonNullElse(input.string("ActionAfterCompletion"), "NONE"));
    }

    private static Map<String, Object> target(Map<String, Object> target) {
        String arn = (String) target.get("Arn");
        try {
            Arn.parse(arn);
        } catch (IllegalArgumentException e) {
            throw SchedulerErrors.validation("Invalid target ARN " + arn + ".");
        }
        Object input = target.get("Input");
        if (Targets.isUniversal(arn)) {
            if (Targets.universalOperation(arn) == null) {
                throw SchedulerErrors.validation("Invalid target ARN " + arn + ".");
            }
            if (input != null && !isJson((String) input)) {
                throw SchedulerErrors.validation("Input of a universal target must be a JSON object.");
            }
        }
        Map<String, Object> retry = new LinkedHashMap<>();
        retry.put("MaximumEventAgeInSeconds", DEFAULT_EVENT_AGE_SECONDS);
        retry.put("MaximumRetryAttempts", DEFAULT_RETRIES);
        if (target.get("RetryPolicy") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> retry.put((String) k, v));
        }
        Map<String, Object> out = new LinkedHashMap<>(target);
        out.put("RetryPolicy", retry);
        return out;
    }

    private static boolean isJson(String text) {
        try {
            return RecordJson.tree(text).isObject();
        } catch (IOException e) {
            return false;
        }
    }

    /** The input's structure as plain maps, lists and scalars (document members arrive as JSON trees). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> plain(Map<String, Object> structure) {
        return structure == null ? new LinkedHashMap<>() : RecordJson.mapper().convertValue(structure, LinkedHashMap.class);
    }
}
