package dev.cloudjar.scheduler.group;

import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.scheduler.SchedulerErrors;
import dev.cloudjar.scheduler.store.GroupRecord;
import dev.cloudjar.scheduler.store.SchedulerStore;

import java.util.Map;

/**
 * Names, ARNs and the {@code default} group, which exists in every account and Region without
 * being created: it is stored the first time it is used, so it keeps one creation date.
 */
public final class Groups {
    public static final String DEFAULT = "default";

    private Groups() {
    }

    public static String arn(Scope scope, String name) {
        return Arn.of(SchedulerStore.SERVICE, scope, "schedule-group/" + name).toString();
    }

    /** The group, the default one made on first use; call under the group's lock. */
    public static GroupRecord require(SchedulerStore store, Scope scope, String name, long now) {
        return store.group(scope, name).orElseGet(() -> {
            if (!DEFAULT.equals(name)) {
                throw SchedulerErrors.groupNotFound(name);
            }
            GroupRecord group = new GroupRecord(DEFAULT, arn(scope, DEFAULT), now, now, Map.of(), null);
            store.put(scope, group);
            return group;
        });
    }

    /** The group named by a TagResource ARN ({@code ...:schedule-group/<name>}) in the caller's scope. */
    public static String nameFromArn(Scope scope, String arn) {
        String prefix = arn(scope, "");
        if (!arn.startsWith(prefix)) {
            throw SchedulerErrors.validation("The resource " + arn + " is not a schedule group in this account and Region.");
        }
        return arn.substring(prefix.length());
    }
}
