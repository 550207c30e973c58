package dev.cloudjar.dynamodb.item;

import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.dynamodb.table.TableDefinition;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The opt-in simulation of eventual consistency ({@code --dynamodb-eventual-lag-ms}): an eventually
 * consistent read sees an item as it was {@code lag} milliseconds ago. Each write remembers the
 * image it replaced for that long; with no lag nothing is remembered and reads see the latest write.
 */
public final class EventualReads {
    /** The image an item had until {@code replacedAt}. */
    private record Replaced(long replacedAt, Optional<Map<String, AttributeValue>> image) {
    }

    private final long lagMillis;
    private final LongSupplier clock;
    private final Map<String, Deque<Replaced>> history = new ConcurrentHashMap<>();

    public EventualReads(long lagMillis, LongSupplier clock) {
        this.lagMillis = lagMillis;
        this.clock = clock;
    }

    public boolean enabled() {
        return lagMillis > 0;
    }

    /** Called under the item's lock before a write replaces {@code before}. */
    void remember(Scope scope, TableDefinition table, byte[] key, Map<String, AttributeValue> before) {
        if (!enabled()) {
            return;
        }
        long now = clock.getAsLong();
        Deque<Replaced> versions = history.computeIfAbsent(historyKey(scope, table, key), k -> new ArrayDeque<>());
        synchronized (versions) {
            versions.addLast(new Replaced(now, Optional.ofNullable(before)));
            while (!versions.isEmpty() && versions.peekFirst().replacedAt() < now - lagMillis) {
                versions.removeFirst();
            }
        }
    }

    /** The item as an eventually consistent read sees it, given its current image. */
    public Map<String, AttributeValue> asSeen(Scope scope, TableDefinition table, byte[] key,
                                              Map<String, AttributeValue> current) {
        if (!enabled()) {
            return current;
        }
        Deque<Replaced> versions = history.get(historyKey(scope, table, key));
        if (versions == null) {
            return current;
        }
        long horizon = clock.getAsLong() - lagMillis;
        synchronized (versions) {
            // The oldest replacement after the horizon replaced the image that was current then.
            for (Replaced r : versions) {
                if (r.replacedAt() > horizon) {
                    return r.image().orElse(null);
                }
            }
        }
        return current;
    }

    public void clear() {
        history.clear();
    }

    private static String historyKey(Scope scope, TableDefinition table, byte[] key) {
        return scope.accountId() + "/" + scope.region() + "/" + table.tableId() + "/"
                + java.util.HexFormat.of().formatHex(key);
    }
}
