package dev.cloudjar.lambda.concurrency;

import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.lambda.LambdaErrors;
import dev.cloudjar.lambda.LambdaStore;

import java.util.HashMap;
import java.util.Map;

/**
 * Lambda's concurrency rules, per account and region: a function with reserved concurrency runs
 * at most that many invocations at once (0 throttles all); the others share what the account
 * limit leaves after every reservation.
 */
public final class ConcurrencyLimits {
    /** Lambda keeps at least this much of the account limit unreserved. */
    public static final int MINIMUM_UNRESERVED = 100;

    /** A running invocation's hold on concurrency; released exactly once. */
    public final class Permit implements AutoCloseable {
        private final Scope scope;
        private final String functionName;
        private final boolean reserved;
        private boolean released;

        private Permit(Scope scope, String functionName, boolean reserved) {
            this.scope = scope;
            this.functionName = functionName;
            this.reserved = reserved;
        }

        @Override
        public void close() {
            synchronized (ConcurrencyLimits.this) {
                if (!released) {
                    released = true;
                    counts(scope).merge(functionName, -1, Integer::sum);
                    if (!reserved) {
                        counts(scope).merge(UNRESERVED, -1, Integer::sum);
                    }
                }
            }
        }
    }

    // A key no function can have (names cannot contain '\0'): the in-flight count of unreserved functions.
    private static final String UNRESERVED = "\0unreserved";

    private final int accountLimit;
    private final LambdaStore store;
    private final Map<Scope, Map<String, Integer>> inFlight = new HashMap<>();

    public ConcurrencyLimits(int accountLimit, LambdaStore store) {
        this.accountLimit = accountLimit;
        this.store = store;
    }

    public int accountLimit() {
        return accountLimit;
    }

    /** The sum of every function's reserved concurrency in the scope, leaving one function out. */
    public int totalReserved(Scope scope, String except) {
        return store.reserved.list(scope, "").stream().mapToInt(ReservedConcurrency::reservedConcurrentExecutions).sum()
                - store.reserved.get(scope, except == null ? "\0" : except)
                .map(ReservedConcurrency::reservedConcurrentExecutions).orElse(0);
    }

    /** Takes a slot for one invocation of the function, or throws Lambda's 429 with its reason. */
    public Permit acquire(Scope scope, String functionName) {
        Integer reserved = store.reserved.get(scope, functionName)
                .map(ReservedConcurrency::reservedConcurrentExecutions).orElse(null);
        int unreservedLimit = reserved == null ? accountLimit - totalReserved(scope, null) : 0;
        synchronized (this) {
            Map<String, Integer> counts = counts(scope);
            if (reserved != null) {
                if (counts.getOrDefault(functionName, 0) >= reserved) {
                    throw LambdaErrors.tooManyRequests("ReservedFunctionConcurrentInvocationLimitExceeded");
                }
            } else if (counts.getOrDefault(UNRESERVED, 0) >= unreservedLimit) {
                throw LambdaErrors.tooManyRequests("ConcurrentInvocationLimitExceeded");
            }
            counts.merge(functionName, 1, Integer::sum);
            if (reserved == null) {
                counts.merge(UNRESERVED, 1, Integer::sum);
            }
            return new Permit(scope, functionName, reserved != null);
        }
    }

    private Map<String, Integer> counts(Scope scope) {
        return inFlight.computeIfAbsent(scope, s -> new HashMap<>());
    }
}
