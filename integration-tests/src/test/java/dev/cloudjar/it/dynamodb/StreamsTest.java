package dev.cloudjar.it.dynamodb;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.s;
import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.uniqueName;
import static dev.cloudjar.it.fixtures.Clients.dynamodb;
import static dev.cloudjar.it.fixtures.Clients.dynamodbStreams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Cloudjar
class StreamsTest {
    private static final Map<String, AttributeValue> KEY = Map.of("pk", s("a"));

    private static TableDescription createStreamTable(DynamoDbClient dynamo, StreamViewType viewType) {
        String name = uniqueName("streams");
        return dynamo.createTable(b -> b.tableName(name)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(viewType))).tableDescription();
    }

    /** Writes an insert, a modify and a remove of one item. */
    private static void insertModifyRemove(DynamoDbClient dynamo, String table) {
        dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("a"), "v", s("1"))));
        dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("a"), "v", s("2"))));
        dynamo.deleteItem(b -> b.tableName(table).key(KEY));
    }

    private static String shardId(DynamoDbStreamsClient streams, String streamArn) {
        return streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards().get(0).shardId();
    }

    private static List<Record> readFrom(DynamoDbStreamsClient streams, String streamArn, ShardIteratorType type,
                                         String sequenceNumber) {
        String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId(streams, streamArn))
                .shardIteratorType(type).sequenceNumber(sequenceNumber)).shardIterator();
        return streams.getRecords(b -> b.shardIterator(iterator)).records();
    }

    @Test
    void newAndOldImagesStreamRecordsInsertModifyRemoveInOrder(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint); DynamoDbStreamsClient streams = dynamodbStreams(endpoint)) {
            TableDescription table = createStreamTable(dynamo, StreamViewType.NEW_AND_OLD_IMAGES);
            insertModifyRemove(dynamo, table.tableName());

            List<Record> records = readFrom(streams, table.latestStreamArn(), ShardIteratorType.TRIM_HORIZON, null);

            assertEquals(List.of(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE),
                    records.stream().map(Record::eventName).toList());
            Record modify = records.get(1);
            assertEquals(KEY, modify.dynamodb().keys());
            assertEquals("1", modify.dynamodb().oldImage().get("v").s());
            assertEquals("2", modify.dynamodb().newImage().get("v").s());
            assertTrue(modify.dynamodb().sizeBytes() > 0);
            assertNotNull(modify.dynamodb().approximateCreationDateTime());
            assertEquals("aws:dynamodb", modify.eventSource());
            assertTrue(records.get(2).dynamodb().newImage().isEmpty());
            assertTrue(records.get(0).dynamodb().sequenceNumber().compareTo(records.get(1).dynamodb().sequenceNumber()) < 0);
        }
    }

    @Test
    void keysOnlyStreamCarriesNoImages(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint); DynamoDbStreamsClient streams = dynamodbStreams(endpoint)) {
            TableDescription table = createStreamTable(dynamo, StreamViewType.KEYS_ONLY);
            insertModifyRemove(dynamo, table.tableName());

            List<Record> records = readFrom(streams, table.latestStreamArn(), ShardIteratorType.TRIM_HORIZON, null);

            assertEquals(3, records.size());
            records.forEach(r -> {
                assertEquals(KEY, r.dynamodb().keys());
                assertTrue(r.dynamodb().newImage().isEmpty() && r.dynamodb().oldImage().isEmpty());
            });
        }
    }

    @Test
    void newImageAndOldImageStreamsCarryOnlyTheirImage(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint); DynamoDbStreamsClient streams = dynamodbStreams(endpoint)) {
            TableDescription newOnly = createStreamTable(dynamo, StreamViewType.NEW_IMAGE);
            TableDescription oldOnly = createStreamTable(dynamo, StreamViewType.OLD_IMAGE);
            insertModifyRemove(dynamo, newOnly.tableName());
            insertModifyRemove(dynamo, oldOnly.tableName());

            Record newModify = readFrom(streams, newOnly.latestStreamArn(), ShardIteratorType.TRIM_HORIZON, null).get(1);
            Record oldModify = readFrom(streams, oldOnly.latestStreamArn(), ShardIteratorType.TRIM_HORIZON, null).get(1);

            assertEquals("2", newModify.dynamodb().newImage().get("v").s());
            assertTrue(newModify.dynamodb().oldImage().isEmpty());
            assertEquals("1", oldModify.dynamodb().oldImage().get("v").s());
            assertTrue(oldModify.dynamodb().newImage().isEmpty());
        }
    }

    @Test
    void sequenceNumberIteratorsStartAtOrAfterTheRecordAndLatestSeesOnlyNewRecords(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint); DynamoDbStreamsClient streams = dynamodbStreams(endpoint)) {
            TableDescription table = createStreamTable(dynamo, StreamViewType.KEYS_ONLY);
            String arn = table.latestStreamArn();
            insertModifyRemove(dynamo, table.tableName());
            String second = readFrom(streams, arn, ShardIteratorType.TRIM_HORIZON, null).get(1).dynamodb().sequenceNumber();

            assertEquals(2, readFrom(streams, arn, ShardIteratorType.AT_SEQUENCE_NUMBER, second).size());
            assertEquals(1, readFrom(streams, arn, ShardIteratorType.AFTER_SEQUENCE_NUMBER, second).size());

            String latest = streams.getShardIterator(b -> b.streamArn(arn).shardId(shardId(streams, arn))
                    .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
            dynamo.putItem(b -> b.tableName(table.tableName()).item(Map.of("pk", s("b"))));
            var page = streams.getRecords(b -> b.shardIterator(latest));
            assertEquals(List.of(Map.of("pk", s("b"))), page.records().stream().map(r -> r.dynamodb().keys()).toList());
            assertTrue(streams.getRecords(b -> b.shardIterator(page.nextShardIterator())).records().isEmpty());
        }
    }

    @Test
    void describeTableAndStreamsApiListTheLatestStream(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint); DynamoDbStreamsClient streams = dynamodbStreams(endpoint)) {
            TableDescription created = createStreamTable(dynamo, StreamViewType.NEW_IMAGE);
            TableDescription described = dynamo.describeTable(b -> b.tableName(created.tableName())).table();

            assertEquals(created.latestStreamArn(), described.latestStreamArn());
            assertTrue(described.latestStreamArn().endsWith("/stream/" + described.latestStreamLabel()));
            var listed = streams.listStreams(b -> b.tableName(created.tableName())).streams();
            assertEquals(List.of(created.latestStreamArn()), listed.stream().map(s -> s.streamArn()).toList());
            var description = streams.describeStream(b -> b.streamArn(created.latestStreamArn())).streamDescription();
            assertEquals(StreamStatus.ENABLED, description.streamStatus());
            assertEquals(StreamViewType.NEW_IMAGE, description.streamViewType());
            assertEquals(created.tableName(), description.tableName());
        }
    }

    @Test
    void disablingTheStreamClosesItsShard(URI endpoint) {
        try (DynamoDbClient dynamo = dynamodb(endpoint); DynamoDbStreamsClient streams = dynamodbStreams(endpoint)) {
            TableDescription table = createStreamTable(dynamo, StreamViewType.KEYS_ONLY);
            dynamo.putItem(b -> b.tableName(table.tableName()).item(KEY));
            dynamo.updateTable(b -> b.tableName(table.tableName()).streamSpecification(s -> s.streamEnabled(false)));

            var description = streams.describeStream(b -> b.streamArn(table.latestStreamArn())).streamDescription();
            assertEquals(StreamStatus.DISABLED, description.streamStatus());
            assertNotNull(description.shards().get(0).sequenceNumberRange().endingSequenceNumber());
            String iterator = streams.getShardIterator(b -> b.streamArn(table.latestStreamArn())
                    .shardId(description.shards().get(0).shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            var page = streams.getRecords(b -> b.shardIterator(iterator));
            assertEquals(1, page.records().size());
            assertNull(page.nextShardIterator());
        }
    }

    @Test
    void unknownStreamIsResourceNotFound(URI endpoint) {
        try (DynamoDbStreamsClient streams = dynamodbStreams(endpoint)) {
            ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class, () -> streams.describeStream(b -> b.streamArn(
                    "arn:aws:dynamodb:us-east-1:000000000000:table/none/stream/2024-01-01T00:00:00.000")));
            assertEquals("ResourceNotFoundException", e.awsErrorDetails().errorCode());
        }
    }
}
