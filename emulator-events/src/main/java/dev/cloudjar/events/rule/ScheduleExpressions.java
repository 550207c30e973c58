package dev.cloudjar.events.rule;

import dev.cloudjar.core.schedule.InvalidScheduleExpressionException;
import dev.cloudjar.core.schedule.ScheduleExpression;

/**
 * Whether a rule's ScheduleExpression is one EventBridge accepts ("Creating an Amazon EventBridge
 * rule that runs on a schedule"): {@code rate(...)} or six-field {@code cron(...)}, parsed by core's
 * {@link ScheduleExpression}; Scheduler's one-time {@code at(...)} is not a rule's.
 */
final class ScheduleExpressions {
    private ScheduleExpressions() {
    }

    static boolean valid(String expression) {
        try {
            return !ScheduleExpression.parse(expression).isAt();
        } catch (InvalidScheduleExpressionException e) {
            return false;
        }
    }
}
