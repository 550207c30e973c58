package dev.cloudjar.dynamodb.capacity;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.dynamodb.DynamoDbErrors;
import dev.cloudjar.dynamodb.table.IndexDefinition;
import dev.cloudjar.dynamodb.table.TableDefinition;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The opt-in enforcement of provisioned throughput ({@code --dynamodb-enforce-capacity}): a token
 * bucket per table and per global secondary index for reads and one for writes, filled at the
 * provisioned units per second and holding up to 300 seconds of them, DynamoDB's burst capacity.
 * A request is admitted while its bucket is not empty and then charged what it consumed (which
 * may leave the bucket in debt, as DynamoDB's own accounting does after a large read).
 * PAY_PER_REQUEST tables are never throttled; a disabled limiter admits everything.
 */
public final class CapacityLimiter {
    private static final double BURST_SECONDS = 300;

    private final boolean enabled;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public CapacityLimiter(boolean enabled, LongSupplier nanoClock) {
        this.enabled = enabled;
        this.nanoClock = nanoClock;
    }

    /** Whether a read of the table (or of the index, when not null) may start now. */
    public boolean readAllowed(Scope scope, TableDefinition table, IndexDefinition index) {
        return !throttles(table) || bucket(scope, table, gsi(index), true).available(nanoClock.getAsLong());
    }

    /** Throws ProvisionedThroughputExceededException unless a read may start now. */
    public void admitRead(Scope scope, TableDefinition table, IndexDefinition index) {
        if (!readAllowed(scope, table, index)) {
            throw gsi(index) == null ? DynamoDbErrors.provisionedThroughputExceeded() : indexExceeded();
        }
    }

    public void chargeRead(Scope scope, TableDefinition table, IndexDefinition index, double units) {
        if (throttles(table)) {
            bucket(scope, table, gsi(index), true).take(units, nanoClock.getAsLong());
        }
    }

    /** Whether a write may start now: the table and each of its global indexes have capacity left. */
    public boolean writeAllowed(Scope scope, TableDefinition table) {
        return writeRefusal(scope, table) == null;
    }

    /** Throws ProvisionedThroughputExceededException unless a write may start now. */
    public void admitWrite(Scope scope, TableDefinition table) {
        AwsException refusal = writeRefusal(scope, table);
        if (refusal != null) {
            throw refusal;
        }
    }

    /** Charges a write: its table units, and the units of each global index entry it changed. */
    public void chargeWrite(Scope scope, TableDefinition table, double tableUnits, Map<String, Double> indexUnits) {
        if (!throttles(table)) {
            return;
        }
        long now = nanoClock.getAsLong();
        bucket(scope, table, null, false).take(tableUnits, now);
        indexUnits.forEach((name, units) -> {
            IndexDefinition index = table.index(name);
            if (index != null && index.global()) {
                bucket(scope, table, index, false).take(units, now);
            }
        });
    }

    public void clear() {
        buckets.clear();
    }

    private AwsException writeRefusal(Scope scope, TableDefinition table) {
        if (!throttles(table)) {
            return null;
        }
        long now = nanoClock.getAsLong();
        if (!bucket(scope, table, null, false).available(now)) {
            return DynamoDbErrors.provisionedThroughputExceeded();
        }
        for (IndexDefinition index : table.globalIndexes()) {
            if (!bucket(scope, table, index, false).available(now)) {
                return indexExceeded();
            }
        }
        return null;
    }

    /** Whether requests on the table are throttled, and so must count what they consume. */
    public boolean throttles(TableDefinition table) {
        return enabled && !table.payPerRequest();
    }

    /** Local indexes share the table's throughput; only global ones have their own. */
    private static IndexDefinition gsi(IndexDefinition index) {
        return index != null && index.global() ? index : null;
    }

    private TokenBucket bucket(Scope scope, TableDefinition table, IndexDefinition index, boolean read) {
        long provisioned = index == null ? (read ? table.readCapacity() : table.writeCapacity())
                : (read ? index.readCapacity() : index.writeCapacity());
        String key = scope.accountId() + "/" + scope.region() + "/" + table.tableId() + "/"
                + (index == null ? "" : index.name()) + (read ? "/read" : "/write");
        // UpdateTable changes the rate: the bucket keeps its tokens, capped at the new burst.
        return buckets.compute(key, (k, existing) -> existing != null && existing.rate() == provisioned ? existing
                : new TokenBucket(provisioned, provisioned * BURST_SECONDS, existing, nanoClock.getAsLong()));
    }

    private static AwsException indexExceeded() {
        return AwsException.client("ProvisionedThroughputExceededException",
                "The level of configured provisioned throughput for one or more global secondary indexes of the "
                        + "table was exceeded. Consider increasing your provisioning level for the under-provisioned "
                        + "global secondary indexes with the UpdateTable API");
    }

    /** Units per second and the burst they may accumulate; tokens below zero are debt. */
    private static final class TokenBucket {
        private final double rate;
        private final double burst;
        private double tokens;
        private long updatedAt;

        TokenBucket(double rate, double burst, TokenBucket previous, long now) {
            this.rate = rate;
            this.burst = burst;
            // A new table starts with its burst capacity, as if it had been idle for five minutes.
            this.tokens = previous == null ? burst : Math.min(burst, previous.tokens);
            this.updatedAt = now;
        }

        double rate() {
            return rate;
        }

        synchronized boolean available(long now) {
            refill(now);
            return tokens > 0;
        }

        synchronized void take(double units, long now) {
            refill(now);
            tokens -= units;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + rate * (now - updatedAt) / 1e9);
            updatedAt = now;
        }
    }
}
