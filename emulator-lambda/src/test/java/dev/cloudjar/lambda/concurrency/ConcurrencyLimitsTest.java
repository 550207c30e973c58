package dev.cloudjar.lambda.concurrency;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.state.MemoryStateStore;
import dev.cloudjar.lambda.LambdaStore;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConcurrencyLimitsTest {
    private final Scope scope = new Scope("123456789012", "eu-west-1");
    private final LambdaStore store = new LambdaStore(new MemoryStateStore());
    private final ConcurrencyLimits limits = new ConcurrencyLimits(10, store);

    private String throttleReason(String function) {
        AwsException e = assertThrows(AwsException.class, () -> limits.acquire(scope, function));
        assertEquals(429, e.status());
        assertEquals("TooManyRequestsException", e.code());
        return String.valueOf(e.members().get("Reason"));
    }

    @Test
    void aFunctionWithReservedConcurrencyRunsAtMostThatManyAtOnce() {
        store.reserved.put(scope, "reserved", new ReservedConcurrency(2));
        ConcurrencyLimits.Permit first = limits.acquire(scope, "reserved");
        limits.acquire(scope, "reserved");

        assertEquals("ReservedFunctionConcurrentInvocationLimitExceeded", throttleReason("reserved"));
        first.close();
        limits.acquire(scope, "reserved");
    }

    @Test
    void reservedConcurrencyZeroThrottlesEveryInvocation() {
        store.reserved.put(scope, "off", new ReservedConcurrency(0));
        assertEquals("ReservedFunctionConcurrentInvocationLimitExceeded", throttleReason("off"));
    }

    @Test
    void unreservedFunctionsShareWhatTheAccountLimitLeavesAfterReservations() {
        store.reserved.put(scope, "reserved", new ReservedConcurrency(7));
        assertEquals(7, limits.totalReserved(scope, null));
        assertEquals(0, limits.totalReserved(scope, "reserved"));
        limits.acquire(scope, "a");
        limits.acquire(scope, "b");
        limits.acquire(scope, "a");

        assertEquals("ConcurrentInvocationLimitExceeded", throttleReason("c"));
        // The reservation is the reserved function's own, even while the others are at their limit.
        limits.acquire(scope, "reserved");
    }

    @Test
    void aPermitIsReleasedOnceHoweverOftenItIsClosed() {
        store.reserved.put(scope, "one", new ReservedConcurrency(1));
        ConcurrencyLimits.Permit permit = limits.acquire(scope, "one");
        permit.close();
        permit.close();
        limits.acquire(scope, "one");
        assertEquals("ReservedFunctionConcurrentInvocationLimitExceeded", throttleReason("one"));
    }

    @Test
    void scopesCountSeparately() {
        store.reserved.put(scope, "fn", new ReservedConcurrency(1));
        store.reserved.put(new Scope("210987654321", "eu-west-1"), "fn", new ReservedConcurrency(1));
        limits.acquire(scope, "fn");
        limits.acquire(new Scope("210987654321", "eu-west-1"), "fn");
    }
}
