package dev.cloudjar.lambda.invoke;

import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.RecordTable;
import dev.cloudjar.lambda.LambdaErrors;
import dev.cloudjar.lambda.LambdaStore;
import dev.cloudjar.lambda.function.FunctionConfiguration;
import dev.cloudjar.lambda.function.FunctionOperations;
import dev.cloudjar.lambda.function.FunctionRef;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Put/Get/Update/Delete/ListFunctionEventInvokeConfig(s): retries, maximum event age and
 * destinations of asynchronous invocations, per function version or alias.
 */
public final class EventInvokeConfigOperations {
    private final LambdaStore store;

    public EventInvokeConfigOperations(LambdaStore store) {
        this.store = store;
    }

    /** Put replaces the whole configuration. */
    public synchronized Output putFunctionEventInvokeConfig(RequestContext context, Input input) {
        FunctionRef ref = resolve(context, input);
        EventInvokeConfig config = new EventInvokeConfig(input.integer("MaximumRetryAttempts"),
                input.integer("MaximumEventAgeInSeconds"), destination(input, "OnSuccess"), destination(input, "OnFailure"),
                System.currentTimeMillis());
        return save(context.scope(), ref, config);
    }

    /** Update changes only the settings given. */
    public synchronized Output updateFunctionEventInvokeConfig(RequestContext context, Input input) {
        FunctionRef ref = resolve(context, input);
        EventInvokeConfig current = store.eventInvokeConfigs.get(context.scope(), key(ref)).orElse(EventInvokeConfig.defaults());
        boolean destinations = input.has("DestinationConfig");
        EventInvokeConfig config = new EventInvokeConfig(
                input.has("MaximumRetryAttempts") ? input.integer("MaximumRetryAttempts") : current.maximumRetryAttempts(),
                input.has("MaximumEventAgeInSeconds") ? input.integer("MaximumEventAgeInSeconds") : current.maximumEventAgeInSeconds(),
                destinations && destination(input, "OnSuccess") != null ? destination(input, "OnSuccess") : current.onSuccess(),
                destinations && destination(input, "OnFailure") != null ? destination(input, "OnFailure") : current.onFailure(),
                System.currentTimeMillis());
        return save(context.scope(), ref, config);
    }

    public Output getFunctionEventInvokeConfig(RequestContext context, Input input) {
        FunctionRef ref = resolve(context, input);
        EventInvokeConfig config = store.eventInvokeConfigs.get(context.scope(), key(ref)).orElseThrow(() ->
                LambdaErrors.resourceNotFound("The function " + arn(context.scope(), ref) + " doesn't have an EventInvokeConfig"));
        return FunctionOperations.output(describe(context.scope(), ref, config));
    }

    public synchronized Output deleteFunctionEventInvokeConfig(RequestContext context, Input input) {
        FunctionRef ref = resolve(context, input);
        if (!store.eventInvokeConfigs.delete(context.scope(), key(ref))) {
            throw LambdaErrors.resourceNotFound("The function " + arn(context.scope(), ref) + " doesn't have an EventInvokeConfig");
        }
        return Output.empty();
    }

    public Output listFunctionEventInvokeConfigs(RequestContext context, Input input) {
        Scope scope = context.scope();
        String name = FunctionRef.parse(input.string("FunctionName"), scope).name();
        store.requireLatest(scope, name);
        List<Object> configs = new ArrayList<>();
        for (String qualifier : qualifiers(scope, name)) {
            store.eventInvokeConfigs.get(scope, RecordTable.key(name, qualifier)).ifPresent(c ->
                    configs.add(describe(scope, new FunctionRef(name, qualifier), c)));
        }
        return FunctionOperations.page(configs, input, "FunctionEventInvokeConfigs");
    }

    private List<String> qualifiers(Scope scope, String name) {
        List<String> qualifiers = new ArrayList<>();
        store.versions.list(scope, name + '\0').forEach(v -> qualifiers.add(v.version()));
        store.aliases.list(scope, name + '\0').forEach(a -> qualifiers.add(a.name()));
        return qualifiers;
    }

    private Output save(Scope scope, FunctionRef ref, EventInvokeConfig config) {
        store.eventInvokeConfigs.put(scope, key(ref), config);
        return FunctionOperations.output(describe(scope, ref, config));
    }

    private FunctionRef resolve(RequestContext context, Input input) {
        FunctionRef ref = FunctionRef.parse(input.string("FunctionName"), input.string("Qualifier"), context.scope());
        store.resolve(context.scope(), ref);
        return new FunctionRef(ref.name(), ref.qualifierOrLatest());
    }

    private static String key(FunctionRef ref) {
        return RecordTable.key(ref.name(), ref.qualifierOrLatest());
    }

    private static String arn(Scope scope, FunctionRef ref) {
        return FunctionConfiguration.arn(scope, ref.name()) + ":" + ref.qualifierOrLatest();
    }

    private static String destination(Input input, String member) {
        Input destinations = input.structure("DestinationConfig");
        Input target = destinations == null ? null : destinations.structure(member);
        String arn = target == null ? null : target.string("Destination");
        if (arn != null && !arn.isEmpty() && !Destinations.isSupported(arn)) {
            throw LambdaErrors.invalidParameter("The destination ARN " + arn + " is invalid.");
        }
        return arn == null || arn.isEmpty() ? null : arn;
    }

    private static Map<String, Object> describe(Scope scope, FunctionRef ref, EventInvokeConfig config) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("LastModified", Instant.ofEpochMilli(config.lastModifiedMillis()));
        m.put("FunctionArn", arn(scope, ref));
        m.put("MaximumRetryAttempts", config.maximumRetryAttempts());
        m.put("MaximumEventAgeInSeconds", config.maximumEventAgeInSeconds());
        Map<String, Object> destinations = new LinkedHashMap<>();
        destinations.put("OnSuccess", config.onSuccess() == null ? Map.of() : Map.of("Destination", config.onSuccess()));
        destinations.put("OnFailure", config.onFailure() == null ? Map.of() : Map.of("Destination", config.onFailure()));
        m.put("DestinationConfig", destinations);
        return m;
    }
}
