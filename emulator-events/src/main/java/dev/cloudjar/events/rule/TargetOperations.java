package dev.cloudjar.events.rule;

import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.Pages;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.events.EventsErrors;
import dev.cloudjar.events.put.JsonPaths;
import dev.cloudjar.events.store.Buses;
import dev.cloudjar.events.store.EventsStore;
import dev.cloudjar.events.store.TargetRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PutTargets, RemoveTargets and ListTargetsByRule. The whole request is checked before any target
 * is stored; every target is then stored, so FailedEntries is empty unless a later release finds
 * a per-entry failure to report.
 */
public final class TargetOperations {
    private final EventsStore store;

    public TargetOperations(EventsStore store) {
        this.store = store;
    }

    public Output putTargets(RequestContext context, Input input) {
        String ruleName = input.string("Rule");
        String busName = Buses.name(input.string("EventBusName"));
        List<TargetRecord> given = new ArrayList<>();
        for (Object t : input.list("Targets")) {
            given.add(target(new Input(map(t))));
        }
        Scope scope = context.scope();
        try (StripedLocks.Held ignored = store.lock(scope, busName)) {
            if (store.rule(scope, busName, ruleName).isEmpty()) {
                throw EventsErrors.ruleNotFound(ruleName, busName);
            }
            Set<String> ids = new HashSet<>();
            store.targets(scope, busName, ruleName).forEach(t -> ids.add(t.id()));
            given.forEach(t -> ids.add(t.id()));
            if (ids.size() > EventsErrors.MAX_TARGETS) {
                throw EventsErrors.limitExceeded("The requested resource exceeds the maximum number allowed.");
            }
            given.forEach(t -> store.put(scope, busName, ruleName, t));
        }
        return Output.of("FailedEntryCount", 0).put("FailedEntries", List.of());
    }

    /** Ids the rule does not have are passed over, as EventBridge does. */
    public Output removeTargets(RequestContext context, Input input) {
        String ruleName = input.string("Rule");
        String busName = Buses.name(input.string("EventBusName"));
        Scope scope = context.scope();
        try (StripedLocks.Held ignored = store.lock(scope, busName)) {
            if (store.rule(scope, busName, ruleName).isEmpty()) {
                throw EventsErrors.ruleNotFound(ruleName, busName);
            }
            for (Object id : input.list("Ids")) {
                store.deleteTarget(scope, busName, ruleName, (String) id);
            }
        }
        return Output.of("FailedEntryCount", 0).put("FailedEntries", List.of());
    }

    public Output listTargetsByRule(RequestContext context, Input input) {
        String ruleName = input.string("Rule");
        String busName = Buses.name(input.string("EventBusName"));
        Scope scope = context.scope();
        if (store.rule(scope, busName, ruleName).isEmpty()) {
            throw EventsErrors.ruleNotFound(ruleName, busName);
        }
        int size = input.integer("Limit") == null ? EventsErrors.PAGE_SIZE : input.integer("Limit");
        Pages<TargetRecord> page = Pages.of(store.targets(scope, busName, ruleName), TargetRecord::id,
                input.string("NextToken"), size, EventsErrors::invalidNextToken);
        return Output.of("Targets", page.items().stream().map(TargetOperations::describe).toList())
                .put("NextToken", page.nextToken());
    }

    private static TargetRecord target(Input t) {
        String id = t.string("Id");
        String arn = t.string("Arn");
        try {
            Arn.parse(arn);
        } catch (IllegalArgumentException e) {
            throw EventsErrors.validation("Parameter " + arn + " is not valid. Reason: Provided Arn is not in correct format.");
        }
        Input transformer = t.structure("InputTransformer");
        int inputs = (t.has("Input") ? 1 : 0) + (t.has("InputPath") ? 1 : 0) + (transformer != null ? 1 : 0);
        if (inputs > 1) {
            throw EventsErrors.validation("Only one of Input, InputPath, or InputTransformer must be provided for target "
                    + id + ".");
        }
        // An event bus receives the event itself: EventBridge refuses to change it on the way, in
        // this account as in another (PutTargets reference; EventBridge's recorded answer).
        if (inputs > 0 && Arn.parse(arn).service().equals("events") && Arn.parse(arn).resource().startsWith("event-bus/")) {
            throw EventsErrors.validation("Modifying the input for target " + id + " is not supported");
        }
        if (t.has("Input")) {
            try {
                RecordJson.tree(t.string("Input"));
            } catch (IOException e) {
                throw EventsErrors.validation("Parameter Input is not valid. Reason: Input must be valid JSON text.");
            }
        }
        if (t.has("InputPath") && !JsonPaths.valid(t.string("InputPath"))) {
            throw EventsErrors.validation("Parameter InputPath is not valid.");
        }
        Map<String, String> paths = null;
        String template = null;
        if (transformer != null) {
            paths = new LinkedHashMap<>();
            Map<String, Object> given = transformer.map("InputPathsMap");
            if (given != null) {
                for (Map.Entry<String, Object> p : given.entrySet()) {
                    if (!JsonPaths.valid((String) p.getValue())) {
                        throw EventsErrors.validation("InputPathsMap has an invalid JSONPath: " + p.getValue());
                    }
                    paths.put(p.getKey(), (String) p.getValue());
                }
            }
            template = transformer.string("InputTemplate");
        }
        Input sqs = t.structure("SqsParameters");
        String group = sqs == null ? null : sqs.string("MessageGroupId");
        if (Arn.parse(arn).service().equals("sqs") && arn.endsWith(".fifo") && group == null) {
            throw EventsErrors.validation("Parameter(s) SqsParameters must be specified for target: " + id + ".");
        }
        Input deadLetter = t.structure("DeadLetterConfig");
        Input retry = t.structure("RetryPolicy");
        return new TargetRecord(id, arn, t.string("RoleArn"), t.string("Input"), t.string("InputPath"), paths, template,
                group, deadLetter == null ? null : deadLetter.string("Arn"),
                retry == null ? null : retry.integer("MaximumRetryAttempts"),
                retry == null ? null : retry.integer("MaximumEventAgeInSeconds"));
    }

    private static Map<String, Object> describe(TargetRecord t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Id", t.id());
        out.put("Arn", t.arn());
        put(out, "RoleArn", t.roleArn());
        put(out, "Input", t.input());
        put(out, "InputPath", t.inputPath());
        if (t.inputTemplate() != null) {
            out.put("InputTransformer", Map.of("InputPathsMap", t.inputPathsMap(), "InputTemplate", t.inputTemplate()));
        }
        if (t.messageGroupId() != null) {
            out.put("SqsParameters", Map.of("MessageGroupId", t.messageGroupId()));
        }
        if (t.deadLetterArn() != null) {
            out.put("DeadLetterConfig", Map.of("Arn", t.deadLetterArn()));
        }
        if (t.maximumRetryAttempts() != null || t.maximumEventAgeInSeconds() != null) {
            Map<String, Object> retry = new LinkedHashMap<>();
            put(retry, "MaximumRetryAttempts", t.maximumRetryAttempts());
            put(retry, "MaximumEventAgeInSeconds", t.maximumEventAgeInSeconds());
            out.put("RetryPolicy", retry);
        }
        return out;
    }

    private static void put(Map<String, Object> out, String member, Object value) {
        if (value != null) {
            out.put(member, value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
