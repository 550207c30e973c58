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
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.n;
import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.s;
import static dev.cloudjar.it.dynamodb.DynamoDbFixtures.uniqueName;
import static dev.cloudjar.it.fixtures.Clients.dynamodb;
import static dev.cloudjar.it.fixtures.Clients.dynamodbStreams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Cloudjar(options = "dynamodb-ttl-interval-seconds=1")
class TimeToLiveTest {

    @Test
    void sweeperDeletesExpiredItemsAsServiceDeletionsInTheStream(URI endpoint) throws InterruptedException {
        try (DynamoDbClient dynamo = dynamodb(endpoint); DynamoDbStreamsClient streams = dynamodbStreams(endpoint)) {
            String name = uniqueName("ttl");
            TableDescription table = dynamo.createTable(b -> b.tableName(name)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.OLD_IMAGE))).tableDescription();
            dynamo.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(t -> t.enabled(true).attributeName("expires")));
            String past = Long.toString(Instant.now().getEpochSecond() - 60);
            String future = Long.toString(Instant.now().getEpochSecond() + 3600);
            dynamo.putItem(b -> b.tableName(name).item(Map.of("pk", s("expired"), "expires", n(past))));
            dynamo.putItem(b -> b.tableName(name).item(Map.of("pk", s("alive"), "expires", n(future))));
            dynamo.putItem(b -> b.tableName(name).item(Map.of("pk", s("not-a-number"), "expires", s(past))));

            // The sweeper runs every second; the deadline only keeps a broken sweeper from hanging the build.
            Instant deadline = Instant.now().plusSeconds(30);
            while (dynamo.getItem(b -> b.tableName(name).key(Map.of("pk", s("expired"))).consistentRead(true)).hasItem()
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }

            List<String> left = dynamo.scan(b -> b.tableName(name).consistentRead(true)).items().stream()
                    .map(i -> i.get("pk").s()).sorted().toList();
            assertEquals(List.of("alive", "not-a-number"), left);
            Record removal = removals(streams, table.latestStreamArn()).get(0);
            assertEquals("Service", removal.userIdentity().type());
            assertEquals("dynamodb.amazonaws.com", removal.userIdentity().principalId());
            assertEquals(Map.of("pk", s("expired"), "expires", n(past)), removal.dynamodb().oldImage());
        }
    }

    private static List<Record> removals(DynamoDbStreamsClient streams, String streamArn) {
        String shard = streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards().get(0).shardId();
        String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Record> removals = streams.getRecords(b -> b.shardIterator(iterator)).records().stream()
                .filter(r -> r.eventName() == OperationType.REMOVE).toList();
        assertTrue(!removals.isEmpty());
        return removals;
    }
}
