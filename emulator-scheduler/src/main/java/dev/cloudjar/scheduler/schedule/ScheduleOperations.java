package dev.cloudjar.scheduler.schedule;

import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.Pages;
import dev.cloudjar.core.spi.RecordTable;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.scheduler.SchedulerErrors;
import dev.cloudjar.scheduler.group.Groups;
import dev.cloudjar.scheduler.run.ScheduleRunner;
import dev.cloudjar.scheduler.store.ScheduleRecord;
import dev.cloudjar.scheduler.store.SchedulerStore;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** CreateSchedule, GetSchedule, UpdateSchedule, DeleteSchedule and ListSchedules. */
public final class ScheduleOperations {
    private final SchedulerStore store;
    private final ScheduleRunner runner;

    public ScheduleOperations(SchedulerStore store, ScheduleRunner runner) {
        this.store = store;
        this.runner = runner;
    }

    public static String arn(Scope scope, String group, String name) {
        return Arn.of(SchedulerStore.SERVICE, scope, "schedule/" + group + "/" + name).toString();
    }

    /** A retry with the first request's ClientToken answers the schedule it made instead of a conflict. */
    public Output createSchedule(RequestContext context, Input input) {
        String token = input.string("ClientToken");
        return put(context, input, (existing, arn, now) -> {
            if (existing == null) {
                return new Stamp(arn, now, token);
            }
            if (token != null && token.equals(existing.clientToken())) {
                return null;
            }
            throw SchedulerErrors.scheduleExists(existing.name());
        });
    }

    /** UpdateSchedule replaces the whole definition: what the request leaves out goes back to its default. */
    public Output updateSchedule(RequestContext context, Input input) {
        String name = input.string("Name");
        return put(context, input, (existing, arn, now) -> {
            if (existing == null) {
                throw SchedulerErrors.scheduleNotFound(name);
            }
            return new Stamp(existing.arn(), existing.creationDate(), existing.clientToken());
        });
    }

    /** What a create or update keeps of the stored schedule: ARN, CreationDate, ClientToken. */
    private record Stamp(String arn, long creationDate, String clientToken) {
    }

    /** Decides from the stored schedule (or null) what to store; null to store nothing and answer the stored one. */
    @FunctionalInterface
    private interface Stamping {
        Stamp stamp(ScheduleRecord existing, String arn, long now);
    }

    /** Checks the whole definition, then, under the group's lock, stores it and sets its timer. */
    private Output put(RequestContext context, Input input, Stamping stamping) {
        String name = input.string("Name");
        ScheduleDefinition d = ScheduleDefinition.of(input, Groups.DEFAULT);
        Scope scope = context.scope();
        String group = d.groupName();
        try (StripedLocks.Held ignored = store.lock(scope, group)) {
            long now = runner.now().toEpochMilli();
            Groups.require(store, scope, group, now);
            ScheduleRecord existing = store.schedule(scope, group, name).orElse(null);
            Stamp stamp = stamping.stamp(existing, arn(scope, group, name), now);
            if (stamp == null) {
                return Output.of("ScheduleArn", existing.arn());
            }
            ScheduleRecord schedule = new ScheduleRecord(name, group, stamp.arn(), d.scheduleExpression(), d.timezone(),
                    d.startDate(), d.endDate(), d.description(), d.state(), d.kmsKeyArn(), d.flexibleTimeWindow(),
                    d.target(), d.actionAfterCompletion(), stamp.creationDate(), now, stamp.clientToken());
            store.put(scope, schedule);
            runner.arm(scope, schedule);
            return Output.of("ScheduleArn", schedule.arn());
        }
    }

    public Output getSchedule(RequestContext context, Input input) {
        Scope scope = context.scope();
        String group = Objects.requireNonNullElse(input.string("GroupName"), Groups.DEFAULT);
        String name = input.string("Name");
        ScheduleRecord schedule = store.schedule(scope, group, name).orElseThrow(() -> SchedulerErrors.scheduleNotFound(name));
        Output out = Output.empty();
        describe(schedule).forEach(out::put);
        return out;
    }

    public Output deleteSchedule(RequestContext context, Input input) {
        Scope scope = context.scope();
        String group = Objects.requireNonNullElse(input.string("GroupName"), Groups.DEFAULT);
        String name = input.string("Name");
        try (StripedLocks.Held ignored = store.lock(scope, group)) {
            ScheduleRecord schedule = store.schedule(scope, group, name)
                    .orElseThrow(() -> SchedulerErrors.scheduleNotFound(name));
            store.deleteSchedule(scope, group, name);
            runner.disarm(schedule.arn());
        }
        return Output.empty();
    }

    /** Every group's schedules by group and name, or one group's (which must exist); NamePrefix and State filter. */
    public Output listSchedules(RequestContext context, Input input) {
        Scope scope = context.scope();
        String group = input.string("GroupName");
        if (group != null && !Groups.DEFAULT.equals(group) && store.group(scope, group).isEmpty()) {
            throw SchedulerErrors.groupNotFound(group);
        }
        String prefix = Objects.requireNonNullElse(input.string("NamePrefix"), "");
        String state = input.string("State");
        List<ScheduleRecord> matching = store.schedules(scope, group).stream()
                .filter(s -> s.name().startsWith(prefix))
                .filter(s -> state == null || state.equals(s.state()))
                .toList();
        int size = Objects.requireNonNullElse(input.integer("MaxResults"), SchedulerErrors.PAGE_SIZE);
        Pages<ScheduleRecord> page = Pages.of(matching, s -> RecordTable.key(s.groupName(), s.name()),
                input.string("NextToken"), size, SchedulerErrors::invalidNextToken);
        return Output.of("Schedules", page.items().stream().map(ScheduleOperations::summary).toList())
                .put("NextToken", page.nextToken());
    }

    private static Map<String, Object> describe(ScheduleRecord s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ActionAfterCompletion", s.actionAfterCompletion());
        out.put("Arn", s.arn());
        out.put("CreationDate", Instant.ofEpochMilli(s.creationDate()));
        out.put("Description", s.description());
        out.put("EndDate", s.endDate() == null ? null : Instant.ofEpochMilli(s.endDate()));
        out.put("FlexibleTimeWindow", s.flexibleTimeWindow());
        out.put("GroupName", s.groupName());
        out.put("KmsKeyArn", s.kmsKeyArn());
        out.put("LastModificationDate", Instant.ofEpochMilli(s.lastModificationDate()));
        out.put("Name", s.name());
        out.put("ScheduleExpression", s.scheduleExpression());
        out.put("ScheduleExpressionTimezone", s.scheduleExpressionTimezone());
        out.put("StartDate", s.startDate() == null ? null : Instant.ofEpochMilli(s.startDate()));
        out.put("State", s.state());
        out.put("Target", s.target());
        return out;
    }

    private static Map<String, Object> summary(ScheduleRecord s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Arn", s.arn());
        out.put("CreationDate", Instant.ofEpochMilli(s.creationDate()));
        out.put("GroupName", s.groupName());
        out.put("LastModificationDate", Instant.ofEpochMilli(s.lastModificationDate()));
        out.put("Name", s.name());
        out.put("State", s.state());
        out.put("Target", Map.of("Arn", s.targetArn()));
        return out;
    }
}
