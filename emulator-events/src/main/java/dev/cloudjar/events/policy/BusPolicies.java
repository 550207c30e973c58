package dev.cloudjar.events.policy;

import dev.cloudjar.core.spi.RecordTable;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.storage.StateStore;

import java.util.Optional;

/**
 * Each bus's resource policy, as the JSON document DescribeEventBus answers, in the storage SPI
 * ({@code events/<account>/<region>/policies}, by bus name): the default bus is never stored but
 * may have a policy. Stored only: nothing enforces it until IAM enforcement lands.
 */
public final class BusPolicies {
    /** A bus's policy document. */
    public record PolicyRecord(String policy) {
    }

    private final RecordTable<PolicyRecord> policies;

    public BusPolicies(StateStore state) {
        this.policies = new RecordTable<>(state, "events", "policies", PolicyRecord.class);
    }

    public Optional<String> policy(Scope scope, String busName) {
        return policies.get(scope, busName).map(PolicyRecord::policy);
    }

    void put(Scope scope, String busName, String policy) {
        policies.put(scope, busName, new PolicyRecord(policy));
    }

    public void delete(Scope scope, String busName) {
        policies.delete(scope, busName);
    }
}
