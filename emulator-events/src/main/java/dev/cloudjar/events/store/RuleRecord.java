package dev.cloudjar.events.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rule as stored, under its bus's name. {@code state} is ENABLED, DISABLED or
 * ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS, as PutRule was given it.
 */
public record RuleRecord(String name, String arn, String eventBusName, String eventPattern, String scheduleExpression,
                         String state, String description, String roleArn, String createdBy, Map<String, String> tags) {
    public RuleRecord {
        tags = tags == null ? Map.of() : new LinkedHashMap<>(tags);
    }

    public boolean enabled() {
        return !"DISABLED".equals(state);
    }

    public RuleRecord withState(String changed) {
        return new RuleRecord(name, arn, eventBusName, eventPattern, scheduleExpression, changed, description, roleArn,
                createdBy, tags);
    }

    public RuleRecord withTags(Map<String, String> changed) {
        return new RuleRecord(name, arn, eventBusName, eventPattern, scheduleExpression, state, description, roleArn,
                createdBy, changed);
    }
}
