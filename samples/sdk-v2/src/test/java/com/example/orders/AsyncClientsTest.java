package com.example.orders;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SDK's async clients run on its own Netty 4.1 while Cloudjar's server runs in the same JVM. */
@Cloudjar
class AsyncClientsTest {
    @Test
    void theProjectsNettyIsTheSdks41AndCloudjarDoesNotNeedIt() {
        String version = io.netty.util.Version.identify().get("netty-common").artifactVersion();
        assertTrue(version.startsWith("4.1."), "the AWS SDK brings Netty 4.1, got " + version);
        // The class whose absence broke the extension before it carried its own relocated Netty.
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.netty.channel.MultiThreadIoEventLoopGroup"));
    }

    @Test
    void asyncClientsOverTheSdksNettyTalkToS3AndDynamoDb(URI endpoint) throws Exception {
        try (S3AsyncClient s3 = S3AsyncClient.builder().endpointOverride(endpoint).forcePathStyle(true)
                .region(Region.US_EAST_1).credentialsProvider(OrderServiceTest.CREDENTIALS).build();
             DynamoDbAsyncClient dynamo = DynamoDbAsyncClient.builder().endpointOverride(endpoint)
                     .region(Region.US_EAST_1).credentialsProvider(OrderServiceTest.CREDENTIALS).build()) {
            s3.createBucket(b -> b.bucket("async-orders")).get();
            s3.putObject(b -> b.bucket("async-orders").key("k"), AsyncRequestBody.fromString("via netty")).get();
            assertEquals("via netty", s3.getObject(b -> b.bucket("async-orders").key("k"),
                    AsyncResponseTransformer.toBytes()).get().asUtf8String());

            dynamo.createTable(b -> b.tableName("AsyncOrders")
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                    .billingMode("PAY_PER_REQUEST")).get();
            assertEquals("AsyncOrders", dynamo.describeTable(b -> b.tableName("AsyncOrders")).get().table().tableName());
        }
    }
}
