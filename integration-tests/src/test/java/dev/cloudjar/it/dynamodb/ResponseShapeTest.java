package dev.cloudjar.it.dynamodb;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.createTable;
import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.n;
import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.s;
import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.uniqueName;
import static dev.cloudjar.it.fixtures.Clients.dynamodb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The members of successful responses applications read: capacity, collection metrics, paging keys, counts. */
@Cloudjar
class ResponseShapeTest {
    private static final KeySchemaElement PK = KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build();
    private static final KeySchemaElement SK = KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build();

    private static AttributeDefinition definition(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    /** pk (S) and sk (N), with a local index on "local" (S). */
    private static String localIndexTable(DynamoDbClient dynamo) {
        String name = uniqueName("lsi");
        dynamo.createTable(b -> b.tableName(name)
                .attributeDefinitions(definition("pk", ScalarAttributeType.S), definition("sk", ScalarAttributeType.N),
                        definition("local", ScalarAttributeType.S))
                .keySchema(PK, SK)
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byLocal")
                        .keySchema(PK, KeySchemaElement.builder().attributeName("local").keyType(KeyType.RANGE).build())
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        return name;
    }

    /** pk (S) and sk (N), with a global index on "g" (S) projecting everything. */
    private static String globalIndexTable(DynamoDbClient dynamo) {
        String name = uniqueName("gsi");
        dynamo.createTable(b -> b.tableName(name)
                .attributeDefinitions(definition("pk", ScalarAttributeType.S), definition("sk", ScalarAttributeType.N),
                        definition("g", ScalarAttributeType.S))
                .keySchema(PK, SK)
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG")
                        .keySchema(KeySchemaElement.builder().attributeName("g").keyType(KeyType.HASH).build())
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        return name;
    }

    private static void assertCollection(String partition, ItemCollectionMetrics metrics) {
        assertEquals(Map.of("pk", s(partition)), metrics.itemCollectionKey());
        assertEquals(List.of(0.0, 1.0), metrics.sizeEstimateRangeGB());
    }

    @Test
    void writesToALocalIndexTableReportTheirItemCollection(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = localIndexTable(dynamo);
            Map<String, AttributeValue> key = Map.of("pk", s("p"), "sk", n("1"));
            assertCollection("p", dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of("pk", s("p"), "sk", n("1"), "local", s("l")))
                    .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE)).itemCollectionMetrics());
            assertCollection("p", dynamo.updateItem(b -> b.tableName(table).key(key).updateExpression("SET v = :v")
                    .expressionAttributeValues(Map.of(":v", n("1")))
                    .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE)).itemCollectionMetrics());
            assertNull(dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("q"), "sk", n("1"))))
                    .itemCollectionMetrics());
            BatchWriteItemResponse batch = dynamo.batchWriteItem(b -> b.returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE)
                    .requestItems(Map.of(table, List.of(
                            WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", s("a"), "sk", n("1")))).build(),
                            WriteRequest.builder().deleteRequest(d -> d.key(key)).build()))));
            assertEquals(2, batch.itemCollectionMetrics().get(table).size());
            assertCollection("a", batch.itemCollectionMetrics().get(table).get(0));
            TransactWriteItemsResponse tx = dynamo.transactWriteItems(b -> b
                    .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE)
                    .transactItems(TransactWriteItem.builder().put(p -> p.tableName(table)
                            .item(Map.of("pk", s("t"), "sk", n("1")))).build()));
            assertCollection("t", tx.itemCollectionMetrics().get(table).get(0));
            assertCollection("t", dynamo.deleteItem(b -> b.tableName(table).key(Map.of("pk", s("t"), "sk", n("1")))
                    .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE)).itemCollectionMetrics());

            String plain = createTable(dynamo, "nolsi");
            assertNull(dynamo.putItem(b -> b.tableName(plain).item(key)
                    .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE)).itemCollectionMetrics());
        }
    }

    @Test
    void transactionsReportTheirCapacityPerTableAtDoubleCost(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String first = createTable(dynamo, "txa");
            String second = createTable(dynamo, "txb");
            TransactWriteItemsResponse written = dynamo.transactWriteItems(b -> b
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                    .transactItems(
                            TransactWriteItem.builder().put(p -> p.tableName(first).item(Map.of("pk", s("a"), "sk", n("1")))).build(),
                            TransactWriteItem.builder().put(p -> p.tableName(second).item(Map.of("pk", s("b"), "sk", n("1")))).build(),
                            TransactWriteItem.builder().put(p -> p.tableName(first).item(Map.of("pk", s("c"), "sk", n("1")))).build()));
            List<ConsumedCapacity> writes = written.consumedCapacity();
            assertEquals(List.of(first, second), writes.stream().map(ConsumedCapacity::tableName).toList());
            assertEquals(4.0, writes.get(0).capacityUnits());
            assertEquals(4.0, writes.get(0).writeCapacityUnits());
            assertEquals(2.0, writes.get(1).capacityUnits());

            List<ConsumedCapacity> reads = dynamo.transactGetItems(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                    .transactItems(
                            TransactGetItem.builder().get(g -> g.tableName(first).key(Map.of("pk", s("a"), "sk", n("1")))).build(),
                            TransactGetItem.builder().get(g -> g.tableName(first).key(Map.of("pk", s("c"), "sk", n("1")))).build()))
                    .consumedCapacity();
            assertEquals(1, reads.size());
            assertEquals(4.0, reads.get(0).capacityUnits());
            assertEquals(4.0, reads.get(0).readCapacityUnits());
            assertFalse(dynamo.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder()
                    .put(p -> p.tableName(first).item(Map.of("pk", s("d"), "sk", n("1")))).build())).hasConsumedCapacity());
        }
    }

    @Test
    void batchWritesCountTheirIndexWrites(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = globalIndexTable(dynamo);
            List<WriteRequest> writes = List.of(
                    WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", s("a"), "sk", n("1"), "g", s("x")))).build(),
                    WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", s("b"), "sk", n("1"), "g", s("x")))).build(),
                    WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", s("c"), "sk", n("1")))).build());
            BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, writes))
                    .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
            assertTrue(response.hasUnprocessedItems());
            assertTrue(response.unprocessedItems().isEmpty());
            ConsumedCapacity consumed = response.consumedCapacity().get(0);
            assertEquals(5.0, consumed.capacityUnits());
            assertEquals(3.0, consumed.table().capacityUnits());
            assertEquals(2.0, consumed.globalSecondaryIndexes().get("byG").capacityUnits());
            assertEquals(2.0, consumed.globalSecondaryIndexes().get("byG").writeCapacityUnits());
        }
    }

    @Test
    void globalIndexPagesResumeFromTheTableAndIndexKeys(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = globalIndexTable(dynamo);
            for (int i = 0; i < 5; i++) {
                int k = i;
                dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("p" + k), "sk", n("1"), "g", s("x"))));
            }
            Set<String> seen = new java.util.HashSet<>();
            Map<String, AttributeValue> start = null;
            int pages = 0;
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse page = dynamo.query(b -> b.tableName(table).indexName("byG").keyConditionExpression("g = :g")
                        .expressionAttributeValues(Map.of(":g", s("x"))).limit(2).exclusiveStartKey(from)
                        .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
                page.items().forEach(item -> seen.add(item.get("pk").s()));
                assertEquals(0.0, page.consumedCapacity().table().capacityUnits());
                assertTrue(page.consumedCapacity().globalSecondaryIndexes().containsKey("byG"));
                start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
                if (start != null) {
                    assertEquals(Set.of("pk", "sk", "g"), start.keySet());
                }
                pages++;
            } while (start != null);
            assertEquals(5, seen.size());
            assertEquals(3, pages);
        }
    }

    @Test
    void filtersReduceCountButNotScannedCount(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "count");
            for (int i = 0; i < 6; i++) {
                int k = i;
                dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("p"), "sk", n(Integer.toString(k)),
                        "odd", AttributeValue.fromBool(k % 2 == 1))));
            }
            ScanResponse scan = dynamo.scan(b -> b.tableName(table).filterExpression("odd = :t")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))));
            assertEquals(3, scan.count());
            assertEquals(6, scan.scannedCount());
            QueryResponse counted = dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                    .filterExpression("odd = :t").select(Select.COUNT)
                    .expressionAttributeValues(Map.of(":p", s("p"), ":t", AttributeValue.fromBool(true))));
            assertEquals(3, counted.count());
            assertEquals(6, counted.scannedCount());
            assertFalse(counted.hasItems());
            QueryResponse limited = dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :p")
                    .filterExpression("odd = :t").limit(3)
                    .expressionAttributeValues(Map.of(":p", s("p"), ":t", AttributeValue.fromBool(true))));
            assertEquals(1, limited.count());
            assertEquals(3, limited.scannedCount());
            assertEquals(Map.of("pk", s("p"), "sk", n("2")), limited.lastEvaluatedKey());
        }
    }

    @Test
    void batchGetAnswersEveryTableAndAnEmptyUnprocessedKeys(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint)) {
            String table = createTable(dynamo, "bget");
            dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("a"), "sk", n("1"))));
            List<Map<String, AttributeValue>> keys = new ArrayList<>(List.of(Map.of("pk", s("a"), "sk", n("1")),
                    Map.of("pk", s("none"), "sk", n("1"))));
            BatchGetItemResponse response = dynamo.batchGetItem(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                    .requestItems(Map.of(table, KeysAndAttributes.builder().keys(keys).build())));
            assertEquals(1, response.responses().get(table).size());
            assertTrue(response.hasUnprocessedKeys());
            assertTrue(response.unprocessedKeys().isEmpty());
            assertEquals(table, response.consumedCapacity().get(0).tableName());
            assertEquals(1.0, response.consumedCapacity().get(0).capacityUnits());
        }
    }
}
