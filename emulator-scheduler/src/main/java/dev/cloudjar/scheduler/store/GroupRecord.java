package dev.cloudjar.scheduler.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A schedule group as stored. Dates are epoch milliseconds; {@code clientToken} is the token of
 * the CreateScheduleGroup that made it, so a retry of that request answers the same group.
 */
public record GroupRecord(String name, String arn, long creationDate, long lastModificationDate,
                          Map<String, String> tags, String clientToken) {
    public GroupRecord {
        tags = tags == null ? Map.of() : new LinkedHashMap<>(tags);
    }

    public GroupRecord withTags(Map<String, String> changed, long now) {
        return new GroupRecord(name, arn, creationDate, now, changed, clientToken);
    }
}
