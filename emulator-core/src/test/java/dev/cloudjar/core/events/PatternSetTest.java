package dev.cloudjar.core.events;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class PatternSetTest {
    private static final String EVENT = "{\"source\":\"shop\",\"detail-type\":\"Order Placed\",\"detail\":{\"total\":42,\"currency\":\"EUR\"}}";

    @Test
    void oneEventIsMatchedAgainstEveryNamedPatternAtOnce() {
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("by-source", "{\"source\":[\"shop\"]}");
        rules.put("big", "{\"detail\":{\"total\":[{\"numeric\":[\">\",100]}]}}");
        rules.put("euro", "{\"detail\":{\"currency\":[{\"prefix\":\"EU\"}]}}");
        rules.put("other-source", "{\"source\":[\"bank\"]}");
        PatternSet set = new CompiledPatterns().set(rules);
        assertEquals(Set.of("by-source", "euro"), set.matching(EVENT));
        // Each agrees with the pattern matched alone.
        rules.forEach((name, pattern) -> assertEquals(EventPattern.compile(pattern, Dialect.EVENTBRIDGE).matches(EVENT),
                set.matching(EVENT).contains(name), name));
        assertEquals(Set.of(), set.matching("not json"));
        assertEquals(Set.of(), set.matching("[1]"));
    }

    @Test
    void theSameRulesGetTheSameCompiledSetAndAChangeANewOne() {
        CompiledPatterns cache = new CompiledPatterns();
        PatternSet first = cache.set(Map.of("a", "{\"source\":[\"shop\"]}"));
        assertSame(first, cache.set(new LinkedHashMap<>(Map.of("a", "{\"source\":[\"shop\"]}"))));
        PatternSet changed = cache.set(Map.of("a", "{\"source\":[\"bank\"]}"));
        assertEquals(Set.of(), changed.matching(EVENT));
        assertEquals(Set.of("a"), first.matching(EVENT));
    }
}
