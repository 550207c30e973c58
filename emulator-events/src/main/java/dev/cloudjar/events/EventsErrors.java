package dev.cloudjar.events;

import dev.cloudjar.core.error.AwsException;

/**
 * EventBridge's errors by their awsJson codes; EventBridge answers every client error with 400.
 * Wordings are EventBridge's as its answers (and the emulators that recorded them) show.
 */
public final class EventsErrors {
    /** ListRules, ListEventBuses and ListTargetsByRule answer up to 100 items a page when no Limit is given. */
    public static final int PAGE_SIZE = 100;
    /** "Targets per rule": five (EventBridge quotas). */
    public static final int MAX_TARGETS = 5;
    public static final int MAX_TAGS = 50;

    private EventsErrors() {
    }

    public static AwsException validation(String message) {
        return AwsException.client("ValidationException", message);
    }

    public static AwsException busNotFound(String name) {
        return AwsException.client("ResourceNotFoundException", "Event bus " + name + " does not exist.");
    }

    public static AwsException ruleNotFound(String rule, String bus) {
        return AwsException.client("ResourceNotFoundException", "Rule " + rule + " does not exist on EventBus " + bus + ".");
    }

    public static AwsException resourceNotFound(String arn) {
        return AwsException.client("ResourceNotFoundException", "Resource " + arn + " not found.");
    }

    public static AwsException resourceNotFoundMessage(String message) {
        return AwsException.client("ResourceNotFoundException", message);
    }

    public static AwsException busExists(String name) {
        return AwsException.client("ResourceAlreadyExistsException", "Event bus " + name + " already exists.");
    }

    public static AwsException invalidPattern(String message) {
        return AwsException.client("InvalidEventPatternException", message);
    }

    public static AwsException limitExceeded(String message) {
        return AwsException.client("LimitExceededException", message);
    }

    public static AwsException invalidNextToken() {
        return validation("The NextToken provided is invalid.");
    }
}
