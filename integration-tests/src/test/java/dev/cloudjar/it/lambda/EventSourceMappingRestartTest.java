package dev.cloudjar.it.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;
import dev.cloudjar.it.fixtures.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.it.lambda.EventSourceHandlers.await;
import static dev.cloudjar.it.lambda.EventSourceHandlers.awaitRecords;
import static dev.cloudjar.it.lambda.EventSourceHandlers.createNodeFunction;
import static dev.cloudjar.it.lambda.EventSourceHandlers.queueArn;
import static dev.cloudjar.it.lambda.EventSourceHandlers.records;
import static dev.cloudjar.it.lambda.EventSourceHandlers.recordsFile;
import static dev.cloudjar.it.lambda.EventSourceHandlers.streamTable;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Event source mappings are state: with --data-dir they poll again after a restart, a stream from where it stopped. */
class EventSourceMappingRestartTest {

    @Test
    void mappingsKeepPollingAfterARestartAndAStreamResumesWhereItStopped(@TempDir Path dataDir) {
        CloudjarConfig config = CloudjarConfig.builder().port(0).dataDir(dataDir).build();
        Path queueRecords = recordsFile();
        Path streamRecords = recordsFile();
        String queueUuid;
        try (CloudjarServer first = CloudjarServer.start(config)) {
            URI endpoint = URI.create(first.endpoint());
            try (LambdaClient lambda = Clients.lambda(endpoint); SqsClient sqs = Clients.sqs(endpoint);
                 DynamoDbClient dynamodb = Clients.dynamodb(endpoint)) {
                String queueArn = queueArn(sqs, sqs.createQueue(b -> b.queueName("restart-queue")).queueUrl());
                createNodeFunction(lambda, "restart-queue-fn", queueRecords, "throw");
                queueUuid = lambda.createEventSourceMapping(b -> b.eventSourceArn(queueArn).functionName("restart-queue-fn")).uuid();

                String streamArn = streamTable(dynamodb, "restart-table", StreamViewType.KEYS_ONLY);
                createNodeFunction(lambda, "restart-stream-fn", streamRecords, "throw");
                String streamUuid = lambda.createEventSourceMapping(b -> b.eventSourceArn(streamArn)
                        .functionName("restart-stream-fn").startingPosition(EventSourcePosition.TRIM_HORIZON)).uuid();
                dynamodb.putItem(b -> b.tableName("restart-table").item(Map.of("id", AttributeValue.fromS("before"))));
                // The position is saved once the function has answered, a moment after it wrote the record.
                await(() -> "OK".equals(lambda.getEventSourceMapping(b -> b.uuid(streamUuid)).lastProcessingResult()),
                        "the first batch was not processed");
            }
        }
        try (CloudjarServer second = CloudjarServer.start(config)) {
            URI endpoint = URI.create(second.endpoint());
            try (LambdaClient lambda = Clients.lambda(endpoint); SqsClient sqs = Clients.sqs(endpoint);
                 DynamoDbClient dynamodb = Clients.dynamodb(endpoint)) {
                assertEquals("arn:aws:lambda:us-east-1:000000000000:function:restart-queue-fn",
                        lambda.getEventSourceMapping(b -> b.uuid(queueUuid)).functionArn());
                String url = sqs.getQueueUrl(b -> b.queueName("restart-queue")).queueUrl();
                sqs.sendMessage(b -> b.queueUrl(url).messageBody("after restart"));
                assertEquals("after restart", awaitRecords(queueRecords, 1).get(0).get("body").asText());

                dynamodb.putItem(b -> b.tableName("restart-table").item(Map.of("id", AttributeValue.fromS("after"))));
                awaitRecords(streamRecords, 2);
                List<String> ids = records(streamRecords).stream().map(EventSourceMappingRestartTest::id).toList();
                assertEquals(List.of("before", "after"), ids);
            }
        }
    }

    private static String id(JsonNode record) {
        return record.at("/dynamodb/Keys/id/S").asText();
    }
}
