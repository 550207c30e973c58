package dev.cloudjar.it.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.it.lambda.EventSourceHandlers.await;
import static dev.cloudjar.it.lambda.EventSourceHandlers.awaitRecords;
import static dev.cloudjar.it.lambda.EventSourceHandlers.createNodeFunction;
import static dev.cloudjar.it.lambda.EventSourceHandlers.createPythonFunction;
import static dev.cloudjar.it.lambda.EventSourceHandlers.queueArn;
import static dev.cloudjar.it.lambda.EventSourceHandlers.receiveJson;
import static dev.cloudjar.it.lambda.EventSourceHandlers.records;
import static dev.cloudjar.it.lambda.EventSourceHandlers.recordsFile;
import static dev.cloudjar.it.lambda.EventSourceHandlers.streamTable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DynamoDB stream event source mappings: records in order per shard, retries, OnFailure destinations. */
@Cloudjar
class DynamoDbStreamEventSourceTest {
    private static void put(DynamoDbClient dynamodb, String table, String id, String state) {
        dynamodb.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS(id), "state", AttributeValue.fromS(state),
                "count", AttributeValue.fromN("3"))));
    }

    @Test
    void aPutItemReachesTheStreamMappedFunctionWithItsNewImage(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint); DynamoDbClient dynamodb = Clients.dynamodb(endpoint)) {
            String streamArn = streamTable(dynamodb, "esm-stream-items", StreamViewType.NEW_AND_OLD_IMAGES);
            Path records = recordsFile();
            createPythonFunction(lambda, "esm-stream-fn", records);
            String uuid = lambda.createEventSourceMapping(b -> b.eventSourceArn(streamArn).functionName("esm-stream-fn")
                    .startingPosition(EventSourcePosition.TRIM_HORIZON)).uuid();

            put(dynamodb, "esm-stream-items", "a", "new");
            put(dynamodb, "esm-stream-items", "a", "shipped");

            List<JsonNode> seen = awaitRecords(records, 2);
            JsonNode insert = seen.get(0);
            assertEquals("INSERT", insert.get("eventName").asText());
            assertEquals("1.1", insert.get("eventVersion").asText());
            assertEquals("aws:dynamodb", insert.get("eventSource").asText());
            assertEquals("us-east-1", insert.get("awsRegion").asText());
            assertEquals(streamArn, insert.get("eventSourceARN").asText());
            assertTrue(insert.get("eventID").asText().length() > 0);
            assertEquals("a", insert.at("/dynamodb/Keys/id/S").asText());
            assertEquals("new", insert.at("/dynamodb/NewImage/state/S").asText());
            assertEquals("3", insert.at("/dynamodb/NewImage/count/N").asText());
            assertTrue(insert.at("/dynamodb/ApproximateCreationDateTime").isNumber());
            assertEquals("NEW_AND_OLD_IMAGES", insert.at("/dynamodb/StreamViewType").asText());
            assertTrue(insert.at("/dynamodb/SizeBytes").asInt() > 0);
            JsonNode modify = seen.get(1);
            assertEquals("MODIFY", modify.get("eventName").asText());
            assertEquals("new", modify.at("/dynamodb/OldImage/state/S").asText());
            assertEquals("shipped", modify.at("/dynamodb/NewImage/state/S").asText());
            assertTrue(modify.at("/dynamodb/SequenceNumber").asText().compareTo(insert.at("/dynamodb/SequenceNumber").asText()) > 0);
            await(() -> "OK".equals(lambda.getEventSourceMapping(b -> b.uuid(uuid)).lastProcessingResult()),
                    "LastProcessingResult never became OK");
        }
    }

    @Test
    void aBatchThatKeepsFailingIsRetriedThenSentToOnFailureAndReadingMovesOn(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint); DynamoDbClient dynamodb = Clients.dynamodb(endpoint);
             SqsClient sqs = Clients.sqs(endpoint)) {
            String streamArn = streamTable(dynamodb, "esm-stream-failing", StreamViewType.NEW_AND_OLD_IMAGES);
            String onFailure = sqs.createQueue(b -> b.queueName("esm-stream-on-failure")).queueUrl();
            Path records = recordsFile();
            createNodeFunction(lambda, "esm-stream-failing-fn", records, "throw");
            put(dynamodb, "esm-stream-failing", "bad", "fail");
            CreateEventSourceMappingResponse created = lambda.createEventSourceMapping(b -> b
                    .eventSourceArn(streamArn).functionName("esm-stream-failing-fn").batchSize(1)
                    .startingPosition(EventSourcePosition.TRIM_HORIZON).maximumRetryAttempts(1)
                    .destinationConfig(d -> d.onFailure(f -> f.destination(queueArn(sqs, onFailure)))));
            assertEquals(1, created.maximumRetryAttempts());

            JsonNode failure = receiveJson(sqs, onFailure);
            assertEquals("RetryAttemptsExhausted", failure.at("/requestContext/condition").asText());
            assertEquals(2, failure.at("/requestContext/approximateInvokeCount").asInt());
            assertEquals("Unhandled", failure.at("/responseContext/functionError").asText());
            assertEquals(streamArn, failure.at("/DDBStreamBatchInfo/streamArn").asText());
            assertEquals(1, failure.at("/DDBStreamBatchInfo/batchSize").asInt());
            assertTrue(failure.at("/DDBStreamBatchInfo/shardId").asText().startsWith("shardId-"));
            assertEquals(2, records(records).size());

            put(dynamodb, "esm-stream-failing", "good", "ok");
            JsonNode next = awaitRecords(records, 3).get(2);
            assertEquals("good", next.at("/dynamodb/Keys/id/S").asText());
        }
    }

    @Test
    void withReportBatchItemFailuresTheRetryStartsAtTheFirstFailedRecord(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint); DynamoDbClient dynamodb = Clients.dynamodb(endpoint);
             SqsClient sqs = Clients.sqs(endpoint)) {
            String streamArn = streamTable(dynamodb, "esm-stream-partial", StreamViewType.NEW_AND_OLD_IMAGES);
            String onFailure = sqs.createQueue(b -> b.queueName("esm-stream-partial-failures")).queueUrl();
            Path records = recordsFile();
            createNodeFunction(lambda, "esm-stream-partial-fn", records, "report");
            put(dynamodb, "esm-stream-partial", "a", "ok");
            put(dynamodb, "esm-stream-partial", "b", "fail");
            put(dynamodb, "esm-stream-partial", "c", "ok");
            lambda.createEventSourceMapping(b -> b.eventSourceArn(streamArn).functionName("esm-stream-partial-fn")
                    .startingPosition(EventSourcePosition.TRIM_HORIZON).maximumRetryAttempts(1)
                    .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)
                    .destinationConfig(d -> d.onFailure(f -> f.destination(queueArn(sqs, onFailure)))));

            assertEquals(2, receiveJson(sqs, onFailure).at("/DDBStreamBatchInfo/batchSize").asInt());
            assertEquals(List.of("a", "b", "c", "b", "c"),
                    records(records).stream().map(r -> r.at("/dynamodb/Keys/id/S").asText()).toList());
        }
    }
}
