package dev.cloudjar.lambda;

import dev.cloudjar.core.spi.RecordTable;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.spi.storage.WriteBatch;
import dev.cloudjar.lambda.alias.Alias;
import dev.cloudjar.lambda.concurrency.ProvisionedConcurrency;
import dev.cloudjar.lambda.concurrency.ReservedConcurrency;
import dev.cloudjar.lambda.function.FunctionConfiguration;
import dev.cloudjar.lambda.function.FunctionMeta;
import dev.cloudjar.lambda.function.FunctionRef;
import dev.cloudjar.lambda.function.Policy;
import dev.cloudjar.lambda.invoke.EventInvokeConfig;
import dev.cloudjar.lambda.layer.LayerMeta;
import dev.cloudjar.lambda.layer.LayerVersion;
import dev.cloudjar.lambda.mapping.EventSourceMapping;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Lambda's records in the state store, per scope: function versions (keyed name + version, with
 * published numbers zero-padded so they list in order), per-function metadata, aliases, policies,
 * event invoke configs, concurrency settings, layer versions (keyed like function versions) and event
 * source mappings (keyed by UUID). Deleting a function removes all of them at once.
 */
public final class LambdaStore {
    public final RecordTable<FunctionConfiguration> versions;
    public final RecordTable<FunctionMeta> meta;
    public final RecordTable<Alias> aliases;
    public final RecordTable<Policy> policies;
    public final RecordTable<EventInvokeConfig> eventInvokeConfigs;
    public final RecordTable<ReservedConcurrency> reserved;
    public final RecordTable<ProvisionedConcurrency> provisioned;
    public final RecordTable<LayerVersion> layerVersions;
    public final RecordTable<LayerMeta> layers;
    public final RecordTable<EventSourceMapping> eventSourceMappings;
    private final StateStore state;
    private final Object writeLock = new Object();

    public LambdaStore(StateStore state) {
        this.state = state;
        this.versions = new RecordTable<>(state, "lambda", "versions", FunctionConfiguration.class);
        this.meta = new RecordTable<>(state, "lambda", "functions", FunctionMeta.class);
        this.aliases = new RecordTable<>(state, "lambda", "aliases", Alias.class);
        this.policies = new RecordTable<>(state, "lambda", "policies", Policy.class);
        this.eventInvokeConfigs = new RecordTable<>(state, "lambda", "event-invoke-configs", EventInvokeConfig.class);
        this.reserved = new RecordTable<>(state, "lambda", "reserved-concurrency", ReservedConcurrency.class);
        this.provisioned = new RecordTable<>(state, "lambda", "provisioned-concurrency", ProvisionedConcurrency.class);
        this.layerVersions = new RecordTable<>(state, "lambda", "layer-versions", LayerVersion.class);
        this.layers = new RecordTable<>(state, "lambda", "layers", LayerMeta.class);
        this.eventSourceMappings = new RecordTable<>(state, "lambda", "event-source-mappings", EventSourceMapping.class);
    }

    /** The key of a version: $LATEST sorts first, numbers in numeric order. */
    public static String versionKey(String functionName, String version) {
        String child = FunctionConfiguration.LATEST.equals(version) ? version : String.format("%010d", Long.parseLong(version));
        return RecordTable.key(functionName, child);
    }

    public static boolean isVersionNumber(String qualifier) {
        return qualifier != null && !qualifier.isEmpty() && qualifier.chars().allMatch(Character::isDigit)
                && qualifier.length() <= 10;
    }

    public Optional<FunctionConfiguration> version(Scope scope, String functionName, String version) {
        return versions.get(scope, versionKey(functionName, version));
    }

    public Optional<FunctionConfiguration> latest(Scope scope, String functionName) {
        return version(scope, functionName, FunctionConfiguration.LATEST);
    }

    /** $LATEST of a function, or ResourceNotFoundException. */
    public FunctionConfiguration requireLatest(Scope scope, String functionName) {
        return latest(scope, functionName)
                .orElseThrow(() -> LambdaErrors.functionNotFound(FunctionConfiguration.arn(scope, functionName)));
    }

    /** The version a reference names: $LATEST, a number, or an alias's version. */
    public FunctionConfiguration resolve(Scope scope, FunctionRef ref) {
        return resolve(scope, ref, Alias::functionVersion);
    }

    /**
     * The version an invocation runs: as {@link #resolve}, except that an alias with
     * AdditionalVersionWeights routes each invocation at random by the weights.
     */
    public FunctionConfiguration route(Scope scope, FunctionRef ref) {
        return resolve(scope, ref, alias -> alias.routedVersion(ThreadLocalRandom.current().nextDouble()));
    }

    private FunctionConfiguration resolve(Scope scope, FunctionRef ref, Function<Alias, String> aliasVersion) {
        if (latest(scope, ref.name()).isEmpty()) {
            throw LambdaErrors.functionNotFound(ref.arn(scope));
        }
        String qualifier = ref.qualifierOrLatest();
        String version = qualifier;
        if (!FunctionConfiguration.LATEST.equals(qualifier) && !isVersionNumber(qualifier)) {
            version = aliases.get(scope, RecordTable.key(ref.name(), qualifier))
                    .map(aliasVersion)
                    .orElseThrow(() -> LambdaErrors.functionNotFound(ref.arn(scope)));
        }
        return version(scope, ref.name(), version).orElseThrow(() -> LambdaErrors.functionNotFound(ref.arn(scope)));
    }

    /** Removes a function with its versions, aliases, policies and settings, atomically. */
    public void deleteFunction(Scope scope, String functionName) {
        WriteBatch batch = new WriteBatch();
        String prefix = functionName + '\0';
        versions.deleteAll(batch, scope, prefix);
        aliases.deleteAll(batch, scope, prefix);
        policies.deleteAll(batch, scope, prefix);
        eventInvokeConfigs.deleteAll(batch, scope, prefix);
        provisioned.deleteAll(batch, scope, prefix);
        reserved.delete(batch, scope, functionName);
        meta.delete(batch, scope, functionName);
        state.apply(batch);
    }

    /**
     * The lock of the control plane's read-modify-write changes to functions, versions, aliases
     * and policies. FunctionOperations, AliasOperations and PolicyOperations all write those
     * records (a permission change renews its version's or alias's RevisionId, deleting a
     * function takes its aliases and policies), so they must not each hold a lock of their own.
     */
    public Object writeLock() {
        return writeLock;
    }

    /**
     * Changes an event source mapping, if it still exists; the control plane and the mapping's
     * poller both write it, so each change reads the latest record under one lock.
     */
    public synchronized Optional<EventSourceMapping> updateMapping(Scope scope, String uuid,
                                                                   UnaryOperator<EventSourceMapping> change) {
        Optional<EventSourceMapping> updated = eventSourceMappings.get(scope, uuid).map(change);
        updated.ifPresent(m -> eventSourceMappings.put(scope, uuid, m));
        return updated;
    }

    /** Lambda's RevisionId: a fresh UUID on every change. */
    public static String newRevisionId() {
        return java.util.UUID.randomUUID().toString();
    }
}
