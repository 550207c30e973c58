package dev.cloudjar.dynamodb.item;

import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.dynamodb.DynamoDbErrors;
import dev.cloudjar.dynamodb.capacity.Capacity;
import dev.cloudjar.dynamodb.expression.Documents;
import dev.cloudjar.dynamodb.expression.Path;
import dev.cloudjar.dynamodb.expression.RequestExpressions;
import dev.cloudjar.dynamodb.table.TableCatalog;
import dev.cloudjar.dynamodb.table.TableDefinition;
import dev.cloudjar.dynamodb.table.TableOperations;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** BatchGetItem (up to 100 keys) and BatchWriteItem (up to 25 puts and deletes), each item on its own. */
public final class BatchOperations {
    private static final int MAX_GET_KEYS = 100;
    private static final int MAX_WRITES = 25;

    private final TableCatalog catalog;
    private final ItemWriter writer;

    public BatchOperations(ItemWriter writer) {
        this.writer = writer;
        this.catalog = writer.store().catalog();
    }

    @SuppressWarnings("unchecked")
    public Output batchGetItem(RequestContext context, Input input) {
        Map<String, Object> requests = input.map("RequestItems");
        int total = requests.values().stream().mapToInt(r -> ((List<?>) ((Map<String, Object>) r).get("Keys")).size()).sum();
        if (total > MAX_GET_KEYS) {
            throw DynamoDbErrors.validation("Too many items requested for the BatchGetItem call");
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        Map<String, Object> unprocessed = new LinkedHashMap<>();
        int[] processed = new int[1];
        ConsumedByTable consumed = new ConsumedByTable();
        requests.forEach((tableName, r) -> {
            Input request = new Input((Map<String, Object>) r);
            TableDefinition table = TableOperations.require(catalog, context.scope(), tableName);
            RequestExpressions.requireNotBoth(request, "AttributesToGet", "ProjectionExpression");
            RequestExpressions expressions = new RequestExpressions(request);
            List<Path> projection = ItemOperations.projection(request, expressions);
            expressions.finish();
            boolean consistent = Boolean.TRUE.equals(request.bool("ConsistentRead"));
            List<Object> items = new ArrayList<>();
            List<Object> throttled = new ArrayList<>();
            Set<ByteBuffer> seen = new HashSet<>();
            consumed.touch(tableName);
            for (Object k : request.list("Keys")) {
                Map<String, AttributeValue> key = Keys.requireKey(table, WireValues.item(k));
                byte[] storageKey = Keys.storageKey(table.keySchema(), key);
                if (!seen.add(ByteBuffer.wrap(storageKey))) {
                    throw DynamoDbErrors.validation("Provided list of item keys contains duplicates");
                }
                if (!writer.capacity().readAllowed(context.scope(), table, null)) {
                    throttled.add(k);
                    continue;
                }
                Map<String, AttributeValue> item = writer.read(context.scope(), table, storageKey, consistent);
                double itemUnits = Capacity.readUnits(item == null ? 0 : ItemSize.of(item), consistent);
                writer.capacity().chargeRead(context.scope(), table, null, itemUnits);
                consumed.read(tableName, itemUnits);
                processed[0]++;
                if (item != null) {
                    items.add(WireValues.wire(projection == null ? item : Documents.project(item, projection)));
                }
            }
            responses.put(tableName, items);
            if (!throttled.isEmpty()) {
                Map<String, Object> retry = new LinkedHashMap<>((Map<String, Object>) r);
                retry.put("Keys", throttled);
                unprocessed.put(tableName, retry);
            }
        });
        requireSomeProcessed(unprocessed.size(), processed[0] == 0);
        return Output.of("Responses", responses)
                .put("UnprocessedKeys", unprocessed)
                .put("ConsumedCapacity", consumed.consumed(input.string("ReturnConsumedCapacity")));
    }

    @SuppressWarnings("unchecked")
    public Output batchWriteItem(RequestContext context, Input input) {
        Map<String, Object> requests = input.map("RequestItems");
        int total = requests.values().stream().mapToInt(r -> ((List<?>) r).size()).sum();
        if (total > MAX_WRITES) {
            throw DynamoDbErrors.validation("Too many items requested for the BatchWriteItem call");
        }
        // Everything is validated before anything is written, as AWS rejects the whole batch.
        List<Runnable> writes = new ArrayList<>();
        Map<String, List<Object>> unprocessed = new LinkedHashMap<>();
        ConsumedByTable consumed = new ConsumedByTable();
        Map<String, Object> collectionMetrics = new LinkedHashMap<>();
        String metricsMode = input.string("ReturnItemCollectionMetrics");
        requests.forEach((tableName, list) -> {
            TableDefinition table = TableOperations.require(catalog, context.scope(), tableName);
            Set<ByteBuffer> seen = new HashSet<>();
            consumed.touch(tableName);
            for (Object o : (List<Object>) list) {
                Input request = new Input((Map<String, Object>) o);
                Map<String, AttributeValue> subject;
                boolean put = request.has("PutRequest");
                if (put == request.has("DeleteRequest")) {
                    throw DynamoDbErrors.validation("Supplied AttributeValue has more than one datatypes set, must "
                            + "contain exactly one of the supported datatypes");
                }
                if (put) {
                    subject = WireValues.item(request.structure("PutRequest").get("Item"));
                    // Unlike PutItem's "Type mismatch for key", a PutRequest's mistyped key is a key mismatch.
                    Keys.requireItemValues(table, subject, false);
                    Keys.requireKeyMatchesSchema(table, Keys.keyOf(table.keySchema(), subject));
                    Keys.requireItemTypes(table, subject);
                    Keys.requireItemSize(subject);
                } else {
                    subject = Keys.requireKey(table, WireValues.item(request.structure("DeleteRequest").get("Key")));
                }
                if (!seen.add(ByteBuffer.wrap(Keys.storageKey(table.keySchema(), subject)))) {
                    throw DynamoDbErrors.validation("Provided list of item keys contains duplicates");
                }
                Map<String, AttributeValue> image = put ? subject : null;
                writes.add(() -> {
                    if (!writer.capacity().writeAllowed(context.scope(), table)) {
                        unprocessed.computeIfAbsent(tableName, t -> new ArrayList<>()).add(o);
                        return;
                    }
                    ItemWriter.Result result = writer.write(context.scope(), table, subject, null, old -> image, false);
                    WriteCost cost = WriteCost.of(table, result, 1);
                    cost.charge(writer.capacity(), context.scope(), table);
                    consumed.write(tableName, cost);
                    ItemCollectionMetrics.add(collectionMetrics, metricsMode, table, subject);
                });
            }
        });
        writes.forEach(Runnable::run);
        requireSomeProcessed(unprocessed.size(), unprocessed.values().stream().mapToInt(List::size).sum() == total);
        return Output.of("UnprocessedItems", unprocessed)
                .put("ConsumedCapacity", consumed.consumed(input.string("ReturnConsumedCapacity")))
                .put("ItemCollectionMetrics", collectionMetrics.isEmpty() ? null : collectionMetrics);
    }

    /** A batch of which nothing could be processed fails as a whole, as on AWS. */
    private static void requireSomeProcessed(int throttledTables, boolean nothingProcessed) {
        if (throttledTables > 0 && nothingProcessed) {
            throw DynamoDbErrors.provisionedThroughputExceeded();
        }
    }
}
