package dev.cloudjar.core.events;

import software.amazon.event.ruler.Machine;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Many named EventBridge patterns in one engine, so an event is matched against every rule of a
 * bus in one pass (event-ruler flattens the event once and walks one state machine) instead of
 * once per rule: with 100 rules on a bus that is the difference between a few microseconds and a
 * millisecond per event. Patterns are the ones {@link EventPattern#compile} accepted (stored rules);
 * one that no longer compiles is left out, so it matches nothing, as {@link EventPattern} would.
 */
public final class PatternSet {
    private final Machine machine = new Machine();

    PatternSet(Map<String, String> patternsByName) {
        for (Map.Entry<String, String> named : patternsByName.entrySet()) {
            try {
                machine.addRule(named.getKey(), named.getValue());
            } catch (Exception e) {
                // Checked when stored; a pattern an older server stored that no longer compiles matches nothing.
            }
        }
    }

    /** The names of the patterns {@code eventJson} matches; empty for text that is not a JSON object. */
    public Set<String> matching(String eventJson) {
        List<String> names;
        try {
            names = machine.rulesForJSONEvent(eventJson);
        } catch (Exception notAnObject) {
            return Set.of();
        }
        return new HashSet<>(names);
    }
}
