package dev.cloudjar.dynamodb.item;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.dynamodb.DynamoDbErrors;
import dev.cloudjar.dynamodb.capacity.CapacityLimiter;
import dev.cloudjar.dynamodb.expression.Condition;
import dev.cloudjar.dynamodb.expression.ConditionEvaluator;
import dev.cloudjar.dynamodb.table.TableDefinition;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The single path every item write takes: lock the item, read it, check the condition, compute
 * the new image, write item and index entries, then tell the listener (streams) while still holding
 * the lock, so an item's stream records follow the order of its writes.
 */
public final class ItemWriter {
    /** The item before and after a write (either may be null). */
    public record Result(Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
    }

    /** Told of every change after it is stored. */
    @FunctionalInterface
    public interface ChangeListener {
        void changed(Scope scope, TableDefinition table, Map<String, AttributeValue> before,
                     Map<String, AttributeValue> after, boolean byService);
    }

    private final ItemStore store;
    private final ChangeListener listener;
    private final EventualReads eventual;
    private final CapacityLimiter capacity;

    public ItemWriter(ItemStore store, ChangeListener listener, EventualReads eventual, CapacityLimiter capacity) {
        this.store = store;
        this.listener = listener;
        this.eventual = eventual;
        this.capacity = capacity;
    }

    /**
     * @param keyOrItem  an item or key locating the item
     * @param change     the new image from the old one (null old when absent); null result deletes
     * @param returnItem whether a failed condition returns the item (ReturnValuesOnConditionCheckFailure)
     */
    public Result write(Scope scope, TableDefinition table, Map<String, AttributeValue> keyOrItem, Condition condition,
                        UnaryOperator<Map<String, AttributeValue>> change, boolean returnItem) {
        byte[] key = Keys.storageKey(table.keySchema(), keyOrItem);
        Map<String, AttributeValue> before;
        Map<String, AttributeValue> after;
        try (StripedLocks.Held ignored = store.lock(scope, table, key)) {
            before = store.get(scope, table, key);
            requireCondition(condition, before, returnItem);
            after = change.apply(before);
            if (before == null && after == null) {
                return new Result(null, null);
            }
            eventual.remember(scope, table, key, before);
            store.write(scope, table, key, before, after);
            listener.changed(scope, table, before, after, false);
        }
        return new Result(before, after);
    }

    /** Deletes an item as the service itself (TTL), if it is still the same item. */
    public void deleteByService(Scope scope, TableDefinition table, Map<String, AttributeValue> expected) {
        byte[] key = Keys.storageKey(table.keySchema(), expected);
        try (StripedLocks.Held ignored = store.lock(scope, table, key)) {
            Map<String, AttributeValue> current = store.get(scope, table, key);
            if (current == null || !current.equals(expected)) {
                return;
            }
            eventual.remember(scope, table, key, current);
            store.write(scope, table, key, current, null);
            listener.changed(scope, table, expected, null, true);
        }
    }

    /** Reads an item, as of the eventual-consistency lag unless {@code consistent}. */
    public Map<String, AttributeValue> read(Scope scope, TableDefinition table, byte[] key, boolean consistent) {
        Map<String, AttributeValue> current = store.get(scope, table, key);
        return consistent ? current : eventual.asSeen(scope, table, key, current);
    }

    public static void requireCondition(Condition condition, Map<String, AttributeValue> item, boolean returnItem) {
        if (condition != null && !ConditionEvaluator.test(condition, item == null ? Map.of() : item)) {
            AwsException failed = DynamoDbErrors.conditionalCheckFailed();
            if (returnItem && item != null) {
                failed.with("Item", WireValues.wire(item));
            }
            throw failed;
        }
    }

    public ItemStore store() {
        return store;
    }

    public ChangeListener listener() {
        return listener;
    }

    public EventualReads eventual() {
        return eventual;
    }

    public CapacityLimiter capacity() {
        return capacity;
    }
}
