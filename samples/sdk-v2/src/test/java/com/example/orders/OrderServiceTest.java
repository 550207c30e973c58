package com.example.orders;

import dev.cloudjar.core.server.CloudjarServer;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The test class of the JUnit issue's report, exactly as the README shows @Cloudjar. */
@Cloudjar
class OrderServiceTest {
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    @Test
    void storesOrders(URI endpoint, CloudjarServer cloud) {
        S3Client s3 = S3Client.builder().endpointOverride(endpoint).forcePathStyle(true)
                .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).build();
        s3.createBucket(b -> b.bucket("orders"));
        s3.putObject(b -> b.bucket("orders").key("o-1.json"), RequestBody.fromString("{\"total\":42}"));
        assertEquals("{\"total\":42}", s3.getObjectAsBytes(b -> b.bucket("orders").key("o-1.json")).asUtf8String());

        DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(endpoint)
                .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).build();
        dynamo.createTable(b -> b.tableName("Orders")
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .billingMode("PAY_PER_REQUEST"));
        dynamo.putItem(b -> b.tableName("Orders").item(Map.of(
                "id", AttributeValue.fromS("o-1"), "total", AttributeValue.fromN("42"))));
        assertEquals("42", dynamo.getItem(b -> b.tableName("Orders").key(Map.of("id", AttributeValue.fromS("o-1"))))
                .item().get("total").n());

        cloud.reset();
        assertEquals(0, s3.listBuckets().buckets().size());
    }
}
