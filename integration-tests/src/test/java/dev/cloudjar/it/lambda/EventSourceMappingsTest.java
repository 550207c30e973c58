package dev.cloudjar.it.lambda;

import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.fixtures.Processes;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.DeleteEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateEventSourceMappingResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.it.lambda.EventSourceHandlers.await;
import static dev.cloudjar.it.lambda.EventSourceHandlers.createNodeFunction;
import static dev.cloudjar.it.lambda.EventSourceHandlers.queueArn;
import static dev.cloudjar.it.lambda.EventSourceHandlers.recordsFile;
import static dev.cloudjar.it.lambda.EventSourceHandlers.streamTable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Create/Get/List/Update/DeleteEventSourceMapping: shapes, defaults, state changes and Lambda's errors. */
@Cloudjar
class EventSourceMappingsTest {
    private static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:000000000000:function:";

    private static String queue(SqsClient sqs, String name) {
        return queueArn(sqs, sqs.createQueue(b -> b.queueName(name)).queueUrl());
    }

    private static <T extends LambdaException> T fails(Class<T> type, String code, String message, Runnable call) {
        T e = assertThrows(type, call::run);
        assertEquals(code, e.awsErrorDetails().errorCode());
        assertEquals(message, e.awsErrorDetails().errorMessage());
        return e;
    }

    @Test
    void anSqsMappingIsCreatedWithLambdasDefaultsThenEnabledListedUpdatedAndDeleted(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String queueArn = queue(sqs, "crud-queue");
            Path records = recordsFile();
            createNodeFunction(lambda, "crud-fn", records, "throw");

            CreateEventSourceMappingResponse created = lambda.createEventSourceMapping(b -> b.eventSourceArn(queueArn)
                    .functionName("crud-fn"));
            String uuid = created.uuid();
            assertEquals(36, uuid.length());
            assertEquals("Creating", created.state());
            assertEquals(queueArn, created.eventSourceArn());
            assertEquals(FUNCTION_ARN + "crud-fn", created.functionArn());
            assertEquals(10, created.batchSize());
            assertEquals(0, created.maximumBatchingWindowInSeconds());
            assertEquals("USER_INITIATED", created.stateTransitionReason());
            assertNotNull(created.lastModified());
            assertNull(created.startingPosition());
            assertEquals("arn:aws:lambda:us-east-1:000000000000:event-source-mapping:" + uuid, created.eventSourceMappingArn());

            await(() -> "Enabled".equals(lambda.getEventSourceMapping(b -> b.uuid(uuid)).state()), "never Enabled");
            assertEquals(List.of(uuid), lambda.listEventSourceMappings(b -> b.functionName("crud-fn")).eventSourceMappings()
                    .stream().map(EventSourceMappingConfiguration::uuid).toList());
            assertEquals(List.of(uuid), lambda.listEventSourceMappings(b -> b.eventSourceArn(queueArn)).eventSourceMappings()
                    .stream().map(EventSourceMappingConfiguration::uuid).toList());
            assertTrue(lambda.listEventSourceMappings(b -> b.functionName("other-fn")).eventSourceMappings().isEmpty());

            UpdateEventSourceMappingResponse updated = lambda.updateEventSourceMapping(b -> b.uuid(uuid).batchSize(100)
                    .maximumBatchingWindowInSeconds(5).enabled(false)
                    .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES));
            assertEquals("Disabling", updated.state());
            assertEquals(100, updated.batchSize());
            assertEquals(5, updated.maximumBatchingWindowInSeconds());
            assertEquals(List.of(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES), updated.functionResponseTypes());
            assertEquals("Disabled", lambda.getEventSourceMapping(b -> b.uuid(uuid)).state());

            DeleteEventSourceMappingResponse deleted = lambda.deleteEventSourceMapping(b -> b.uuid(uuid));
            assertEquals("Deleting", deleted.state());
            assertEquals(uuid, deleted.uuid());
            fails(ResourceNotFoundException.class, "ResourceNotFoundException", "The resource you requested does not exist.",
                    () -> lambda.getEventSourceMapping(b -> b.uuid(uuid)));
        }
    }

    @Test
    void aStreamMappingNeedsAStartingPositionAndTakesTheStreamSettings(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint); DynamoDbClient dynamodb = Clients.dynamodb(endpoint);
             SqsClient sqs = Clients.sqs(endpoint)) {
            String streamArn = streamTable(dynamodb, "crud-stream-table", StreamViewType.NEW_IMAGE);
            String dlq = queue(sqs, "crud-stream-failures");
            createNodeFunction(lambda, "crud-stream-fn", recordsFile(), "throw");

            fails(InvalidParameterValueException.class, "InvalidParameterValueException",
                    "1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: "
                            + "Member must not be null.",
                    () -> lambda.createEventSourceMapping(b -> b.eventSourceArn(streamArn).functionName("crud-stream-fn")));

            CreateEventSourceMappingResponse created = lambda.createEventSourceMapping(b -> b.eventSourceArn(streamArn)
                    .functionName("crud-stream-fn:$LATEST").startingPosition(EventSourcePosition.LATEST)
                    .maximumRetryAttempts(3).bisectBatchOnFunctionError(true)
                    .destinationConfig(d -> d.onFailure(f -> f.destination(dlq))));
            assertEquals(100, created.batchSize());
            assertEquals(EventSourcePosition.LATEST, created.startingPosition());
            assertEquals(FUNCTION_ARN + "crud-stream-fn:$LATEST", created.functionArn());
            assertEquals(3, created.maximumRetryAttempts());
            assertTrue(created.bisectBatchOnFunctionError());
            assertEquals(dlq, created.destinationConfig().onFailure().destination());
            assertEquals(1, created.parallelizationFactor());
            assertEquals(-1, created.maximumRecordAgeInSeconds());
            assertEquals("No records processed", created.lastProcessingResult());
        }
    }

    @Test
    void aSecondMappingOfTheSameQueueAndFunctionConflicts(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String queueArn = queue(sqs, "dup-queue");
            createNodeFunction(lambda, "dup-fn", recordsFile(), "throw");
            String uuid = lambda.createEventSourceMapping(b -> b.eventSourceArn(queueArn).functionName("dup-fn")).uuid();

            fails(ResourceConflictException.class, "ResourceConflictException",
                    "An event source mapping with SQS arn (\" " + queueArn + " \") and function (\" dup-fn \") already exists. "
                            + "Please update or delete the existing mapping with UUID " + uuid,
                    () -> lambda.createEventSourceMapping(b -> b.eventSourceArn(queueArn).functionName(FUNCTION_ARN + "dup-fn")));
        }
    }

    @Test
    void unknownFunctionsMappingsAndSourcesAreRejectedAsLambdaRejectsThem(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String queueArn = queue(sqs, "errors-queue");
            createNodeFunction(lambda, "errors-fn", recordsFile(), "throw");

            fails(ResourceNotFoundException.class, "ResourceNotFoundException", "Function does not exist",
                    () -> lambda.createEventSourceMapping(b -> b.eventSourceArn(queueArn).functionName("no-such-fn")));
            fails(ResourceNotFoundException.class, "ResourceNotFoundException", "The resource you requested does not exist.",
                    () -> lambda.updateEventSourceMapping(b -> b.uuid("00000000-0000-0000-0000-000000000000").batchSize(5)));
            fails(ResourceNotFoundException.class, "ResourceNotFoundException", "The resource you requested does not exist.",
                    () -> lambda.deleteEventSourceMapping(b -> b.uuid("00000000-0000-0000-0000-000000000000")));
            fails(InvalidParameterValueException.class, "InvalidParameterValueException",
                    "Unrecognized event source, must be kinesis, dynamodb stream or sqs. Unsupported source arn : "
                            + "arn:aws:s3:::some-bucket",
                    () -> lambda.createEventSourceMapping(b -> b.eventSourceArn("arn:aws:s3:::some-bucket").functionName("errors-fn")));
            fails(InvalidParameterValueException.class, "InvalidParameterValueException",
                    "Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. "
                            + "SQS Error Message: The specified queue does not exist.",
                    () -> lambda.createEventSourceMapping(b -> b.eventSourceArn("arn:aws:sqs:us-east-1:000000000000:missing")
                            .functionName("errors-fn")));
            String shortVisibility = queueArn(sqs, sqs.createQueue(b -> b.queueName("errors-short-visibility")
                    .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "2"))).queueUrl());
            fails(InvalidParameterValueException.class, "InvalidParameterValueException",
                    "Queue visibility timeout: 2 seconds is less than Function timeout: 3 seconds",
                    () -> lambda.createEventSourceMapping(b -> b.eventSourceArn(shortVisibility).functionName("errors-fn")));
            fails(InvalidParameterValueException.class, "InvalidParameterValueException",
                    "StartingPosition is not valid for SQS event sources.",
                    () -> lambda.createEventSourceMapping(b -> b.eventSourceArn(queueArn).functionName("errors-fn")
                            .startingPosition(EventSourcePosition.TRIM_HORIZON)));
            fails(InvalidParameterValueException.class, "InvalidParameterValueException",
                    "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10",
                    () -> lambda.createEventSourceMapping(b -> b.eventSourceArn(queueArn).functionName("errors-fn").batchSize(100)));
            fails(InvalidParameterValueException.class, "InvalidParameterValueException",
                    "Unsupported MaximumRetryAttempts parameter for given event source.",
                    () -> lambda.createEventSourceMapping(b -> b.eventSourceArn(queueArn).functionName("errors-fn")
                            .maximumRetryAttempts(2)));
            fails(InvalidParameterValueException.class, "InvalidParameterValueException", "Invalid filter pattern definition.",
                    () -> lambda.createEventSourceMapping(b -> b.eventSourceArn(queueArn).functionName("errors-fn")
                            .filterCriteria(f -> f.filters(p -> p.pattern("not json")))));
            assertTrue(lambda.listEventSourceMappings(b -> b.functionName("errors-fn")).eventSourceMappings().isEmpty());
        }
    }

    @Test
    void boto3AndTheCliManageMappings(URI endpoint) throws Exception {
        try (LambdaClient lambda = Clients.lambda(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String queueArn = queue(sqs, "py-queue");
            createNodeFunction(lambda, "py-fn", recordsFile(), "throw");
            String script = "import boto3\n"
                    + "c = boto3.client('lambda', endpoint_url='" + endpoint + "', region_name='us-east-1',"
                    + " aws_access_key_id='test', aws_secret_access_key='test')\n"
                    + "m = c.create_event_source_mapping(EventSourceArn='" + queueArn + "', FunctionName='py-fn', BatchSize=5)\n"
                    + "g = c.get_event_source_mapping(UUID=m['UUID'])\n"
                    + "print(m['ResponseMetadata']['HTTPStatusCode'], g['BatchSize'], g['LastModified'].year > 2000, m['UUID'])\n";
            Processes.Result result = Processes.run(List.of("python3", "-c", script), Map.of());
            assertEquals(0, result.exitCode(), result.output());
            String[] printed = result.output().trim().split(" ");
            assertEquals(List.of("202", "5", "True"), List.of(printed).subList(0, 3));

            Processes.Result cli = Processes.run(List.of("aws", "--endpoint-url", endpoint.toString(), "lambda",
                            "list-event-source-mappings", "--function-name", "py-fn", "--query", "EventSourceMappings[0].UUID",
                            "--output", "text"),
                    Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test", "AWS_DEFAULT_REGION", "us-east-1"));
            assertEquals(0, cli.exitCode(), cli.output());
            assertEquals(printed[3], cli.output().trim());
        }
    }
}
