package dev.cloudjar.lambda.alias;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AliasTest {
    private static Alias alias(Map<String, Double> weights) {
        return new Alias("orders", "live", "1", null, weights, "rev");
    }

    @Test
    void withoutRoutingEveryInvocationRunsTheAliasVersion() {
        assertEquals("1", alias(null).routedVersion(0.0));
        assertEquals("1", alias(Map.of()).routedVersion(0.99));
    }

    @Test
    void anAdditionalVersionTakesItsWeightsShareOfTheDraws() {
        Alias canary = alias(Map.of("2", 0.1));
        assertEquals("2", canary.routedVersion(0.0));
        assertEquals("2", canary.routedVersion(0.0999));
        assertEquals("1", canary.routedVersion(0.1));
        assertEquals("1", canary.routedVersion(0.9999));
    }
}
