package dev.cloudjar.dynamodb.stream;

import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.storage.Entry;
import dev.cloudjar.core.spi.storage.Keyspace;
import dev.cloudjar.dynamodb.item.AttributeValue;
import dev.cloudjar.dynamodb.item.ItemSize;
import dev.cloudjar.dynamodb.item.ItemWriter;
import dev.cloudjar.dynamodb.item.Keys;
import dev.cloudjar.dynamodb.table.TableCatalog;
import dev.cloudjar.dynamodb.table.TableDefinition;

import java.nio.ByteBuffer;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The records of every table stream, one keyspace per stream keyed by sequence number, so they
 * survive a restart with {@code --data-dir}; consumers in the process (a Lambda event source
 * mapping) read them by sequence number through the StreamSource capability, as pollers of a real
 * stream do. Writers append under the item's lock, so the records of one item are in the order of its writes.
 */
public final class TableStreams implements ItemWriter.ChangeListener {
    private final TableCatalog catalog;
    private final LongSupplier clock;
    private final Map<String, AtomicLong> lastSequence = new ConcurrentHashMap<>();

    public TableStreams(TableCatalog catalog, LongSupplier clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    public TableCatalog catalog() {
        return catalog;
    }

    /** The table whose current stream the ARN names (the ARN's table, in the given scope). */
    public Optional<TableDefinition> tableOf(Scope scope, String streamArn) {
        int tableAt = streamArn == null ? -1 : streamArn.indexOf(":table/");
        int streamAt = streamArn == null ? -1 : streamArn.indexOf("/stream/");
        if (tableAt < 0 || streamAt < tableAt) {
            return Optional.empty();
        }
        String tableName = streamArn.substring(tableAt + ":table/".length(), streamAt);
        return catalog.find(scope, tableName).filter(t -> streamArn.equals(t.streamArn()));
    }

    /** The id of a stream's one shard: its creation time and the table's id. */
    public static String shardId(TableDefinition table) {
        long created = LocalDateTime.parse(table.streamLabel()).toInstant(ZoneOffset.UTC).toEpochMilli();
        return "shardId-" + String.format("%020d", created) + "-" + table.tableId().substring(0, 8);
    }

    @Override
    public void changed(Scope scope, TableDefinition table, Map<String, AttributeValue> before,
                        Map<String, AttributeValue> after, boolean byService) {
        String viewType = table.streamViewType();
        if (viewType == null || (before == null && after == null)) {
            return;
        }
        String eventName = before == null ? "INSERT" : after == null ? "REMOVE" : "MODIFY";
        Map<String, AttributeValue> keys = Keys.keyOf(table.keySchema(), after != null ? after : before);
        Map<String, AttributeValue> newImage = viewType.equals("NEW_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES")
                ? after : null;
        Map<String, AttributeValue> oldImage = viewType.equals("OLD_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES")
                ? before : null;
        long size = ItemSize.of(keys) + (newImage == null ? 0 : ItemSize.of(newImage))
                + (oldImage == null ? 0 : ItemSize.of(oldImage));
        Keyspace records = records(scope, table, table.streamLabel());
        AtomicLong last = sequence(records);
        // Numbering and writing under the stream's lock: a reader asking for the latest or oldest
        // sequence number must never see a number whose record is not written yet, or a
        // TRIM_HORIZON iterator taken at that moment would start past it.
        synchronized (last) {
            long sequence = last.incrementAndGet();
            StreamRecord record = new StreamRecord(sequence, UUID.randomUUID().toString().replace("-", ""), eventName,
                    clock.getAsLong(), byService, viewType, size, keys, newImage, oldImage);
            records.put(sequenceKey(sequence), record.encode());
        }
    }

    /** Up to {@code limit} records from sequence number {@code from} on. */
    public List<StreamRecord> read(Scope scope, TableDefinition table, String label, long from, int limit) {
        List<StreamRecord> out = new ArrayList<>();
        for (Entry entry : records(scope, table, label).scan(sequenceKey(from), null, limit, false)) {
            out.add(StreamRecord.decode(entry.value()));
        }
        return out;
    }

    /** The sequence number of the stream's latest record, 0 when it has none. */
    public long latest(Scope scope, TableDefinition table, String label) {
        AtomicLong last = sequence(records(scope, table, label));
        synchronized (last) {
            return last.get();
        }
    }

    /** The sequence number of the stream's oldest record, or the next one when it has none. */
    public long oldest(Scope scope, TableDefinition table, String label) {
        Keyspace records = records(scope, table, label);
        AtomicLong last = sequence(records);
        synchronized (last) {
            List<Entry> first = records.scan(null, null, 1, false);
            return first.isEmpty() ? last.get() + 1 : ByteBuffer.wrap(first.get(0).key()).getLong();
        }
    }

    /**
     * Deletes the records of the table's latest stream written before {@code cutoffMillis}: DynamoDB
     * keeps stream records for 24 hours. Records are in time order, so trimming stops at the first
     * younger one.
     */
    public void trim(Scope scope, TableDefinition table, long cutoffMillis) {
        if (table.streamLabel() == null) {
            return;
        }
        Keyspace records = records(scope, table, table.streamLabel());
        while (true) {
            List<Entry> page = records.scan(null, null, 100, false);
            for (Entry entry : page) {
                if (StreamRecord.decode(entry.value()).createdAtMillis() >= cutoffMillis) {
                    return;
                }
                records.delete(entry.key());
            }
            if (page.size() < 100) {
                return;
            }
        }
    }

    public void clear() {
        lastSequence.clear();
    }

    private AtomicLong sequence(Keyspace records) {
        return lastSequence.computeIfAbsent(records.name(), name -> {
            List<Entry> last = records.scan(null, null, 1, true);
            return new AtomicLong(last.isEmpty() ? 0 : ByteBuffer.wrap(last.get(0).key()).getLong());
        });
    }

    private Keyspace records(Scope scope, TableDefinition table, String label) {
        return catalog.state().keyspace(catalog.streamKeyspace(scope, table.name(), label));
    }

    private static byte[] sequenceKey(long sequence) {
        return ByteBuffer.allocate(Long.BYTES).putLong(sequence).array();
    }
}
