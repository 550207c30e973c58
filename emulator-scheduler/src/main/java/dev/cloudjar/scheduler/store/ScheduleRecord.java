package dev.cloudjar.scheduler.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A schedule as stored, with the defaults Scheduler fills in (group {@code default}, time zone UTC,
 * state ENABLED, ActionAfterCompletion NONE, the target's RetryPolicy). Dates are epoch
 * milliseconds. {@code flexibleTimeWindow} and {@code target} are the request's structures as
 * plain values, answered back by GetSchedule as they were given.
 */
public record ScheduleRecord(String name, String groupName, String arn, String scheduleExpression,
                             String scheduleExpressionTimezone, Long startDate, Long endDate, String description,
                             String state, String kmsKeyArn, Map<String, Object> flexibleTimeWindow,
                             Map<String, Object> target, String actionAfterCompletion, long creationDate,
                             long lastModificationDate, String clientToken) {
    public ScheduleRecord {
        flexibleTimeWindow = flexibleTimeWindow == null ? Map.of() : new LinkedHashMap<>(flexibleTimeWindow);
        target = target == null ? Map.of() : new LinkedHashMap<>(target);
    }

    public boolean enabled() {
        return "ENABLED".equals(state);
    }

    /** The flexible window in minutes, 0 when Mode is OFF. */
    public int flexibleWindowMinutes() {
        Object minutes = flexibleTimeWindow.get("MaximumWindowInMinutes");
        return "FLEXIBLE".equals(flexibleTimeWindow.get("Mode")) && minutes instanceof Number n ? n.intValue() : 0;
    }

    public String targetArn() {
        return (String) target.get("Arn");
    }
}
