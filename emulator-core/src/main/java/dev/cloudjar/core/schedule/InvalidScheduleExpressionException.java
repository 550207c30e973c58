package dev.cloudjar.core.schedule;

/**
 * A schedule expression that is not one of AWS's forms. The message is the reason, for logs and
 * tests; each service answers with its own wording (EventBridge's "Parameter ScheduleExpression is
 * not valid.", Scheduler's ValidationException).
 */
public final class InvalidScheduleExpressionException extends IllegalArgumentException {
    public InvalidScheduleExpressionException(String reason) {
        super(reason);
    }
}
