package dev.cloudjar.it.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.fixtures.Processes;
import dev.cloudjar.it.lambda.FunctionPackages;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sns.model.EmptyBatchRequestException;
import software.amazon.awssdk.services.sns.model.InvalidBatchEntryIdException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sns.model.TooManyEntriesInBatchRequestException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.cloudjar.it.fixtures.AwsErrors.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publish and PublishBatch through the SDK v2, delivered to SQS queues and a Lambda function.
 * Expected shapes: SNS Developer Guide, "Amazon SNS message and JSON formats" (the envelope),
 * "Amazon SNS raw message delivery", "Verifying the signatures of Amazon SNS messages", and the
 * Lambda Developer Guide's "Using Lambda with Amazon SNS" (the event).
 */
@Cloudjar(options = "lambda-retry-delay-scale=0.005")
class SnsPublishTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

    private static String queue(SqsClient sqs, String name, Map<QueueAttributeName, String> attributes) {
        return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    }

    private static String arn(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static Message next(SqsClient sqs, String url) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)
                .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        assertEquals(1, messages.size(), "no message arrived in " + url);
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(messages.get(0).receiptHandle()));
        return messages.get(0);
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    @Test
    void aTopicFansOutToAnEnvelopedQueueAndARawQueue(URI endpoint) throws Exception {
        try (SnsClient sns = Clients.sns(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String topic = sns.createTopic(b -> b.name("fanout")).topicArn();
            String enveloped = queue(sqs, "enveloped", Map.of());
            String raw = queue(sqs, "raw", Map.of());
            String subscription = sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arn(sqs, enveloped)))
                    .subscriptionArn();
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arn(sqs, raw))
                    .attributes(Map.of("RawMessageDelivery", "true")));

            PublishResponse published = sns.publish(b -> b.topicArn(topic).message("hello queues").subject("Greeting")
                    .messageAttributes(Map.of("colour", string("blue"),
                            "size", MessageAttributeValue.builder().dataType("Number").stringValue("42").build())));

            JsonNode envelope = JSON.readTree(next(sqs, enveloped).body());
            assertEquals("Notification", envelope.path("Type").asText());
            assertEquals(published.messageId(), envelope.path("MessageId").asText());
            assertEquals(topic, envelope.path("TopicArn").asText());
            assertEquals("Greeting", envelope.path("Subject").asText());
            assertEquals("hello queues", envelope.path("Message").asText());
            assertTrue(envelope.path("Timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
                    envelope.path("Timestamp").asText());
            assertEquals("1", envelope.path("SignatureVersion").asText());
            assertTrue(envelope.path("UnsubscribeURL").asText().endsWith("SubscriptionArn=" + subscription),
                    envelope.path("UnsubscribeURL").asText());
            assertEquals("String", envelope.at("/MessageAttributes/colour/Type").asText());
            assertEquals("blue", envelope.at("/MessageAttributes/colour/Value").asText());
            assertEquals("Number", envelope.at("/MessageAttributes/size/Type").asText());
            assertEquals("42", envelope.at("/MessageAttributes/size/Value").asText());
            assertSignedBySigningKey(envelope);

            Message rawMessage = next(sqs, raw);
            assertEquals("hello queues", rawMessage.body());
            assertEquals("blue", rawMessage.messageAttributes().get("colour").stringValue());
            assertEquals("Number", rawMessage.messageAttributes().get("size").dataType());
            assertEquals("42", rawMessage.messageAttributes().get("size").stringValue());
        }
    }

    /**
     * Filter policies ("Amazon SNS message filtering"): each subscription receives only what its
     * policy matches, on the message attributes by default or on the JSON body with
     * FilterPolicyScope MessageBody; a subscription without a policy receives everything.
     */
    @Test
    void eachSubscriptionReceivesWhatItsFilterPolicyMatches(URI endpoint) {
        try (SnsClient sns = Clients.sns(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String topic = sns.createTopic(b -> b.name("filtered")).topicArn();
            String blue = queue(sqs, "blue-only", Map.of());
            String large = queue(sqs, "large-orders", Map.of());
            String all = queue(sqs, "everything", Map.of());
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arn(sqs, blue)).attributes(Map.of(
                    "RawMessageDelivery", "true", "FilterPolicy", "{\"colour\":[\"blue\"],\"size\":[{\"numeric\":[\">\",10]}]}")));
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arn(sqs, large)).attributes(Map.of(
                    "RawMessageDelivery", "true", "FilterPolicyScope", "MessageBody",
                    "FilterPolicy", "{\"order\":{\"total\":[{\"numeric\":[\">=\",100]}]}}")));
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arn(sqs, all))
                    .attributes(Map.of("RawMessageDelivery", "true")));

            sns.publish(b -> b.topicArn(topic).message("{\"order\":{\"total\":250}}")
                    .messageAttributes(Map.of("colour", string("blue"),
                            "size", MessageAttributeValue.builder().dataType("Number").stringValue("42").build())));
            sns.publish(b -> b.topicArn(topic).message("{\"order\":{\"total\":5}}")
                    .messageAttributes(Map.of("colour", string("red"))));
            sns.publish(b -> b.topicArn(topic).message("not json at all")
                    .messageAttributes(Map.of("colour", string("blue"),
                            "size", MessageAttributeValue.builder().dataType("Number").stringValue("3").build())));

            assertEquals(List.of("{\"order\":{\"total\":250}}"), drain(sqs, blue, 1));
            assertEquals(List.of("{\"order\":{\"total\":250}}"), drain(sqs, large, 1));
            assertEquals(3, drain(sqs, all, 3).size());
        }
    }

    /** Every body the queue holds, once at least {@code expected} have arrived (then a last empty poll). */
    private static List<String> drain(SqsClient sqs, String url, int expected) {
        List<String> bodies = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(bodies.size() >= expected ? 1 : 5)).messages();
            if (got.isEmpty() && bodies.size() >= expected) {
                break;
            }
            got.forEach(m -> bodies.add(m.body()));
        }
        return bodies;
    }

    /** The canonical string of "Verifying the signatures of Amazon SNS messages", checked with the certificate the URL serves. */
    private static void assertSignedBySigningKey(JsonNode envelope) throws Exception {
        HttpResponse<String> pem = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(envelope.path("SigningCertURL").asText())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, pem.statusCode());
        PublicKey key = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.body().getBytes(StandardCharsets.US_ASCII))).getPublicKey();
        StringBuilder canonical = new StringBuilder();
        for (String field : List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")) {
            if (envelope.has(field)) {
                canonical.append(field).append('\n').append(envelope.path(field).asText()).append('\n');
            }
        }
        Signature verifier = Signature.getInstance("SHA1withRSA");
        verifier.initVerify(key);
        verifier.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
        assertTrue(verifier.verify(Base64.getDecoder().decode(envelope.path("Signature").asText())), "signature verifies");
    }

    /** The function's OnSuccess destination (a queue) receives Lambda's record, whose requestPayload is SNS's event. */
    @Test
    void aLambdaSubscriptionIsInvokedAsynchronouslyWithSnsEvent(URI endpoint) throws IOException {
        try (SnsClient sns = Clients.sns(endpoint); SqsClient sqs = Clients.sqs(endpoint); LambdaClient lambda = Clients.lambda(endpoint)) {
            String results = queue(sqs, "sns-function-results", Map.of());
            String function = lambda.createFunction(b -> b.functionName("on-notification").runtime("nodejs20.x")
                    .handler("index.handler").role(ROLE).code(c -> c.zipFile(FunctionPackages.file("index.js",
                            "exports.handler = async (event) => ({ got: event.Records[0].Sns.Message });\n"))))
                    .functionArn();
            lambda.putFunctionEventInvokeConfig(b -> b.functionName("on-notification")
                    .destinationConfig(d -> d.onSuccess(s -> s.destination(arn(sqs, results)))));
            String topic = sns.createTopic(b -> b.name("to-function")).topicArn();
            String subscription = sns.subscribe(b -> b.topicArn(topic).protocol("lambda").endpoint(function)).subscriptionArn();

            String messageId = sns.publish(b -> b.topicArn(topic).message("for the function")
                    .messageAttributes(Map.of("kind", string("test")))).messageId();

            JsonNode record = JSON.readTree(next(sqs, results).body());
            assertEquals("Success", record.at("/requestContext/condition").asText());
            JsonNode event = record.at("/requestPayload/Records/0");
            assertEquals("aws:sns", event.path("EventSource").asText());
            assertEquals("1.0", event.path("EventVersion").asText());
            assertEquals(subscription, event.path("EventSubscriptionArn").asText());
            JsonNode notification = event.path("Sns");
            assertEquals("Notification", notification.path("Type").asText());
            assertEquals(messageId, notification.path("MessageId").asText());
            assertEquals(topic, notification.path("TopicArn").asText());
            assertTrue(notification.path("Subject").isNull());
            assertEquals("for the function", notification.path("Message").asText());
            assertEquals("1", notification.path("SignatureVersion").asText());
            assertFalse(notification.path("Signature").asText().isEmpty());
            assertFalse(notification.path("SigningCertUrl").asText().isEmpty());
            assertFalse(notification.path("UnsubscribeUrl").asText().isEmpty());
            assertEquals("test", notification.at("/MessageAttributes/kind/Value").asText());
            assertEquals("for the function", record.at("/responsePayload/got").asText());
        }
    }

    /**
     * Issue #14's fan-out: one topic, a raw queue, an enveloped queue and a function, each with
     * its own filter policy ("Amazon SNS message filtering"); each gets only the messages its
     * policy matches, in its own form.
     */
    @Test
    void aTopicFansOutToARawQueueAnEnvelopedQueueAndAFunctionEachThroughItsFilterPolicy(URI endpoint) throws Exception {
        try (SnsClient sns = Clients.sns(endpoint); SqsClient sqs = Clients.sqs(endpoint); LambdaClient lambda = Clients.lambda(endpoint)) {
            String topic = sns.createTopic(b -> b.name("orders-fanout")).topicArn();
            String raw = queue(sqs, "eu-orders-raw", Map.of());
            String enveloped = queue(sqs, "large-orders-enveloped", Map.of());
            String results = queue(sqs, "refund-function-results", Map.of());
            String function = lambda.createFunction(b -> b.functionName("on-refund").runtime("nodejs20.x")
                    .handler("index.handler").role(ROLE).code(c -> c.zipFile(FunctionPackages.file("index.js",
                            "exports.handler = async (event) => ({ got: event.Records[0].Sns.Message });\n"))))
                    .functionArn();
            lambda.putFunctionEventInvokeConfig(b -> b.functionName("on-refund")
                    .destinationConfig(d -> d.onSuccess(o -> o.destination(arn(sqs, results)))));
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arn(sqs, raw)).attributes(Map.of(
                    "RawMessageDelivery", "true", "FilterPolicy", "{\"region\":[{\"prefix\":\"eu-\"}]}")));
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arn(sqs, enveloped)).attributes(Map.of(
                    "FilterPolicyScope", "MessageBody", "FilterPolicy", "{\"total\":[{\"numeric\":[\">=\",100]}]}")));
            sns.subscribe(b -> b.topicArn(topic).protocol("lambda").endpoint(function).attributes(Map.of(
                    "FilterPolicy", "{\"kind\":[\"refund\"]}")));

            sns.publish(b -> b.topicArn(topic).message("{\"total\":250}")
                    .messageAttributes(Map.of("region", string("eu-west-1"), "kind", string("order"))));
            sns.publish(b -> b.topicArn(topic).message("{\"total\":5}")
                    .messageAttributes(Map.of("region", string("us-east-1"), "kind", string("refund"))));

            Message rawMessage = next(sqs, raw);
            assertEquals("{\"total\":250}", rawMessage.body(), "the raw queue gets the message itself");
            assertEquals("eu-west-1", rawMessage.messageAttributes().get("region").stringValue());
            JsonNode envelope = JSON.readTree(next(sqs, enveloped).body());
            assertEquals("Notification", envelope.path("Type").asText());
            assertEquals("{\"total\":250}", envelope.path("Message").asText());
            JsonNode record = JSON.readTree(next(sqs, results).body());
            assertEquals("{\"total\":5}", record.at("/responsePayload/got").asText(), "the function got the refund only");
            for (String url : List.of(raw, enveloped, results)) {
                assertEquals(List.of(), sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages(),
                        "nothing its policy refuses reached " + url);
            }
        }
    }

    /** S3's event notifications to a topic arrive through SNS, as the Message of the queue's envelope. */
    @Test
    void aBucketNotificationToATopicReachesItsQueueSubscription(URI endpoint) throws IOException {
        try (SnsClient sns = Clients.sns(endpoint); SqsClient sqs = Clients.sqs(endpoint); S3Client s3 = Clients.s3(endpoint)) {
            String topic = sns.createTopic(b -> b.name("bucket-events")).topicArn();
            String url = queue(sqs, "bucket-events", Map.of());
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arn(sqs, url)));
            s3.createBucket(b -> b.bucket("announced"));
            S3Exception missing = org.junit.jupiter.api.Assertions.assertThrows(S3Exception.class,
                    () -> s3.putBucketNotificationConfiguration(b -> b.bucket("announced").notificationConfiguration(n -> n
                            .topicConfigurations(t -> t.topicArn(topic + "-missing").events(Event.S3_OBJECT_CREATED)))));
            assertEquals("InvalidArgument", missing.awsErrorDetails().errorCode());
            s3.putBucketNotificationConfiguration(b -> b.bucket("announced").notificationConfiguration(n -> n
                    .topicConfigurations(t -> t.topicArn(topic).events(Event.S3_OBJECT_CREATED))));
            assertEquals("s3:TestEvent", JSON.readTree(JSON.readTree(next(sqs, url).body()).path("Message").asText())
                    .path("Event").asText());

            s3.putObject(b -> b.bucket("announced").key("new.txt"), software.amazon.awssdk.core.sync.RequestBody.fromString("x"));

            JsonNode envelope = JSON.readTree(next(sqs, url).body());
            assertEquals(topic, envelope.path("TopicArn").asText());
            JsonNode event = JSON.readTree(envelope.path("Message").asText());
            assertEquals("ObjectCreated:Put", event.at("/Records/0/eventName").asText());
            assertEquals("new.txt", event.at("/Records/0/s3/object/key").asText());
        }
    }

    @Test
    void messageStructureJsonSendsEachProtocolItsOwnMessage(URI endpoint) throws IOException {
        try (SnsClient sns = Clients.sns(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String topic = sns.createTopic(b -> b.name("structured")).topicArn();
            String url = queue(sqs, "structured", Map.of());
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arn(sqs, url)));

            sns.publish(b -> b.topicArn(topic).messageStructure("json").message("{\"default\":\"plain\",\"sqs\":\"for queues\"}"));
            assertEquals("for queues", JSON.readTree(next(sqs, url).body()).path("Message").asText());
            sns.publish(b -> b.topicArn(topic).messageStructure("json").message("{\"default\":\"plain\"}"));
            assertEquals("plain", JSON.readTree(next(sqs, url).body()).path("Message").asText());

            fails(InvalidParameterException.class, "InvalidParameter", 400,
                    "Invalid parameter: Message Structure - No default entry in JSON message body",
                    () -> sns.publish(b -> b.topicArn(topic).messageStructure("json").message("{\"sqs\":\"x\"}")));
            fails(InvalidParameterException.class, "InvalidParameter", 400,
                    "Invalid parameter: Message Structure - JSON message body failed to parse",
                    () -> sns.publish(b -> b.topicArn(topic).messageStructure("json").message("not json")));
            fails(InvalidParameterException.class, "InvalidParameter", 400, "Invalid parameter: MessageStructure",
                    () -> sns.publish(b -> b.topicArn(topic).messageStructure("xml").message("x")));
        }
    }

    @Test
    void aFifoTopicDeliversToAFifoQueueWithGroupAndSequence(URI endpoint) {
        try (SnsClient sns = Clients.sns(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String topic = sns.createTopic(b -> b.name("orders.fifo").attributes(Map.of("FifoTopic", "true"))).topicArn();
            String url = queue(sqs, "orders.fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arn(sqs, url))
                    .attributes(Map.of("RawMessageDelivery", "true")));
            fails(InvalidParameterException.class, "InvalidParameter", 400,
                    "Invalid parameter: Endpoint Reason: Only SQS queues can subscribe to FIFO topics",
                    () -> sns.subscribe(b -> b.topicArn(topic).protocol("lambda")
                            .endpoint("arn:aws:lambda:us-east-1:000000000000:function:f")));

            fails(InvalidParameterException.class, "InvalidParameter", 400,
                    "Invalid parameter: The MessageGroupId parameter is required for FIFO topics",
                    () -> sns.publish(b -> b.topicArn(topic).message("m")));
            fails(InvalidParameterException.class, "InvalidParameter", 400,
                    "Invalid parameter: The topic should either have ContentBasedDeduplication enabled or"
                            + " MessageDeduplicationId provided explicitly",
                    () -> sns.publish(b -> b.topicArn(topic).message("m").messageGroupId("g")));

            PublishResponse first = sns.publish(b -> b.topicArn(topic).message("first").messageGroupId("g")
                    .messageDeduplicationId("d1"));
            PublishResponse second = sns.publish(b -> b.topicArn(topic).message("second").messageGroupId("g")
                    .messageDeduplicationId("d2"));
            assertEquals(20, first.sequenceNumber().length());
            assertTrue(first.sequenceNumber().compareTo(second.sequenceNumber()) < 0);
            PublishResponse again = sns.publish(b -> b.topicArn(topic).message("first again").messageGroupId("g")
                    .messageDeduplicationId("d1"));
            assertEquals(first.messageId(), again.messageId(), "a duplicate within 5 minutes is accepted, not delivered");
            assertEquals(first.sequenceNumber(), again.sequenceNumber());

            Message received = next(sqs, url);
            assertEquals("first", received.body());
            assertEquals("g", received.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
            assertEquals("d1", received.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID));
            assertEquals("second", next(sqs, url).body());
            assertEquals(List.of(), sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages());

            String standard = sns.createTopic(b -> b.name("standard")).topicArn();
            fails(InvalidParameterException.class, "InvalidParameter", 400,
                    "Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId"
                            + " parameter that is not valid for this topic type",
                    () -> sns.publish(b -> b.topicArn(standard).message("m").messageDeduplicationId("d")));
        }
    }

    @Test
    void publishRefusesWhatSnsRefuses(URI endpoint) {
        try (SnsClient sns = Clients.sns(endpoint)) {
            String topic = sns.createTopic(b -> b.name("strict")).topicArn();
            fails(NotFoundException.class, "NotFound", 404, "Topic does not exist",
                    () -> sns.publish(b -> b.topicArn(topic + "-missing").message("m")));
            fails(NotFoundException.class, "NotFound", 404, "Topic does not exist",
                    () -> sns.publish(b -> b.targetArn(topic + "-missing").message("m")));
            assertFalse(sns.publish(b -> b.targetArn(topic).message("m")).messageId().isEmpty());
            fails(InvalidParameterException.class, "InvalidParameter", 400,
                    "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter",
                    () -> sns.publish(b -> b.message("m")));
            fails(InvalidParameterException.class, "InvalidParameter", 400, "Invalid parameter: TopicArn",
                    () -> sns.publish(b -> b.topicArn("arn:aws:sqs:us-east-1:000000000000:queue").message("m")));
            fails(InvalidParameterException.class, "InvalidParameter", 400, "Invalid parameter: Message too long",
                    () -> sns.publish(b -> b.topicArn(topic).message("x".repeat(262_145))));
            assertFalse(sns.publish(b -> b.topicArn(topic).message("x".repeat(262_144))).messageId().isEmpty());
            fails(InvalidParameterException.class, "InvalidParameter", 400, "Invalid parameter: Subject",
                    () -> sns.publish(b -> b.topicArn(topic).message("m").subject("line\nbreak")));
            fails(InvalidParameterValueException.class, "ParameterValueInvalid", 400,
                    "The message attribute 'n' has an invalid message attribute type, the set of supported type prefixes"
                            + " is Binary, Number, and String.",
                    () -> sns.publish(b -> b.topicArn(topic).message("m").messageAttributes(Map.of("n",
                            MessageAttributeValue.builder().dataType("Date").stringValue("today").build()))));
            fails(InvalidParameterValueException.class, "ParameterValueInvalid", 400,
                    "Could not cast message attribute 'n' value to number.",
                    () -> sns.publish(b -> b.topicArn(topic).message("m").messageAttributes(Map.of("n",
                            MessageAttributeValue.builder().dataType("Number").stringValue("ten").build()))));
            fails(InvalidParameterValueException.class, "ParameterValueInvalid", 400,
                    "The message attribute 'b' with type 'Binary' must use field 'Binary'.",
                    () -> sns.publish(b -> b.topicArn(topic).message("m").messageAttributes(Map.of("b",
                            MessageAttributeValue.builder().dataType("Binary").stringValue("x").build()))));
            assertFalse(sns.publish(b -> b.topicArn(topic).message("m").messageAttributes(Map.of(
                    "list", MessageAttributeValue.builder().dataType("String.Array").stringValue("[\"a\",1,true]").build(),
                    "bytes", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromUtf8String("b")).build())))
                    .messageId().isEmpty());
        }
    }

    @Test
    void publishBatchAnswersEachEntryAfterValidatingTheWholeRequest(URI endpoint) throws IOException {
        try (SnsClient sns = Clients.sns(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String topic = sns.createTopic(b -> b.name("batched")).topicArn();
            String url = queue(sqs, "batched", Map.of());
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arn(sqs, url))
                    .attributes(Map.of("RawMessageDelivery", "true")));

            PublishBatchResponse response = sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(
                    PublishBatchRequestEntry.builder().id("ok").message("batched message").build(),
                    PublishBatchRequestEntry.builder().id("bad").message("m").messageStructure("json").build()));
            assertEquals(List.of("ok"), response.successful().stream().map(s -> s.id()).toList());
            assertFalse(response.successful().get(0).messageId().isEmpty());
            assertEquals("bad", response.failed().get(0).id());
            assertEquals("InvalidParameter", response.failed().get(0).code());
            assertTrue(response.failed().get(0).senderFault());
            assertEquals("batched message", next(sqs, url).body());

            List<PublishBatchRequestEntry> eleven = IntStream.range(0, 11)
                    .mapToObj(i -> PublishBatchRequestEntry.builder().id("e" + i).message("m").build()).toList();
            fails(TooManyEntriesInBatchRequestException.class, "TooManyEntriesInBatchRequest", 400,
                    "The batch request contains more entries than permissible. 11 entries were sent; at most 10 are allowed.",
                    () -> sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(eleven)));
            fails(EmptyBatchRequestException.class, "EmptyBatchRequest", 400, "The batch request doesn't contain any entries.",
                    () -> sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(List.of())));
            fails(BatchEntryIdsNotDistinctException.class, "BatchEntryIdsNotDistinct", 400,
                    "Two or more batch entries in the request have the same Id.",
                    () -> sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(
                            PublishBatchRequestEntry.builder().id("same").message("a").build(),
                            PublishBatchRequestEntry.builder().id("same").message("b").build())));
            fails(InvalidBatchEntryIdException.class, "InvalidBatchEntryId", 400,
                    "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.",
                    () -> sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(
                            PublishBatchRequestEntry.builder().id("no spaces").message("a").build())));
            fails(NotFoundException.class, "NotFound", 404, "Topic does not exist",
                    () -> sns.publishBatch(b -> b.topicArn(topic + "-missing").publishBatchRequestEntries(
                            PublishBatchRequestEntry.builder().id("a").message("a").build())));
            List<Message> nothing = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages();
            assertEquals(List.of(), nothing, "a refused batch publishes nothing");
        }
    }

    @Test
    void boto3AndTheCliSeeTheSameTopicAndEnvelope(URI endpoint) throws Exception {
        String script = "import boto3, json\n"
                + "kw = dict(endpoint_url='" + endpoint + "', region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')\n"
                + "sns = boto3.client('sns', **kw); sqs = boto3.client('sqs', **kw)\n"
                + "topic = sns.create_topic(Name='py-topic', Tags=[{'Key': 'from', 'Value': 'python'}])['TopicArn']\n"
                + "url = sqs.create_queue(QueueName='py-sns')['QueueUrl']\n"
                + "arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=['QueueArn'])['Attributes']['QueueArn']\n"
                + "sub = sns.subscribe(TopicArn=topic, Protocol='sqs', Endpoint=arn)['SubscriptionArn']\n"
                + "sns.publish(TopicArn=topic, Message='from python', MessageAttributes={'k': {'DataType': 'String', 'StringValue': 'v'}})\n"
                + "body = json.loads(sqs.receive_message(QueueUrl=url, WaitTimeSeconds=20)['Messages'][0]['Body'])\n"
                + "attrs = sns.get_topic_attributes(TopicArn=topic)['Attributes']\n"
                + "tags = sns.list_tags_for_resource(ResourceArn=topic)['Tags']\n"
                + "try:\n"
                + "    sns.get_topic_attributes(TopicArn=topic + '-missing')\n"
                + "except sns.exceptions.NotFoundException as e:\n"
                + "    missing = e.response['Error']['Code']\n"
                + "print(body['Message'], body['MessageAttributes']['k']['Value'], attrs['SubscriptionsConfirmed'], tags[0]['Value'], missing,"
                + " sns.list_subscriptions()['Subscriptions'][0]['SubscriptionArn'] == sub)\n";
        Processes.Result python = Processes.run(List.of("python3", "-c", script), Map.of());
        assertEquals(0, python.exitCode(), python.output());
        assertEquals("from python v 1 python NotFound True", python.output().trim());

        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_DEFAULT_REGION", "us-east-1");
        Processes.Result cli = Processes.run(List.of("aws", "--endpoint-url", endpoint.toString(), "sns", "list-topics",
                "--query", "Topics[].TopicArn", "--output", "text"), env);
        assertEquals(0, cli.exitCode(), cli.output());
        assertTrue(cli.output().contains("arn:aws:sns:us-east-1:000000000000:py-topic"), cli.output());
    }
}
