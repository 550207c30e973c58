package dev.cloudjar.dynamodb;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.model.ErrorConventions;
import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.ServiceContext;
import dev.cloudjar.core.spi.ServiceDescriptor;
import dev.cloudjar.core.spi.ServicePlugin;
import dev.cloudjar.core.spi.StreamSource;
import dev.cloudjar.dynamodb.capacity.CapacityLimiter;
import dev.cloudjar.dynamodb.item.BatchOperations;
import dev.cloudjar.dynamodb.item.EventualReads;
import dev.cloudjar.dynamodb.item.ItemOperations;
import dev.cloudjar.dynamodb.item.ItemStore;
import dev.cloudjar.dynamodb.item.ItemWriter;
import dev.cloudjar.dynamodb.item.TransactionOperations;
import dev.cloudjar.dynamodb.partiql.PartiqlOperations;
import dev.cloudjar.dynamodb.query.QueryOperations;
import dev.cloudjar.dynamodb.stream.StreamOperations;
import dev.cloudjar.dynamodb.stream.StreamReader;
import dev.cloudjar.dynamodb.stream.StreamRetention;
import dev.cloudjar.dynamodb.stream.TableStreams;
import dev.cloudjar.dynamodb.table.TableCatalog;
import dev.cloudjar.dynamodb.table.TableOperations;
import dev.cloudjar.dynamodb.table.TableSettingsOperations;
import dev.cloudjar.dynamodb.ttl.TimeToLiveSweeper;

import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Amazon DynamoDB over awsJson1_0, described by AWS's published model (slimmed at build time). */
public final class DynamoDbService implements ServicePlugin {
    private static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("dynamodb", "dynamodb",
            Protocol.AWS_JSON_1_0, "dev/cloudjar/dynamodb/dynamodb.json", "DynamoDB_20120810", List.of(), false)
            // DynamoDB's __type names the error with its versioned namespace, not the model's.
            .withErrorConventions(new ErrorConventions("com.amazonaws.dynamodb.v20120810#", null));
    /** Makes eventually consistent reads lag behind writes by this many milliseconds (default 0). */
    public static final String EVENTUAL_LAG_OPTION = "dynamodb-eventual-lag-ms";
    /** Seconds between two sweeps deleting expired items (default 60). */
    public static final String TTL_INTERVAL_OPTION = "dynamodb-ttl-interval-seconds";
    /** Throttles requests beyond the provisioned throughput of PROVISIONED tables (default off). */
    public static final String ENFORCE_CAPACITY_OPTION = "dynamodb-enforce-capacity";

    private TableCatalog catalog;
    private EventualReads eventual;
    private TableStreams streams;
    private CapacityLimiter capacity;
    private ScheduledFuture<?> sweeper;
    private ScheduledFuture<?> retention;

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<CloudjarConfig.Option> options() {
        return List.of(new CloudjarConfig.Option(EVENTUAL_LAG_OPTION, "0",
                        "make eventually consistent reads lag this many milliseconds behind writes"),
                new CloudjarConfig.Option(TTL_INTERVAL_OPTION, "60", "seconds between sweeps deleting expired items"),
                new CloudjarConfig.Option(ENFORCE_CAPACITY_OPTION, "false",
                        "throttle requests beyond a provisioned table's capacity, with 300 seconds of burst"));
    }

    @Override
    public void start(ServiceContext context, OperationTable operations) {
        catalog = new TableCatalog(context.state());
        ItemStore store = new ItemStore(catalog);
        long lag = context.config().longOption(EVENTUAL_LAG_OPTION, 0);
        eventual = new EventualReads(lag, System::currentTimeMillis);
        streams = new TableStreams(catalog, System::currentTimeMillis);
        context.capabilities().provide(StreamOperations.class, new StreamOperations(streams));
        context.capabilities().provide(StreamSource.class, new StreamReader(streams));
        capacity = new CapacityLimiter(context.config().booleanOption(ENFORCE_CAPACITY_OPTION, false), System::nanoTime);
        ItemWriter writer = new ItemWriter(store, streams, eventual, capacity);

        long ttlInterval = context.config().longOption(TTL_INTERVAL_OPTION, 60);
        sweeper = context.periodically("DynamoDB TTL sweep", ttlInterval, ttlInterval, TimeUnit.SECONDS,
                new TimeToLiveSweeper(catalog, writer, System::currentTimeMillis));
        retention = context.periodically("DynamoDB stream retention", 10, 10, TimeUnit.MINUTES,
                new StreamRetention(catalog, streams, System::currentTimeMillis));

        TableOperations tables = new TableOperations(catalog);
        operations.on("CreateTable", tables::createTable)
                .on("DescribeTable", tables::describeTable)
                .on("ListTables", tables::listTables)
                .on("UpdateTable", tables::updateTable)
                .on("DeleteTable", tables::deleteTable);
        TableSettingsOperations settings = new TableSettingsOperations(catalog);
        operations.on("DescribeTimeToLive", settings::describeTimeToLive)
                .on("UpdateTimeToLive", settings::updateTimeToLive)
                .on("TagResource", settings::tagResource)
                .on("UntagResource", settings::untagResource)
                .on("ListTagsOfResource", settings::listTagsOfResource)
                .on("DescribeLimits", settings::describeLimits)
                .on("DescribeEndpoints", settings::describeEndpoints);
        ItemOperations items = new ItemOperations(store, writer);
        operations.on("PutItem", items::putItem)
                .on("GetItem", items::getItem)
                .on("UpdateItem", items::updateItem)
                .on("DeleteItem", items::deleteItem);
        QueryOperations queries = new QueryOperations(writer);
        operations.on("Query", queries::query)
                .on("Scan", queries::scan);
        BatchOperations batches = new BatchOperations(writer);
        operations.on("BatchGetItem", batches::batchGetItem)
                .on("BatchWriteItem", batches::batchWriteItem);
        TransactionOperations transactions = new TransactionOperations(writer, System::currentTimeMillis);
        operations.on("TransactWriteItems", transactions::transactWriteItems)
                .on("TransactGetItems", transactions::transactGetItems);
        PartiqlOperations partiql = new PartiqlOperations(catalog, items, queries, transactions);
        operations.on("ExecuteStatement", partiql::executeStatement)
                .on("BatchExecuteStatement", partiql::batchExecuteStatement)
                .on("ExecuteTransaction", partiql::executeTransaction);
    }

    @Override
    public void stop() {
        if (sweeper != null) {
            sweeper.cancel(false);
            retention.cancel(false);
        }
    }

    @Override
    public void reset() {
        if (catalog != null) {
            catalog.clearCache();
            eventual.clear();
            streams.clear();
            capacity.clear();
        }
    }
}
