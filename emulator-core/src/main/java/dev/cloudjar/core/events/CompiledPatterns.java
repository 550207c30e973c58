package dev.cloudjar.core.events;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled patterns by dialect and text, so a stored filter policy or rule pattern is compiled once
 * rather than at every message or event. A few per subscription or rule at most: past
 * {@link #MAX_CACHED} the cache is dropped at once and refilled.
 */
public final class CompiledPatterns {
    static final int MAX_CACHED = 4096;

    private final Map<String, EventPattern> compiled = new ConcurrentHashMap<>();
    private final Map<Map<String, String>, PatternSet> sets = new ConcurrentHashMap<>();

    /** @throws InvalidPatternException as {@link EventPattern#compile} does */
    public EventPattern get(String json, Dialect dialect) {
        String key = dialect.name() + ':' + json;
        EventPattern found = compiled.get(key);
        if (found == null) {
            if (compiled.size() >= MAX_CACHED) {
                compiled.clear();
            }
            found = EventPattern.compile(json, dialect);
            compiled.put(key, found);
        }
        return found;
    }

    /**
     * The EventBridge patterns of several rules, by rule name, as one {@link PatternSet}: a bus's
     * enabled rules, read from the store per request, map to the same set until one changes.
     */
    public PatternSet set(Map<String, String> patternsByName) {
        PatternSet found = sets.get(patternsByName);
        if (found == null) {
            if (sets.size() >= MAX_CACHED) {
                sets.clear();
            }
            found = new PatternSet(patternsByName);
            sets.put(Map.copyOf(patternsByName), found);
        }
        return found;
    }
}
