package dev.cloudjar.dynamodb.table;

import dev.cloudjar.core.spi.storage.Entry;
import dev.cloudjar.core.spi.storage.Keyspace;
import dev.cloudjar.dynamodb.item.ItemCodec;
import dev.cloudjar.dynamodb.item.ItemSize;

import java.util.List;

/**
 * ItemCount and TableSizeBytes. AWS refreshes them only every six hours, so an estimate is
 * faithful: the size is measured exactly on a sample of the first items and scaled by the count.
 */
final class TableStatistics {
    private static final int SAMPLE = 1000;

    record Counts(long items, long bytes) {
    }

    private TableStatistics() {
    }

    static Counts count(Keyspace keyspace) {
        long items = keyspace.size();
        List<Entry> sample = keyspace.scan(null, null, SAMPLE, false);
        if (sample.isEmpty()) {
            return new Counts(items, 0);
        }
        long sampleBytes = 0;
        for (Entry e : sample) {
            sampleBytes += ItemSize.of(ItemCodec.decode(e.value()));
        }
        return new Counts(items, sampleBytes * items / sample.size());
    }
}
