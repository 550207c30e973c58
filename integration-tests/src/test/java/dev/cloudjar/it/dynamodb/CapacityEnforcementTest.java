package dev.cloudjar.it.dynamodb;

import dev.cloudjar.junit5.CloudjarExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.s;
import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.uniqueName;
import static dev.cloudjar.it.fixtures.Clients.dynamodbWithoutRetries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With --dynamodb-enforce-capacity, provisioned tables hold 300 seconds of their capacity as burst.
 * Items of 350 KB cost 350 write units (88 consistent read units) each, so one or a few of them
 * exhaust the burst of a table provisioned with 1 unit per second.
 */
class CapacityEnforcementTest {
    private static final String TABLE_MESSAGE = "The level of configured provisioned throughput for the table was "
            + "exceeded. Consider increasing your provisioning level with the UpdateTable API.";
    private static final AttributeValue LARGE = s("x".repeat(350 * 1024));

    @RegisterExtension
    static final CloudjarExtension CLOUD = CloudjarExtension.builder()
            .configure(c -> c.option("dynamodb-enforce-capacity", "true"))
            .build();

    private static String createTable(DynamoDbClient dynamo, long read, long write, boolean withIndex) {
        String name = uniqueName("capacity");
        dynamo.createTable(b -> {
            b.tableName(name)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName("gk").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                    .billingMode(BillingMode.PROVISIONED)
                    .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(read).writeCapacityUnits(write).build());
            if (withIndex) {
                b.globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byGk")
                        .keySchema(KeySchemaElement.builder().attributeName("gk").keyType(KeyType.HASH).build())
                        .projection(p -> p.projectionType(ProjectionType.ALL))
                        .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(1L).writeCapacityUnits(1L).build())
                        .build());
            } else {
                b.attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build());
            }
        });
        return name;
    }

    private static Map<String, AttributeValue> large(String pk) {
        return Map.of("pk", s(pk), "data", LARGE);
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    @Test
    void writesBeyondTheBurstCapacityAreThrottledWithAwsMessage(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodbWithoutRetries(endpoint)) {
            String table = createTable(dynamo, 1, 1, false);
            dynamo.putItem(b -> b.tableName(table).item(large("a")));

            ProvisionedThroughputExceededException e = assertThrows(ProvisionedThroughputExceededException.class,
                    () -> dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("b")))));
            assertEquals(TABLE_MESSAGE, e.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void smallWritesUseTheBurstBeforeTheyAreThrottled(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodbWithoutRetries(endpoint)) {
            String table = createTable(dynamo, 1, 1, false);
            int written = 0;
            try {
                while (written < 1000) {
                    String pk = "item" + written;
                    dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s(pk))));
                    written++;
                }
            } catch (ProvisionedThroughputExceededException expected) {
                // Throttled once the burst is spent.
            }
            assertTrue(written >= 300 && written < 1000, "writes before the throttle: " + written);
        }
    }

    @Test
    void readsBeyondTheBurstCapacityAreThrottled(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodbWithoutRetries(endpoint)) {
            String table = createTable(dynamo, 1, 1000, false);
            dynamo.putItem(b -> b.tableName(table).item(large("a")));
            for (int i = 0; i < 4; i++) {
                dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", s("a"))).consistentRead(true));
            }

            assertThrows(ProvisionedThroughputExceededException.class,
                    () -> dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", s("a"))).consistentRead(true)));
            assertThrows(ProvisionedThroughputExceededException.class,
                    () -> dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :a")
                            .expressionAttributeValues(Map.of(":a", s("a")))));
        }
    }

    @Test
    void transactionsAreChargedAndThrottledLikeSingleWrites(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodbWithoutRetries(endpoint)) {
            String table = createTable(dynamo, 1, 1, false);
            dynamo.transactWriteItems(b -> b.transactItems(t -> t.put(p -> p.tableName(table).item(large("a")))));

            assertThrows(ProvisionedThroughputExceededException.class, () -> dynamo.transactWriteItems(b -> b
                    .transactItems(t -> t.put(p -> p.tableName(table).item(Map.of("pk", s("b")))))));
        }
    }

    @Test
    void batchWriteReturnsWhatItCouldNotWriteAsUnprocessedItems(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodbWithoutRetries(endpoint)) {
            String table = createTable(dynamo, 1, 1, false);
            List<WriteRequest> writes = List.of(put(large("a")), put(Map.of("pk", s("b"))), put(Map.of("pk", s("c"))));

            BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, writes)));

            assertEquals(writes.subList(1, 3), response.unprocessedItems().get(table));
            assertThrows(ProvisionedThroughputExceededException.class,
                    () -> dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, writes.subList(1, 3)))));
        }
    }

    @Test
    void batchGetReturnsWhatItCouldNotReadAsUnprocessedKeys(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodbWithoutRetries(endpoint)) {
            String table = createTable(dynamo, 1, 10_000, false);
            List<Map<String, AttributeValue>> keys = IntStream.range(0, 6).mapToObj(i -> Map.of("pk", s("k" + i))).toList();
            keys.forEach(key -> dynamo.putItem(b -> b.tableName(table).item(large(key.get("pk").s()))));

            BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(Map.of(table,
                    KeysAndAttributes.builder().keys(keys).consistentRead(true).build())));

            int read = response.responses().get(table).size();
            assertEquals(4, read);
            assertEquals(keys.subList(read, keys.size()), response.unprocessedKeys().get(table).keys());
            assertTrue(response.unprocessedKeys().get(table).consistentRead());
        }
    }

    /** As AWS documents it: a global index short of write capacity throttles the writes of its table. */
    @Test
    void aGlobalIndexOutOfWriteCapacityThrottlesTableWrites(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodbWithoutRetries(endpoint)) {
            String table = createTable(dynamo, 1000, 1000, true);
            dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("a"), "gk", s("g"), "data", LARGE)));

            ProvisionedThroughputExceededException e = assertThrows(ProvisionedThroughputExceededException.class,
                    () -> dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("b"), "gk", s("g")))));
            assertTrue(e.awsErrorDetails().errorMessage().contains("global secondary indexes"));
        }
    }

    @Test
    void indexesModeReportsTheCapacityOfEachIndex(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodbWithoutRetries(endpoint)) {
            String table = createTable(dynamo, 1000, 1000, true);
            ConsumedCapacity write = dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("a"), "gk", s("g")))
                    .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
            ConsumedCapacity read = dynamo.query(b -> b.tableName(table).indexName("byGk").keyConditionExpression("gk = :g")
                    .expressionAttributeValues(Map.of(":g", s("g"))).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES))
                    .consumedCapacity();

            assertEquals(2.0, write.capacityUnits());
            assertEquals(1.0, write.table().capacityUnits());
            assertEquals(1.0, write.globalSecondaryIndexes().get("byGk").writeCapacityUnits());
            assertEquals(0.5, read.capacityUnits());
            assertEquals(0.5, read.globalSecondaryIndexes().get("byGk").readCapacityUnits());
        }
    }

    @Test
    void payPerRequestTablesAreNeverThrottled(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodbWithoutRetries(endpoint)) {
            String table = DynamoDbFixtures.uniqueName("on-demand");
            dynamo.createTable(b -> b.tableName(table)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            for (int i = 0; i < 3; i++) {
                String pk = "big" + i;
                dynamo.putItem(b -> b.tableName(table).item(large(pk)));
            }
            assertFalse(dynamo.scan(b -> b.tableName(table)).items().isEmpty());
        }
    }
}
