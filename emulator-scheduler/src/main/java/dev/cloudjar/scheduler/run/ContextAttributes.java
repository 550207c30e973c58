package dev.cloudjar.scheduler.run;

/**
 * The context attributes Scheduler puts into a target's Input where it names them ("Adding
 * context attributes" in the Scheduler User Guide).
 */
final class ContextAttributes {
    static final String ATTEMPT_NUMBER = "<aws.scheduler.attempt-number>";

    private ContextAttributes() {
    }

    /** Every attribute but the attempt number, which only the attempt knows. */
    static String invocation(String input, String scheduleArn, String scheduledTime, String executionId) {
        return input.replace("<aws.scheduler.schedule-arn>", scheduleArn)
                .replace("<aws.scheduler.scheduled-time>", scheduledTime)
                .replace("<aws.scheduler.execution-id>", executionId);
    }

    static String attempt(String input, int attempt) {
        return input.replace(ATTEMPT_NUMBER, Integer.toString(attempt));
    }
}
