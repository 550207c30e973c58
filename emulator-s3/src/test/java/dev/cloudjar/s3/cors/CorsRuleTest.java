package dev.cloudjar.s3.cors;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorsRuleTest {
    private final CorsRule rule = CorsRule.of(Map.of("AllowedOrigins", List.of("https://*.example.com"),
            "AllowedMethods", List.of("GET", "PUT"), "AllowedHeaders", List.of("Content-*", "x-amz-date")));

    @Test
    void anOriginMatchesWithOneWildcard() {
        assertTrue(rule.allowsOrigin("https://app.example.com"));
        assertFalse(rule.allowsOrigin("http://app.example.com"));
        assertFalse(rule.allowsOrigin("https://example.org"));
    }

    @Test
    void theMethodMustBeListedAndEveryRequestedHeaderAllowedIgnoringCase() {
        assertTrue(rule.allows("https://a.example.com", "PUT", List.of("content-type", "X-Amz-Date")));
        assertFalse(rule.allows("https://a.example.com", "DELETE", List.of()));
        assertFalse(rule.allows("https://a.example.com", "GET", List.of("authorization")));
    }
}
