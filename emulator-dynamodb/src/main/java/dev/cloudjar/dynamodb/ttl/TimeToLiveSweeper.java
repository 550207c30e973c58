package dev.cloudjar.dynamodb.ttl;

import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.storage.Entry;
import dev.cloudjar.core.spi.storage.Keyspace;
import dev.cloudjar.dynamodb.item.AttributeValue;
import dev.cloudjar.dynamodb.item.ItemCodec;
import dev.cloudjar.dynamodb.item.ItemWriter;
import dev.cloudjar.dynamodb.table.TableCatalog;
import dev.cloudjar.dynamodb.table.TableDefinition;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Deletes items whose TTL attribute (a number of epoch seconds) has passed, as DynamoDB's
 * background process does: not at the instant of expiry but on a later sweep, each deletion a
 * service deletion in the table's stream. As on AWS, an attribute that is not a number, or an
 * expiry more than five years in the past, never expires the item.
 */
public final class TimeToLiveSweeper implements Runnable {
    private static final System.Logger LOG = System.getLogger(TimeToLiveSweeper.class.getName());
    private static final int PAGE = 500;
    private static final long FIVE_YEARS_SECONDS = 5L * 365 * 24 * 3600;

    private final TableCatalog catalog;
    private final ItemWriter writer;
    private final LongSupplier clock;

    public TimeToLiveSweeper(TableCatalog catalog, ItemWriter writer, LongSupplier clock) {
        this.catalog = catalog;
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public void run() {
        for (Map.Entry<Scope, TableDefinition> table : catalog.all()) {
            if (table.getValue().ttlAttribute() != null) {
                try {
                    sweep(table.getKey(), table.getValue());
                } catch (RuntimeException e) {
                    // A table deleted mid-sweep, say; an escaping exception would end all later sweeps.
                    LOG.log(System.Logger.Level.WARNING, "TTL sweep of " + table.getValue().name() + " failed", e);
                }
            }
        }
    }

    private void sweep(Scope scope, TableDefinition table) {
        long nowSeconds = clock.getAsLong() / 1000;
        Keyspace items = catalog.items(scope, table.name());
        byte[] from = null;
        while (true) {
            List<Entry> page = items.scan(from, null, PAGE, false);
            for (Entry entry : page) {
                Map<String, AttributeValue> item = ItemCodec.decode(entry.value());
                if (expired(item.get(table.ttlAttribute()), nowSeconds)) {
                    writer.deleteByService(scope, table, item);
                }
            }
            if (page.size() < PAGE) {
                return;
            }
            byte[] last = page.get(page.size() - 1).key();
            from = Arrays.copyOf(last, last.length + 1);
        }
    }

    static boolean expired(AttributeValue ttl, long nowSeconds) {
        if (!(ttl instanceof AttributeValue.N number)) {
            return false;
        }
        BigDecimal expiry = number.value();
        return expiry.compareTo(BigDecimal.valueOf(nowSeconds)) < 0
                && expiry.compareTo(BigDecimal.valueOf(nowSeconds - FIVE_YEARS_SECONDS)) >= 0;
    }
}
