package dev.cloudjar.scheduler.store;

import dev.cloudjar.core.spi.RecordTable;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.spi.storage.WriteBatch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Schedule groups and schedules in the storage SPI, per scope: groups by name, schedules under
 * their group ({@code group \0 name}), so a group's schedules are one prefix scan. Changes to a
 * group and what it holds are serialised by the group's lock.
 */
public final class SchedulerStore {
    public static final String SERVICE = "scheduler";

    private final StateStore state;
    private final RecordTable<GroupRecord> groups;
    private final RecordTable<ScheduleRecord> schedules;
    private final StripedLocks locks = new StripedLocks(64);

    public SchedulerStore(StateStore state) {
        this.state = state;
        this.groups = new RecordTable<>(state, SERVICE, "groups", GroupRecord.class);
        this.schedules = new RecordTable<>(state, SERVICE, "schedules", ScheduleRecord.class);
    }

    public StripedLocks.Held lock(Scope scope, String groupName) {
        return locks.lock(groups.keyspace(scope), groupName.getBytes(StandardCharsets.UTF_8));
    }

    public Optional<GroupRecord> group(Scope scope, String name) {
        return groups.get(scope, name);
    }

    /** The stored groups of the scope, by name. */
    public List<GroupRecord> groups(Scope scope) {
        return groups.list(scope, "");
    }

    public void put(Scope scope, GroupRecord group) {
        groups.put(scope, group.name(), group);
    }

    /** Deletes the group with its schedules in one write. */
    public void deleteGroup(Scope scope, String name) {
        WriteBatch batch = new WriteBatch();
        groups.delete(batch, scope, name);
        schedules.deleteAll(batch, scope, name + '\0');
        state.apply(batch);
    }

    public Optional<ScheduleRecord> schedule(Scope scope, String groupName, String name) {
        return schedules.get(scope, RecordTable.key(groupName, name));
    }

    /** A group's schedules by name, or every schedule of the scope (by group, then name) for a null group. */
    public List<ScheduleRecord> schedules(Scope scope, String groupName) {
        return schedules.list(scope, groupName == null ? "" : groupName + '\0');
    }

    public void put(Scope scope, ScheduleRecord schedule) {
        schedules.put(scope, RecordTable.key(schedule.groupName(), schedule.name()), schedule);
    }

    public boolean deleteSchedule(Scope scope, String groupName, String name) {
        return schedules.delete(scope, RecordTable.key(groupName, name));
    }
}
