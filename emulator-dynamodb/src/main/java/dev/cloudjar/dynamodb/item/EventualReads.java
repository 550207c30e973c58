package dev.cloudjar.dynamodb.item;

import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.dynamodb.table.TableDefinition;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The opt-in simulation of eventual consistency ({@code --dynamodb-eventual-lag-ms}): an eventually
 * consistent read sees an item as it was {@code lag} milliseconds ago. Each write remembers the
 * image it replaced for that long and no longer: every write also forgets what expired, for all
 * items, so the history stays as large as the writes of one lag period. With no lag nothing is
 * remembered and reads see the latest write. The simulation is for tests, so one monitor guards it.
 */
public final class EventualReads {
    /** The image an item had until {@code replacedAt}. */
    private record Replaced(long replacedAt, Optional<Map<String, AttributeValue>> image) {
    }

    /** A write in order of time, to find whose history expires next. */
    private record Written(long at, String item) {
    }

    private final long lagMillis;
    private final LongSupplier clock;
    private final Map<String, Deque<Replaced>> history = new HashMap<>();
    private final Deque<Written> writes = new ArrayDeque<>();

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
        String item = historyKey(scope, table, key);
        synchronized (this) {
            long now = clock.getAsLong();
            history.computeIfAbsent(item, k -> new ArrayDeque<>()).addLast(new Replaced(now, Optional.ofNullable(before)));
            writes.addLast(new Written(now, item));
            forgetBefore(now - lagMillis);
        }
    }

    /** The item as an eventually consistent read sees it, given its current image. */
    public Map<String, AttributeValue> asSeen(Scope scope, TableDefinition table, byte[] key,
                                              Map<String, AttributeValue> current) {
        if (!enabled()) {
            return current;
        }
        String item = historyKey(scope, table, key);
        synchronized (this) {
            Deque<Replaced> versions = history.get(item);
            if (versions == null) {
                return current;
            }
            long horizon = clock.getAsLong() - lagMillis;
            // The oldest replacement after the horizon replaced the image that was current then.
            for (Replaced r : versions) {
                if (r.replacedAt() > horizon) {
                    return r.image().orElse(null);
                }
            }
        }
        return current;
    }

    /** How many replaced images are remembered (for tests of the bound). */
    synchronized int remembered() {
        return history.values().stream().mapToInt(Deque::size).sum();
    }

    public synchronized void clear() {
        history.clear();
        writes.clear();
    }

    private void forgetBefore(long horizon) {
        while (!writes.isEmpty() && writes.peekFirst().at() < horizon) {
            String item = writes.removeFirst().item();
            Deque<Replaced> versions = history.get(item);
            if (versions == null) {
                continue;
            }
            while (!versions.isEmpty() && versions.peekFirst().replacedAt() < horizon) {
                versions.removeFirst();
            }
            if (versions.isEmpty()) {
                history.remove(item);
            }
        }
    }

    private static String historyKey(Scope scope, TableDefinition table, byte[] key) {
        return scope.accountId() + "/" + scope.region() + "/" + table.tableId() + "/" + HexFormat.of().formatHex(key);
    }
}
