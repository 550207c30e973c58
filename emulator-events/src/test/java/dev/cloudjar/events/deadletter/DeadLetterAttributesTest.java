package dev.cloudjar.events.deadletter;

import dev.cloudjar.core.spi.Delivery;
import dev.cloudjar.core.spi.GivenUp;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The attributes of "Using dead-letter queues to process undelivered events" for each way core
 * gives a delivery up; the integration tests cover a target that no longer exists.
 */
class DeadLetterAttributesTest {
    private static final String RULE = "arn:aws:events:us-east-1:000000000000:rule/r";
    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:q";
    private static final Delivery DELIVERY = new Delivery(null, QUEUE, "{}", Map.of(), null, null, RULE, "000000000000",
            null, "arn:aws:sqs:us-east-1:000000000000:dlq", DeadLetterAttributes.NAME);

    private static Map<String, String> values(GivenUp givenUp) {
        Map<String, Map<String, String>> attributes = new DeadLetterAttributes().attributes(DELIVERY, givenUp);
        attributes.values().forEach(a -> assertEquals("String", a.get("DataType")));
        return attributes.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().get("StringValue")));
    }

    @Test
    void retriesThatRanOutNameMaximumRetryAttemptsAndTheRetriesMade() {
        Map<String, String> values = values(new GivenUp(GivenUp.Cause.ATTEMPTS_EXHAUSTED, 3, "ServiceUnavailable", "down", 503));
        assertEquals(RULE, values.get("RULE_ARN"));
        assertEquals(QUEUE, values.get("TARGET_ARN"));
        assertEquals("ERROR_FROM_TARGET", values.get("ERROR_CODE"));
        assertEquals("down", values.get("ERROR_MESSAGE"));
        assertEquals("MaximumRetryAttempts", values.get("EXHAUSTED_RETRY_CONDITION"));
        assertEquals("2", values.get("RETRY_ATTEMPTS"));
    }

    @Test
    void anEventThatGrewTooOldNamesMaximumEventAgeInSecondsAndItsLastError() {
        Map<String, String> throttled = values(new GivenUp(GivenUp.Cause.EVENT_AGE_EXCEEDED, 0, "TooManyRequestsException",
                "Rate exceeded", 429));
        assertEquals("THROTTLING", throttled.get("ERROR_CODE"));
        assertEquals("MaximumEventAgeInSeconds", throttled.get("EXHAUSTED_RETRY_CONDITION"));
        assertEquals("0", throttled.get("RETRY_ATTEMPTS"));
        assertEquals("NO_PERMISSIONS", values(new GivenUp(GivenUp.Cause.REFUSED, 1, "AccessDeniedException", "no", 403))
                .get("ERROR_CODE"));
    }

    @Test
    void aRefusedEventHasNoExhaustedRetryCondition() {
        Map<String, String> values = values(new GivenUp(GivenUp.Cause.REFUSED, 1, "ResourceNotFoundException", "gone", 404));
        assertEquals("NO_RESOURCE", values.get("ERROR_CODE"));
        assertFalse(values.containsKey("EXHAUSTED_RETRY_CONDITION"));
    }
}
