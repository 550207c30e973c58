package dev.cloudjar.events.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudjar.core.events.CompiledPatterns;
import dev.cloudjar.core.events.Dialect;
import dev.cloudjar.core.events.EventPattern;
import dev.cloudjar.core.events.InvalidPatternException;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.Pages;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.core.spi.TagList;
import dev.cloudjar.events.EventsErrors;
import dev.cloudjar.events.store.Buses;
import dev.cloudjar.events.store.EventsStore;
import dev.cloudjar.events.store.RuleRecord;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PutRule, DeleteRule, DescribeRule, ListRules, EnableRule, DisableRule and TestEventPattern. */
public final class RuleOperations {
    /** The members TestEventPattern's Event must have ("TestEventPattern", EventBridge API reference). */
    private static final List<String> EVENT_MEMBERS = List.of("id", "account", "source", "time", "region", "detail-type");

    private final EventsStore store;
    private final CompiledPatterns patterns;
    private final RuleSchedules schedules;

    public RuleOperations(EventsStore store, CompiledPatterns patterns, RuleSchedules schedules) {
        this.store = store;
        this.patterns = patterns;
        this.schedules = schedules;
    }

    /**
     * Creates or replaces a rule. A rule with a schedule expression runs on it while enabled
     * ({@link RuleSchedules}). Tags apply to a new rule only, as on EventBridge.
     */
    public Output putRule(RequestContext context, Input input) {
        String name = input.string("Name");
        String busName = Buses.name(input.string("EventBusName"));
        String pattern = input.string("EventPattern");
        String schedule = input.string("ScheduleExpression");
        if (pattern == null && schedule == null) {
            throw EventsErrors.validation("Parameter(s) EventPattern or ScheduleExpression must be specified.");
        }
        if (schedule != null && !Buses.DEFAULT.equals(busName)) {
            throw EventsErrors.validation("ScheduleExpression is supported only on the default event bus.");
        }
        if (schedule != null && !ScheduleExpressions.valid(schedule)) {
            throw EventsErrors.validation("Parameter ScheduleExpression is not valid.");
        }
        if (pattern != null) {
            compile(pattern);
        }
        Scope scope = context.scope();
        try (StripedLocks.Held ignored = store.lock(scope, busName)) {
            requireBus(scope, busName);
            RuleRecord existing = store.rule(scope, busName, name).orElse(null);
            Map<String, String> tags = existing == null ? TagList.toMap(input.list("Tags")) : existing.tags();
            String state = input.string("State") == null ? "ENABLED" : input.string("State");
            RuleRecord rule = new RuleRecord(name, Buses.ruleArn(scope, busName, name), busName, pattern, schedule, state,
                    input.string("Description"), input.string("RoleArn"), context.accountId(), tags);
            store.put(scope, rule);
            schedules.changed(scope, rule);
            return Output.of("RuleArn", rule.arn());
        }
    }

    /** Deleting a rule that is not there succeeds; a rule with targets cannot be deleted. */
    public Output deleteRule(RequestContext context, Input input) {
        String name = input.string("Name");
        String busName = Buses.name(input.string("EventBusName"));
        Scope scope = context.scope();
        try (StripedLocks.Held ignored = store.lock(scope, busName)) {
            if (store.rule(scope, busName, name).isPresent()) {
                if (!store.targets(scope, busName, name).isEmpty()) {
                    throw EventsErrors.validation("Rule can't be deleted since it has targets.");
                }
                store.deleteRule(scope, busName, name);
                schedules.deleted(Buses.ruleArn(scope, busName, name));
            }
        }
        return Output.empty();
    }

    public Output describeRule(RequestContext context, Input input) {
        RuleRecord rule = rule(context.scope(), input.string("EventBusName"), input.string("Name"));
        Output out = Output.empty();
        describe(rule).forEach(out::put);
        return out.put("CreatedBy", rule.createdBy());
    }

    public Output listRules(RequestContext context, Input input) {
        String busName = Buses.name(input.string("EventBusName"));
        Scope scope = context.scope();
        requireBus(scope, busName);
        String prefix = input.string("NamePrefix") == null ? "" : input.string("NamePrefix");
        List<RuleRecord> rules = store.rules(scope, busName).stream().filter(r -> r.name().startsWith(prefix)).toList();
        int size = input.integer("Limit") == null ? EventsErrors.PAGE_SIZE : input.integer("Limit");
        Pages<RuleRecord> page = Pages.of(rules, RuleRecord::name, input.string("NextToken"), size,
                EventsErrors::invalidNextToken);
        return Output.of("Rules", page.items().stream().map(RuleOperations::describe).toList())
                .put("NextToken", page.nextToken());
    }

    public Output enableRule(RequestContext context, Input input) {
        return setState(context, input, "ENABLED");
    }

    public Output disableRule(RequestContext context, Input input) {
        return setState(context, input, "DISABLED");
    }

    public Output testEventPattern(RequestContext context, Input input) {
        EventPattern pattern = compile(input.string("EventPattern"));
        String event = input.string("Event");
        JsonNode tree;
        try {
            tree = RecordJson.tree(event);
        } catch (IOException e) {
            throw EventsErrors.validation("Parameter Event is not valid.");
        }
        if (!tree.isObject() || EVENT_MEMBERS.stream().anyMatch(m -> !tree.has(m))) {
            throw EventsErrors.validation("Parameter Event is not valid.");
        }
        return Output.of("Result", pattern.matches(event));
    }

    private Output setState(RequestContext context, Input input, String state) {
        String busName = Buses.name(input.string("EventBusName"));
        Scope scope = context.scope();
        try (StripedLocks.Held ignored = store.lock(scope, busName)) {
            RuleRecord rule = rule(scope, busName, input.string("Name")).withState(state);
            store.put(scope, rule);
            schedules.changed(scope, rule);
        }
        return Output.empty();
    }

    private EventPattern compile(String pattern) {
        try {
            return patterns.get(pattern, Dialect.EVENTBRIDGE);
        } catch (InvalidPatternException e) {
            throw EventsErrors.invalidPattern(e.getMessage());
        }
    }

    private void requireBus(Scope scope, String busName) {
        if (!Buses.exists(store, scope, busName)) {
            throw EventsErrors.busNotFound(busName);
        }
    }

    private RuleRecord rule(Scope scope, String busNameOrArn, String name) {
        String busName = Buses.name(busNameOrArn);
        return store.rule(scope, busName, name).orElseThrow(() -> EventsErrors.ruleNotFound(name, busName));
    }

    private static Map<String, Object> describe(RuleRecord rule) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Name", rule.name());
        out.put("Arn", rule.arn());
        putIfPresent(out, "EventPattern", rule.eventPattern());
        putIfPresent(out, "ScheduleExpression", rule.scheduleExpression());
        out.put("State", rule.state());
        putIfPresent(out, "Description", rule.description());
        putIfPresent(out, "RoleArn", rule.roleArn());
        out.put("EventBusName", rule.eventBusName());
        return out;
    }

    private static void putIfPresent(Map<String, Object> out, String member, String value) {
        if (value != null) {
            out.put(member, value);
        }
    }
}
