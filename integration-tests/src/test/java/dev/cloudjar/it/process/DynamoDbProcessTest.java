package dev.cloudjar.it.process;

import dev.cloudjar.it.fixtures.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DynamoDB with --data-dir in its own process: every acknowledged write survives a restart and a kill -9. */
class DynamoDbProcessTest {
    private static final int ITEMS = 200;

    private static void createTable(DynamoDbClient dynamo) {
        dynamo.createTable(b -> b.tableName("durable")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.N).build(),
                        AttributeDefinition.builder().attributeName("colour").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byColour")
                        .keySchema(KeySchemaElement.builder().attributeName("colour").keyType(KeyType.HASH).build())
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build())
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE))
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    private static void writeItems(DynamoDbClient dynamo) {
        for (int i = 0; i < ITEMS; i++) {
            String sk = Integer.toString(i);
            dynamo.putItem(b -> b.tableName("durable").item(Map.of("pk", AttributeValue.fromS("p"),
                    "sk", AttributeValue.fromN(sk), "colour", AttributeValue.fromS(Integer.parseInt(sk) % 2 == 0 ? "red" : "blue"))));
        }
        dynamo.updateItem(b -> b.tableName("durable").key(Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromN("0")))
                .updateExpression("SET visits = :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
    }

    private static void assertEverythingThere(DynamoDbClient dynamo, DynamoDbStreamsClient streams) {
        assertEquals(ITEMS, dynamo.scan(b -> b.tableName("durable")).count());
        assertEquals(ITEMS / 2, dynamo.query(b -> b.tableName("durable").indexName("byColour")
                .keyConditionExpression("colour = :c").expressionAttributeValues(Map.of(":c", AttributeValue.fromS("red")))).count());
        assertEquals("1", dynamo.getItem(b -> b.tableName("durable").consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromN("0")))).item().get("visits").n());
        String streamArn = dynamo.describeTable(b -> b.tableName("durable")).table().latestStreamArn();
        String shard = streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards().get(0).shardId();
        String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        assertEquals(ITEMS + 1, streams.getRecords(b -> b.shardIterator(iterator)).records().size());
    }

    @Test
    void tablesItemsIndexesAndStreamsSurviveARestart(@TempDir Path data) throws Exception {
        int port = ServerJarTest.freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        try (ServerJarTest.Started server = S3ProcessTest.server(port, "--data-dir", data.toString());
             DynamoDbClient dynamo = Clients.dynamodb(endpoint)) {
            createTable(dynamo);
            writeItems(dynamo);
        }
        try (ServerJarTest.Started server = S3ProcessTest.server(port, "--data-dir", data.toString());
             DynamoDbClient dynamo = Clients.dynamodb(endpoint); DynamoDbStreamsClient streams = Clients.dynamodbStreams(endpoint)) {
            assertEverythingThere(dynamo, streams);
        }
    }

    @Test
    void acknowledgedWritesSurviveAKill(@TempDir Path data) throws Exception {
        int port = ServerJarTest.freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        try (ServerJarTest.Started server = S3ProcessTest.server(port, "--data-dir", data.toString());
             DynamoDbClient dynamo = Clients.dynamodb(endpoint)) {
            createTable(dynamo);
            writeItems(dynamo);
            server.process().destroyForcibly();
            server.process().waitFor();
        }
        try (ServerJarTest.Started server = S3ProcessTest.server(port, "--data-dir", data.toString());
             DynamoDbClient dynamo = Clients.dynamodb(endpoint); DynamoDbStreamsClient streams = Clients.dynamodbStreams(endpoint)) {
            assertEverythingThere(dynamo, streams);
            dynamo.putItem(b -> b.tableName("durable").item(Map.of("pk", AttributeValue.fromS("after"),
                    "sk", AttributeValue.fromN("1"))));
            assertTrue(dynamo.getItem(b -> b.tableName("durable").consistentRead(true)
                    .key(Map.of("pk", AttributeValue.fromS("after"), "sk", AttributeValue.fromN("1")))).hasItem());
        }
    }
}
