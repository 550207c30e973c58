package dev.cloudjar.scheduler;

import dev.cloudjar.core.error.AwsException;

/**
 * EventBridge Scheduler's errors with the status codes of its API reference (ValidationException
 * 400, ServiceQuotaExceededException 402, ResourceNotFoundException 404, ConflictException 409).
 * "Schedule x does not exist." is as Scheduler answers it (quoted in user reports); the other
 * wordings follow its pattern and are not checked against AWS.
 */
public final class SchedulerErrors {
    /** "Schedule groups per account": 500 in each Region (Scheduler quotas). */
    public static final int MAX_GROUPS = 500;
    /** ListSchedules and ListScheduleGroups answer up to 100 items a page without MaxResults. */
    public static final int PAGE_SIZE = 100;

    private SchedulerErrors() {
    }

    public static AwsException validation(String message) {
        return new AwsException("ValidationException", 400, message);
    }

    public static AwsException scheduleNotFound(String name) {
        return new AwsException("ResourceNotFoundException", 404, "Schedule " + name + " does not exist.");
    }

    public static AwsException groupNotFound(String name) {
        return new AwsException("ResourceNotFoundException", 404, "Schedule group " + name + " does not exist.");
    }

    public static AwsException scheduleExists(String name) {
        return new AwsException("ConflictException", 409, "Schedule " + name + " already exists.");
    }

    public static AwsException groupExists(String name) {
        return new AwsException("ConflictException", 409, "Schedule group " + name + " already exists.");
    }

    public static AwsException quotaExceeded(String message) {
        return new AwsException("ServiceQuotaExceededException", 402, message);
    }

    public static AwsException invalidNextToken() {
        return validation("The NextToken provided is invalid.");
    }
}
