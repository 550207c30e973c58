package dev.cloudjar.lambda.concurrency;

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
import dev.cloudjar.lambda.runtime.EnvironmentPool;

import java.util.Map;

/**
 * Reserved concurrency (Put/Get/DeleteFunctionConcurrency), provisioned concurrency
 * (Put/Get/DeleteProvisionedConcurrencyConfig: environments initialised ahead of traffic) and
 * GetAccountSettings.
 */
public final class ConcurrencyOperations {
    /** Lambda's default code storage quotas, reported by GetAccountSettings. */
    private static final long TOTAL_CODE_SIZE = 80_530_636_800L;
    private static final long CODE_SIZE_UNZIPPED = 262_144_000L;
    private static final long CODE_SIZE_ZIPPED = 52_428_800L;
    private static final String NOT_PUBLISHED = "The function resource provided must be an alias or a published version.";

    private final LambdaStore store;
    private final ConcurrencyLimits limits;
    private final EnvironmentPool pool;

    public ConcurrencyOperations(LambdaStore store, ConcurrencyLimits limits, EnvironmentPool pool) {
        this.store = store;
        this.limits = limits;
        this.pool = pool;
    }

    public synchronized Output putFunctionConcurrency(RequestContext context, Input input) {
        Scope scope = context.scope();
        String name = FunctionRef.parse(input.string("FunctionName"), scope).name();
        store.requireLatest(scope, name);
        int reserved = input.integer("ReservedConcurrentExecutions");
        int unreserved = limits.accountLimit() - limits.totalReserved(scope, name) - reserved;
        if (unreserved < ConcurrencyLimits.MINIMUM_UNRESERVED) {
            throw LambdaErrors.invalidParameter("Specified ReservedConcurrentExecutions for function decreases account's "
                    + "UnreservedConcurrentExecution below its minimum value of [" + ConcurrencyLimits.MINIMUM_UNRESERVED + "].");
        }
        store.reserved.put(scope, name, new ReservedConcurrency(reserved));
        return Output.of("ReservedConcurrentExecutions", reserved);
    }

    public Output getFunctionConcurrency(RequestContext context, Input input) {
        Scope scope = context.scope();
        String name = FunctionRef.parse(input.string("FunctionName"), scope).name();
        store.requireLatest(scope, name);
        return Output.of("ReservedConcurrentExecutions", store.reserved.get(scope, name)
                .map(ReservedConcurrency::reservedConcurrentExecutions).orElse(null));
    }

    public synchronized Output deleteFunctionConcurrency(RequestContext context, Input input) {
        Scope scope = context.scope();
        String name = FunctionRef.parse(input.string("FunctionName"), scope).name();
        store.requireLatest(scope, name);
        store.reserved.delete(scope, name);
        return Output.empty();
    }

    public synchronized Output putProvisionedConcurrencyConfig(RequestContext context, Input input) {
        Scope scope = context.scope();
        FunctionRef ref = published(context, input,
                "Provisioned Concurrency Configs cannot be applied to unpublished function versions.");
        FunctionConfiguration version = store.resolve(scope, ref);
        int requested = input.integer("ProvisionedConcurrentExecutions");
        requireWithinReservation(scope, ref, requested);
        ProvisionedConcurrency setting = new ProvisionedConcurrency(requested, FunctionOperations.now());
        store.provisioned.put(scope, RecordTable.key(ref.name(), ref.qualifier()), setting);
        pool.provision(scope, version, requested);
        return describe(setting, pool.provisionedReady(scope, version));
    }

    public Output getProvisionedConcurrencyConfig(RequestContext context, Input input) {
        Scope scope = context.scope();
        FunctionRef ref = published(context, input, NOT_PUBLISHED);
        FunctionConfiguration version = store.resolve(scope, ref);
        ProvisionedConcurrency setting = store.provisioned.get(scope, RecordTable.key(ref.name(), ref.qualifier()))
                .orElseThrow(() -> LambdaErrors.provisionedConcurrencyNotFound(ref.arn(scope)));
        return describe(setting, pool.provisionedReady(scope, version));
    }

    public synchronized Output deleteProvisionedConcurrencyConfig(RequestContext context, Input input) {
        Scope scope = context.scope();
        FunctionRef ref = published(context, input, NOT_PUBLISHED);
        FunctionConfiguration version = store.resolve(scope, ref);
        store.provisioned.delete(scope, RecordTable.key(ref.name(), ref.qualifier()));
        pool.provision(scope, version, 0);
        return Output.empty();
    }

    /**
     * Provisioned concurrency applies to a published version or an alias, never to $LATEST; Lambda
     * words the refusal differently for Put and for Get/Delete.
     */
    private static FunctionRef published(RequestContext context, Input input, String refusal) {
        FunctionRef ref = FunctionRef.parse(input.string("FunctionName"), input.string("Qualifier"), context.scope());
        if (!ref.isQualified() || FunctionConfiguration.LATEST.equals(ref.qualifier())) {
            throw LambdaErrors.invalidParameter(refusal);
        }
        return ref;
    }

    /** A function's provisioned concurrency, over all its qualifiers, must fit in its reserved concurrency. */
    private void requireWithinReservation(Scope scope, FunctionRef ref, int requested) {
        Integer reserved = store.reserved.get(scope, ref.name()).map(ReservedConcurrency::reservedConcurrentExecutions)
                .orElse(null);
        if (reserved == null) {
            return;
        }
        int others = store.provisioned.list(scope, ref.name() + '\0').stream().mapToInt(ProvisionedConcurrency::requested)
                .sum() - store.provisioned.get(scope, RecordTable.key(ref.name(), ref.qualifier()))
                .map(ProvisionedConcurrency::requested).orElse(0);
        if (others + requested > reserved) {
            throw LambdaErrors.invalidParameter(
                    "Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function");
        }
    }

    private static Output describe(ProvisionedConcurrency setting, int ready) {
        int available = Math.min(ready, setting.requested());
        return Output.of("RequestedProvisionedConcurrentExecutions", setting.requested())
                .put("AvailableProvisionedConcurrentExecutions", available)
                .put("AllocatedProvisionedConcurrentExecutions", available)
                .put("Status", available >= setting.requested() ? "READY" : "IN_PROGRESS")
                .put("LastModified", setting.lastModified());
    }

    public Output getAccountSettings(RequestContext context, Input input) {
        Scope scope = context.scope();
        var latest = store.versions.list(scope, "").stream()
                .filter(f -> FunctionConfiguration.LATEST.equals(f.version())).toList();
        long codeSize = store.versions.list(scope, "").stream().mapToLong(FunctionConfiguration::codeSize).sum();
        return Output.of("AccountLimit", Map.of(
                        "TotalCodeSize", TOTAL_CODE_SIZE,
                        "CodeSizeUnzipped", CODE_SIZE_UNZIPPED,
                        "CodeSizeZipped", CODE_SIZE_ZIPPED,
                        "ConcurrentExecutions", limits.accountLimit(),
                        "UnreservedConcurrentExecutions", limits.accountLimit() - limits.totalReserved(scope, null)))
                .put("AccountUsage", Map.of("TotalCodeSize", codeSize, "FunctionCount", (long) latest.size()));
    }
}
