package dev.cloudjar.scheduler.group;

import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.Pages;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.core.spi.TagList;
import dev.cloudjar.scheduler.SchedulerErrors;
import dev.cloudjar.scheduler.run.ScheduleRunner;
import dev.cloudjar.scheduler.store.GroupRecord;
import dev.cloudjar.scheduler.store.ScheduleRecord;
import dev.cloudjar.scheduler.store.SchedulerStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/** CreateScheduleGroup, GetScheduleGroup, DeleteScheduleGroup, ListScheduleGroups and the group tags. */
public final class GroupOperations {
    private final SchedulerStore store;
    private final ScheduleRunner runner;

    public GroupOperations(SchedulerStore store, ScheduleRunner runner) {
        this.store = store;
        this.runner = runner;
    }

    /** A retry with the first request's ClientToken answers the group it made instead of a conflict. */
    public Output createScheduleGroup(RequestContext context, Input input) {
        String name = input.string("Name");
        String token = input.string("ClientToken");
        Scope scope = context.scope();
        Map<String, String> tags = TagList.toMap(input.list("Tags"));
        try (StripedLocks.Held ignored = store.lock(scope, name)) {
            GroupRecord existing = store.group(scope, name).orElse(null);
            if (existing != null || Groups.DEFAULT.equals(name)) {
                if (existing != null && token != null && token.equals(existing.clientToken())) {
                    return Output.of("ScheduleGroupArn", existing.arn());
                }
                throw SchedulerErrors.groupExists(name);
            }
            if (store.groups(scope).stream().filter(g -> !Groups.DEFAULT.equals(g.name())).count() >= SchedulerErrors.MAX_GROUPS - 1) {
                throw SchedulerErrors.quotaExceeded("You have reached the quota of " + SchedulerErrors.MAX_GROUPS
                        + " schedule groups in this account and Region.");
            }
            long now = runner.now().toEpochMilli();
            GroupRecord group = new GroupRecord(name, Groups.arn(scope, name), now, now, tags, token);
            store.put(scope, group);
            return Output.of("ScheduleGroupArn", group.arn());
        }
    }

    public Output getScheduleGroup(RequestContext context, Input input) {
        String name = input.string("Name");
        Scope scope = context.scope();
        try (StripedLocks.Held ignored = store.lock(scope, name)) {
            Output out = Output.empty();
            describe(Groups.require(store, scope, name, runner.now().toEpochMilli())).forEach(out::put);
            return out;
        }
    }

    /**
     * Deleting a group deletes its schedules ("Deleting a schedule group"); Scheduler does it in the
     * background with the group DELETING meanwhile, Cloudjar at once. The default group cannot be deleted.
     */
    public Output deleteScheduleGroup(RequestContext context, Input input) {
        String name = input.string("Name");
        if (Groups.DEFAULT.equals(name)) {
            throw SchedulerErrors.validation("You cannot delete the default group.");
        }
        Scope scope = context.scope();
        try (StripedLocks.Held ignored = store.lock(scope, name)) {
            if (store.group(scope, name).isEmpty()) {
                throw SchedulerErrors.groupNotFound(name);
            }
            List<ScheduleRecord> schedules = store.schedules(scope, name);
            store.deleteGroup(scope, name);
            schedules.forEach(s -> runner.disarm(s.arn()));
        }
        return Output.empty();
    }

    public Output listScheduleGroups(RequestContext context, Input input) {
        Scope scope = context.scope();
        String prefix = Objects.requireNonNullElse(input.string("NamePrefix"), "");
        List<GroupRecord> all = new ArrayList<>(store.groups(scope));
        if (all.stream().noneMatch(g -> Groups.DEFAULT.equals(g.name()))) {
            try (StripedLocks.Held ignored = store.lock(scope, Groups.DEFAULT)) {
                all.add(Groups.require(store, scope, Groups.DEFAULT, runner.now().toEpochMilli()));
            }
        }
        List<GroupRecord> matching = all.stream().filter(g -> g.name().startsWith(prefix))
                .sorted(Comparator.comparing(GroupRecord::name)).toList();
        int size = Objects.requireNonNullElse(input.integer("MaxResults"), SchedulerErrors.PAGE_SIZE);
        Pages<GroupRecord> page = Pages.of(matching, GroupRecord::name, input.string("NextToken"), size,
                SchedulerErrors::invalidNextToken);
        return Output.of("ScheduleGroups", page.items().stream().map(GroupOperations::describe).toList())
                .put("NextToken", page.nextToken());
    }

    public Output tagResource(RequestContext context, Input input) {
        Map<String, String> added = TagList.toMap(input.list("Tags"));
        return changeTags(context, input, tags -> tags.putAll(added));
    }

    public Output untagResource(RequestContext context, Input input) {
        List<Object> keys = input.list("TagKeys");
        return changeTags(context, input, tags -> keys.forEach(tags::remove));
    }

    private Output changeTags(RequestContext context, Input input, Consumer<Map<String, String>> change) {
        Scope scope = context.scope();
        String name = Groups.nameFromArn(scope, input.string("ResourceArn"));
        try (StripedLocks.Held ignored = store.lock(scope, name)) {
            long now = runner.now().toEpochMilli();
            GroupRecord group = Groups.require(store, scope, name, now);
            Map<String, String> tags = new LinkedHashMap<>(group.tags());
            change.accept(tags);
            store.put(scope, group.withTags(tags, now));
        }
        return Output.empty();
    }

    public Output listTagsForResource(RequestContext context, Input input) {
        Scope scope = context.scope();
        String name = Groups.nameFromArn(scope, input.string("ResourceArn"));
        try (StripedLocks.Held ignored = store.lock(scope, name)) {
            return Output.of("Tags", TagList.of(Groups.require(store, scope, name, runner.now().toEpochMilli()).tags()));
        }
    }

    private static Map<String, Object> describe(GroupRecord group) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Arn", group.arn());
        out.put("Name", group.name());
        out.put("State", "ACTIVE");
        out.put("CreationDate", Instant.ofEpochMilli(group.creationDate()));
        out.put("LastModificationDate", Instant.ofEpochMilli(group.lastModificationDate()));
        return out;
    }
}
