package dev.cloudjar.s3.lifecycle;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LifecycleRuleTest {

    @Test
    void withRealDaysExpiryIsRoundedUpToTheNextMidnightUtc() {
        assertEquals(Instant.parse("2024-01-03T00:00:00Z"),
                LifecycleRule.after(Instant.parse("2024-01-01T10:15:00Z"), 1, Duration.ofDays(1)));
        assertEquals(Instant.parse("2024-01-02T00:00:00Z"),
                LifecycleRule.after(Instant.parse("2024-01-01T00:00:00Z"), 1, Duration.ofDays(1)));
    }

    @Test
    void aShortenedDayCountsExactly() {
        assertEquals(Instant.parse("2024-01-01T10:15:03Z"),
                LifecycleRule.after(Instant.parse("2024-01-01T10:15:00Z"), 3, Duration.ofSeconds(1)));
    }

    @Test
    void anAndFilterNeedsThePrefixEveryTagAndTheSizeBounds() {
        LifecycleRule rule = LifecycleRule.of(Map.of("Status", "Enabled", "Filter", Map.of("And", Map.of(
                "Prefix", "tmp/", "Tags", List.of(Map.of("Key", "a", "Value", "1"), Map.of("Key", "b", "Value", "2")),
                "ObjectSizeGreaterThan", 100))));
        assertTrue(rule.selects("tmp/x", Map.of("a", "1", "b", "2", "c", "3"), 101));
        assertFalse(rule.selects("tmp/x", Map.of("a", "1"), 101));
        assertFalse(rule.selects("tmp/x", Map.of("a", "1", "b", "2"), 100));
        assertFalse(rule.selects("other/x", Map.of("a", "1", "b", "2"), 101));
    }

    @Test
    void theLegacyRuleLevelPrefixStillFilters() {
        LifecycleRule rule = LifecycleRule.of(Map.of("Status", "Enabled", "Prefix", "old/"));
        assertTrue(rule.selects("old/a", Map.of(), 1));
        assertFalse(rule.selects("new/a", Map.of(), 1));
    }
}
