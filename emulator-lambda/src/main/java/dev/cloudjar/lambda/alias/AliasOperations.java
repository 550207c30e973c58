package dev.cloudjar.lambda.alias;

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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CreateAlias, GetAlias, UpdateAlias, DeleteAlias and ListAliases. */
public final class AliasOperations {
    private final LambdaStore store;

    public AliasOperations(LambdaStore store) {
        this.store = store;
    }

    public Output createAlias(RequestContext context, Input input) {
        synchronized (store.writeLock()) {
            Scope scope = context.scope();
            String function = FunctionRef.parse(input.string("FunctionName"), scope).name();
            String name = input.string("Name");
            requireVersion(scope, function, input.string("FunctionVersion"));
            String key = RecordTable.key(function, name);
            if (store.aliases.get(scope, key).isPresent()) {
                throw LambdaErrors.conflict("Alias already exists: " + FunctionConfiguration.arn(scope, function) + ":"
                        + name);
            }
            Alias alias = new Alias(function, name, input.string("FunctionVersion"), input.string("Description"),
                    weights(scope, function, input.string("FunctionVersion"), input), LambdaStore.newRevisionId());
            store.aliases.put(scope, key, alias);
            return FunctionOperations.output(alias.describe(scope));
        }
    }

    public Output getAlias(RequestContext context, Input input) {
        Scope scope = context.scope();
        String function = FunctionRef.parse(input.string("FunctionName"), scope).name();
        return FunctionOperations.output(require(scope, function, input.string("Name")).describe(scope));
    }

    public Output updateAlias(RequestContext context, Input input) {
        synchronized (store.writeLock()) {
            Scope scope = context.scope();
            String function = FunctionRef.parse(input.string("FunctionName"), scope).name();
            Alias current = require(scope, function, input.string("Name"));
            FunctionOperations.requireRevision(input.string("RevisionId"), current.revisionId());
            String version = input.has("FunctionVersion") ? input.string("FunctionVersion") : current.functionVersion();
            requireVersion(scope, function, version);
            Alias updated = new Alias(function, current.name(), version,
                    input.has("Description") ? input.string("Description") : current.description(),
                    input.has("RoutingConfig") ? weights(scope, function, version, input)
                            : current.additionalVersionWeights(),
                    LambdaStore.newRevisionId());
            store.aliases.put(scope, RecordTable.key(function, current.name()), updated);
            return FunctionOperations.output(updated.describe(scope));
        }
    }

    public Output deleteAlias(RequestContext context, Input input) {
        synchronized (store.writeLock()) {
            Scope scope = context.scope();
            String function = FunctionRef.parse(input.string("FunctionName"), scope).name();
            store.requireLatest(scope, function);
            store.aliases.delete(scope, RecordTable.key(function, input.string("Name")));
            return Output.empty();
        }
    }

    public Output listAliases(RequestContext context, Input input) {
        Scope scope = context.scope();
        String function = FunctionRef.parse(input.string("FunctionName"), scope).name();
        store.requireLatest(scope, function);
        String version = input.string("FunctionVersion");
        List<Object> aliases = store.aliases.list(scope, function + '\0').stream()
                .filter(a -> version == null || version.equals(a.functionVersion()))
                .map(a -> (Object) a.describe(scope)).toList();
        return FunctionOperations.page(aliases, input, "Aliases");
    }

    private Alias require(Scope scope, String function, String name) {
        store.requireLatest(scope, function);
        return store.aliases.get(scope, RecordTable.key(function, name)).orElseThrow(() -> LambdaErrors.resourceNotFound(
                "Cannot find alias arn: " + FunctionConfiguration.arn(scope, function) + ":" + name));
    }

    private void requireVersion(Scope scope, String function, String version) {
        store.requireLatest(scope, function);
        if (store.version(scope, function, version).isEmpty()) {
            throw LambdaErrors.functionNotFound(FunctionConfiguration.arn(scope, function) + ":" + version);
        }
    }

    /** AdditionalVersionWeights, checked as Lambda does: one other published version that exists. */
    private Map<String, Double> weights(Scope scope, String function, String aliasVersion, Input input) {
        Input routing = input.structure("RoutingConfig");
        Map<String, Double> weights = new LinkedHashMap<>();
        if (routing != null && routing.map("AdditionalVersionWeights") != null) {
            routing.map("AdditionalVersionWeights").forEach((k, v) -> weights.put(k, ((Number) v).doubleValue()));
        }
        if (weights.size() > 1) {
            throw LambdaErrors.invalidParameter("Number of items in AdditionalVersionWeights cannot be greater than 1");
        }
        for (String version : weights.keySet()) {
            if (version.equals(aliasVersion)) {
                throw LambdaErrors.invalidParameter("Invalid function version " + version + ". Function version "
                        + version + " is already included in routing configuration.");
            }
            if (FunctionConfiguration.LATEST.equals(aliasVersion)) {
                throw LambdaErrors.invalidParameter("$LATEST is not supported for an alias pointing to more than 1 version");
            }
            requireVersion(scope, function, version);
        }
        return weights;
    }
}
