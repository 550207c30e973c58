package dev.cloudjar.dynamodb.ttl;

import dev.cloudjar.dynamodb.item.AttributeValue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeToLiveSweeperTest {
    private static final long NOW = 1_700_000_000L;

    @Test
    void anEpochSecondInThePastExpires() {
        assertTrue(TimeToLiveSweeper.expired(AttributeValue.N.of(NOW - 1), NOW));
    }

    @Test
    void theCurrentSecondAndTheFutureDoNotExpire() {
        assertFalse(TimeToLiveSweeper.expired(AttributeValue.N.of(NOW), NOW));
        assertFalse(TimeToLiveSweeper.expired(AttributeValue.N.of(NOW + 60), NOW));
    }

    @Test
    void moreThanFiveYearsInThePastNeverExpiresAsOnAws() {
        assertFalse(TimeToLiveSweeper.expired(AttributeValue.N.of(NOW - 6L * 365 * 24 * 3600), NOW));
    }

    @Test
    void aMissingOrNonNumberAttributeNeverExpires() {
        assertFalse(TimeToLiveSweeper.expired(null, NOW));
        assertFalse(TimeToLiveSweeper.expired(new AttributeValue.S("1"), NOW));
    }
}
