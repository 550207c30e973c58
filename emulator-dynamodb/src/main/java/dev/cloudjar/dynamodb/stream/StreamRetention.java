package dev.cloudjar.dynamodb.stream;

import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.dynamodb.table.TableCatalog;
import dev.cloudjar.dynamodb.table.TableDefinition;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Trims every stream to DynamoDB's 24 hours of records, run from time to time. */
public final class StreamRetention implements Runnable {
    static final long RETENTION_MILLIS = TimeUnit.HOURS.toMillis(24);
    private static final System.Logger LOG = System.getLogger(StreamRetention.class.getName());

    private final TableCatalog catalog;
    private final TableStreams streams;
    private final LongSupplier clock;

    public StreamRetention(TableCatalog catalog, TableStreams streams, LongSupplier clock) {
        this.catalog = catalog;
        this.streams = streams;
        this.clock = clock;
    }

    @Override
    public void run() {
        long cutoff = clock.getAsLong() - RETENTION_MILLIS;
        for (Map.Entry<Scope, TableDefinition> table : catalog.all()) {
            try {
                streams.trim(table.getKey(), table.getValue(), cutoff);
            } catch (RuntimeException e) {
                // A table deleted meanwhile, say; an escaping exception would end all later runs.
                LOG.log(System.Logger.Level.WARNING, "trimming the stream of " + table.getValue().name() + " failed", e);
            }
        }
    }
}
