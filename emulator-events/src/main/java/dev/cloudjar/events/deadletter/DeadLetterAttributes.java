package dev.cloudjar.events.deadletter;

import dev.cloudjar.core.spi.DeadLetterAnnotator;
import dev.cloudjar.core.spi.Delivery;
import dev.cloudjar.core.spi.GivenUp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The message attributes EventBridge puts on an event it sends to a target's dead-letter queue
 * (User Guide, "Using dead-letter queues to process undelivered events"): RULE_ARN, TARGET_ARN,
 * ERROR_CODE, ERROR_MESSAGE, EXHAUSTED_RETRY_CONDITION and RETRY_ATTEMPTS, all strings.
 * EXHAUSTED_RETRY_CONDITION names the RetryPolicy limit that ended the retries, so an event given
 * up at once (the target is gone, or refuses the call) carries none.
 */
public final class DeadLetterAttributes implements DeadLetterAnnotator {
    /** The name PutEvents' deliveries give as their dead-letter annotator. */
    public static final String NAME = "events:dead-letter";

    @Override
    public Map<String, Map<String, String>> attributes(Delivery delivery, GivenUp givenUp) {
        Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
        put(attributes, "RULE_ARN", delivery.sourceArn());
        put(attributes, "TARGET_ARN", delivery.targetArn());
        put(attributes, "ERROR_CODE", errorCode(givenUp));
        put(attributes, "ERROR_MESSAGE", givenUp.errorMessage() == null ? "" : givenUp.errorMessage());
        switch (givenUp.cause()) {
            case ATTEMPTS_EXHAUSTED -> put(attributes, "EXHAUSTED_RETRY_CONDITION", "MaximumRetryAttempts");
            case EVENT_AGE_EXCEEDED -> put(attributes, "EXHAUSTED_RETRY_CONDITION", "MaximumEventAgeInSeconds");
            default -> {
            }
        }
        put(attributes, "RETRY_ATTEMPTS", Integer.toString(Math.max(givenUp.attempts() - 1, 0)));
        return attributes;
    }

    /**
     * EventBridge's error code for the target's failure, from the codes the User Guide lists: a
     * target that no longer exists is NO_RESOURCE, a refused call NO_PERMISSIONS, a throttle
     * THROTTLING; what the target itself failed with is ERROR_FROM_TARGET.
     */
    static String errorCode(GivenUp givenUp) {
        String code = givenUp.errorCode() == null ? "" : givenUp.errorCode();
        if (givenUp.status() == 404 || code.contains("NotFound") || code.contains("NonExistent")
                || code.contains("DoesNotExist")) {
            return "NO_RESOURCE";
        }
        if (givenUp.status() == 403 || code.contains("AccessDenied")) {
            return "NO_PERMISSIONS";
        }
        if (givenUp.status() == 429 || code.contains("Throttl")) {
            return "THROTTLING";
        }
        if (givenUp.cause() == GivenUp.Cause.EVENT_AGE_EXCEEDED && givenUp.errorCode() == null) {
            return "TIMEOUT";
        }
        return "ERROR_FROM_TARGET";
    }

    private static void put(Map<String, Map<String, String>> attributes, String name, String value) {
        attributes.put(name, Map.of("DataType", "String", "StringValue", value));
    }
}
