package dev.cloudjar.it.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.fixtures.Processes;
import dev.cloudjar.it.lambda.FunctionPackages;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * S3 event notifications delivered to SQS queues and Lambda functions, and Lambda's asynchronous
 * destinations, through core's delivery queue. Expected shapes: S3 User Guide, "Event message
 * structure" and "Amazon S3 event notifications" (the s3:TestEvent); Lambda Developer Guide,
 * "Capturing records of Lambda asynchronous invocations" (the invocation record).
 */
@Cloudjar(options = "lambda-retry-delay-scale=0.005")
class NotificationDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

    private static String queue(SqsClient sqs, String name) {
        return sqs.createQueue(b -> b.queueName(name)).queueUrl();
    }

    private static String arn(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static JsonNode next(SqsClient sqs, String url) throws IOException {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages();
        assertEquals(1, messages.size(), "no message arrived in " + url);
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(messages.get(0).receiptHandle()));
        return JSON.readTree(messages.get(0).body());
    }

    private static void nothingIn(SqsClient sqs, String url) {
        assertEquals(List.of(), sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages());
    }

    @Test
    void anObjectCreatedInAConfiguredPrefixArrivesInTheQueueAsS3sEventAfterTheTestEvent(URI endpoint) throws IOException {
        try (S3Client s3 = Clients.s3(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String url = queue(sqs, "uploads");
            s3.createBucket(b -> b.bucket("notified"));
            s3.putBucketNotificationConfiguration(b -> b.bucket("notified").notificationConfiguration(n -> n
                    .queueConfigurations(q -> q.id("images").queueArn(arn(sqs, url)).events(Event.S3_OBJECT_CREATED)
                            .filter(f -> f.key(k -> k.filterRules(r -> r.name("prefix").value("in/"),
                                    r -> r.name("suffix").value(".jpg")))))));

            JsonNode test = next(sqs, url);
            assertEquals("Amazon S3", test.path("Service").asText());
            assertEquals("s3:TestEvent", test.path("Event").asText());
            assertEquals("notified", test.path("Bucket").asText());

            s3.putObject(b -> b.bucket("notified").key("in/a photo.jpg"), RequestBody.fromString("12345"));
            s3.putObject(b -> b.bucket("notified").key("out/b.jpg"), RequestBody.fromString("x"));
            s3.putObject(b -> b.bucket("notified").key("in/c.txt"), RequestBody.fromString("x"));

            JsonNode record = next(sqs, url).path("Records").get(0);
            assertEquals("2.1", record.path("eventVersion").asText());
            assertEquals("aws:s3", record.path("eventSource").asText());
            assertEquals("us-east-1", record.path("awsRegion").asText());
            assertEquals("ObjectCreated:Put", record.path("eventName").asText());
            assertTrue(record.path("eventTime").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
                    record.path("eventTime").asText());
            assertEquals("1.0", record.at("/s3/s3SchemaVersion").asText());
            assertEquals("images", record.at("/s3/configurationId").asText());
            assertEquals("notified", record.at("/s3/bucket/name").asText());
            assertEquals("arn:aws:s3:::notified", record.at("/s3/bucket/arn").asText());
            assertEquals("in/a+photo.jpg", record.at("/s3/object/key").asText(), "keys arrive form-encoded");
            assertEquals(5, record.at("/s3/object/size").asLong());
            assertEquals("827ccb0eea8a706c4c34a16891f84e7b", record.at("/s3/object/eTag").asText());
            assertFalse(record.at("/s3/object/sequencer").asText().isEmpty());
            assertFalse(record.at("/responseElements/x-amz-request-id").asText().isEmpty());

            nothingIn(sqs, url);
        }
    }

    @Test
    void removalsArriveAsObjectRemovedWithoutSizeOrETag(URI endpoint) throws IOException {
        try (S3Client s3 = Clients.s3(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String url = queue(sqs, "removals");
            s3.createBucket(b -> b.bucket("removing"));
            s3.putObject(b -> b.bucket("removing").key("k"), RequestBody.fromString("x"));
            s3.putBucketNotificationConfiguration(b -> b.bucket("removing").notificationConfiguration(n -> n
                    .queueConfigurations(q -> q.queueArn(arn(sqs, url)).events(Event.S3_OBJECT_REMOVED))));
            next(sqs, url);

            s3.deleteObject(b -> b.bucket("removing").key("k"));

            JsonNode object = next(sqs, url).path("Records").get(0);
            assertEquals("ObjectRemoved:Delete", object.path("eventName").asText());
            assertEquals("k", object.at("/s3/object/key").asText());
            assertTrue(object.at("/s3/object/size").isMissingNode());
            assertTrue(object.at("/s3/object/eTag").isMissingNode());
        }
    }

    @Test
    void taggingAnObjectIsAnObjectTaggingEvent(URI endpoint) throws IOException {
        try (S3Client s3 = Clients.s3(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String url = queue(sqs, "tagging");
            s3.createBucket(b -> b.bucket("tagged"));
            s3.putObject(b -> b.bucket("tagged").key("k"), RequestBody.fromString("x"));
            s3.putBucketNotificationConfiguration(b -> b.bucket("tagged").notificationConfiguration(n -> n
                    .queueConfigurations(q -> q.queueArn(arn(sqs, url)).events(Event.S3_OBJECT_TAGGING))));
            next(sqs, url);

            s3.putObjectTagging(b -> b.bucket("tagged").key("k").tagging(t -> t.tagSet(g -> g.key("team").value("a"))));
            s3.deleteObjectTagging(b -> b.bucket("tagged").key("k"));

            // Deliveries run side by side: the two may reach the queue in either order (their sequencers order them).
            assertEquals(java.util.Set.of("ObjectTagging:Put", "ObjectTagging:Delete"), java.util.Set.of(
                    next(sqs, url).at("/Records/0/eventName").asText(), next(sqs, url).at("/Records/0/eventName").asText()));
        }
    }

    @Test
    void aConfigurationNamingAMissingQueueOrFunctionIsRefusedAsS3Does(URI endpoint) {
        try (S3Client s3 = Clients.s3(endpoint)) {
            s3.createBucket(b -> b.bucket("unvalidated"));
            S3Exception queue = assertThrows(S3Exception.class, () -> s3.putBucketNotificationConfiguration(b -> b
                    .bucket("unvalidated").notificationConfiguration(n -> n.queueConfigurations(q -> q
                            .queueArn("arn:aws:sqs:us-east-1:000000000000:no-such-queue").events(Event.S3_OBJECT_CREATED)))));
            assertEquals("InvalidArgument", queue.awsErrorDetails().errorCode());
            assertEquals("Unable to validate the following destination configurations", queue.awsErrorDetails().errorMessage());
            assertEquals(400, queue.statusCode());

            S3Exception function = assertThrows(S3Exception.class, () -> s3.putBucketNotificationConfiguration(b -> b
                    .bucket("unvalidated").notificationConfiguration(n -> n.lambdaFunctionConfigurations(l -> l
                            .lambdaFunctionArn("arn:aws:lambda:us-east-1:000000000000:function:nope")
                            .events(Event.S3_OBJECT_CREATED)))));
            assertEquals("InvalidArgument", function.awsErrorDetails().errorCode());

            assertEquals(0, s3.getBucketNotificationConfiguration(b -> b.bucket("unvalidated")).queueConfigurations().size(),
                    "nothing stored");
        }
    }

    /**
     * S3 invokes the function asynchronously with the same event; the function's OnSuccess
     * destination (a queue) receives Lambda's invocation record, whose requestPayload is that event.
     */
    @Test
    void aFunctionTargetIsInvokedAsynchronouslyWithTheEvent(URI endpoint) throws IOException {
        try (S3Client s3 = Clients.s3(endpoint); SqsClient sqs = Clients.sqs(endpoint); LambdaClient lambda = Clients.lambda(endpoint)) {
            String results = queue(sqs, "function-results");
            String function = lambda.createFunction(b -> b.functionName("on-upload").runtime("nodejs20.x")
                    .handler("index.handler").role(ROLE).code(c -> c.zipFile(FunctionPackages.file("index.js",
                            "exports.handler = async (event) => ({ keys: event.Records.map(r => r.s3.object.key) });\n"))))
                    .functionArn();
            lambda.putFunctionEventInvokeConfig(b -> b.functionName("on-upload")
                    .destinationConfig(d -> d.onSuccess(s -> s.destination(arn(sqs, results)))));
            s3.createBucket(b -> b.bucket("to-function"));
            s3.putBucketNotificationConfiguration(b -> b.bucket("to-function").notificationConfiguration(n -> n
                    .lambdaFunctionConfigurations(l -> l.lambdaFunctionArn(function).events(Event.S3_OBJECT_CREATED_PUT))));

            s3.putObject(b -> b.bucket("to-function").key("report.csv"), RequestBody.fromString("a,b"));

            JsonNode record = next(sqs, results);
            assertEquals("Success", record.at("/requestContext/condition").asText());
            assertEquals("ObjectCreated:Put", record.at("/requestPayload/Records/0/eventName").asText());
            assertEquals("to-function", record.at("/requestPayload/Records/0/s3/bucket/name").asText());
            assertEquals("report.csv", record.at("/responsePayload/keys/0").asText());
        }
    }

    @Test
    void anAsyncFailureLandsInTheOnFailureQueueInLambdasRecordFormat(URI endpoint) throws IOException {
        try (SqsClient sqs = Clients.sqs(endpoint); LambdaClient lambda = Clients.lambda(endpoint)) {
            String failures = queue(sqs, "function-failures");
            lambda.createFunction(b -> b.functionName("always-fails").runtime("nodejs20.x").handler("index.handler")
                    .role(ROLE).code(c -> c.zipFile(FunctionPackages.file("index.js",
                            "exports.handler = async () => { throw new Error('boom'); };\n"))));
            lambda.putFunctionEventInvokeConfig(b -> b.functionName("always-fails").maximumRetryAttempts(1)
                    .destinationConfig(d -> d.onFailure(f -> f.destination(arn(sqs, failures)))));

            lambda.invoke(b -> b.functionName("always-fails").invocationType("Event")
                    .payload(software.amazon.awssdk.core.SdkBytes.fromUtf8String("{\"order\":7}")));

            JsonNode record = next(sqs, failures);
            assertEquals("1.0", record.path("version").asText());
            assertEquals("RetriesExhausted", record.at("/requestContext/condition").asText());
            assertEquals(2, record.at("/requestContext/approximateInvokeCount").asInt());
            assertTrue(record.at("/requestContext/functionArn").asText().endsWith(":function:always-fails:$LATEST"),
                    record.at("/requestContext/functionArn").asText());
            assertEquals(7, record.at("/requestPayload/order").asInt());
            assertEquals("Unhandled", record.at("/responseContext/functionError").asText());
            assertEquals("boom", record.at("/responsePayload/errorMessage").asText());
        }
    }

    @Test
    void boto3SeesTheSameEventInTheQueue(URI endpoint) throws Exception {
        String script = "import boto3, json\n"
                + "kw = dict(endpoint_url='" + endpoint + "', region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')\n"
                + "s3 = boto3.client('s3', **kw); sqs = boto3.client('sqs', **kw)\n"
                + "url = sqs.create_queue(QueueName='py-events')['QueueUrl']\n"
                + "arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=['QueueArn'])['Attributes']['QueueArn']\n"
                + "s3.create_bucket(Bucket='py-bucket')\n"
                + "s3.put_bucket_notification_configuration(Bucket='py-bucket', NotificationConfiguration={'QueueConfigurations': [{'QueueArn': arn, 'Events': ['s3:ObjectCreated:*']}]})\n"
                + "bodies = []\n"
                + "while len(bodies) < 1:\n"
                + "    for m in sqs.receive_message(QueueUrl=url, WaitTimeSeconds=10).get('Messages', []):\n"
                + "        bodies.append(json.loads(m['Body'])); sqs.delete_message(QueueUrl=url, ReceiptHandle=m['ReceiptHandle'])\n"
                + "s3.put_object(Bucket='py-bucket', Key='from-python', Body=b'hi')\n"
                + "while len(bodies) < 2:\n"
                + "    for m in sqs.receive_message(QueueUrl=url, WaitTimeSeconds=10).get('Messages', []):\n"
                + "        bodies.append(json.loads(m['Body']))\n"
                + "print(bodies[0]['Event'], bodies[1]['Records'][0]['eventName'], bodies[1]['Records'][0]['s3']['object']['key'])\n";
        Processes.Result result = Processes.run(List.of("python3", "-c", script), Map.of());
        assertEquals(0, result.exitCode(), result.output());
        assertEquals("s3:TestEvent ObjectCreated:Put from-python", result.output().trim());
    }
}
