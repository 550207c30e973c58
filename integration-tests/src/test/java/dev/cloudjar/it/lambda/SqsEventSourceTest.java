package dev.cloudjar.it.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudjar.core.server.CloudjarServer;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.it.lambda.EventSourceHandlers.await;
import static dev.cloudjar.it.lambda.EventSourceHandlers.awaitRecords;
import static dev.cloudjar.it.lambda.EventSourceHandlers.createNodeFunction;
import static dev.cloudjar.it.lambda.EventSourceHandlers.messagesIn;
import static dev.cloudjar.it.lambda.EventSourceHandlers.queueArn;
import static dev.cloudjar.it.lambda.EventSourceHandlers.records;
import static dev.cloudjar.it.lambda.EventSourceHandlers.recordsFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SQS event source mappings: Lambda polls the queue, invokes the function with batches and deletes what it processed. */
@Cloudjar
class SqsEventSourceTest {

    @Test
    void aMessageSentToTheQueueReachesTheFunctionAndIsDeleted(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("esm-orders")).queueUrl();
            String arn = queueArn(sqs, url);
            Path records = recordsFile();
            createNodeFunction(lambda, "esm-orders-fn", records, "throw");
            lambda.createEventSourceMapping(b -> b.eventSourceArn(arn).functionName("esm-orders-fn"));

            String messageId = sqs.sendMessage(b -> b.queueUrl(url).messageBody("{\"order\":42}")
                    .messageAttributes(Map.of("Tenant", MessageAttributeValue.builder().dataType("String")
                            .stringValue("acme").build()))).messageId();

            JsonNode record = awaitRecords(records, 1).get(0);
            assertEquals(messageId, record.get("messageId").asText());
            assertEquals("{\"order\":42}", record.get("body").asText());
            assertTrue(record.get("receiptHandle").asText().length() > 0);
            assertEquals("1", record.at("/attributes/ApproximateReceiveCount").asText());
            assertTrue(record.at("/attributes/SentTimestamp").asLong() > 0);
            assertTrue(record.at("/attributes/ApproximateFirstReceiveTimestamp").asLong() > 0);
            assertTrue(record.at("/attributes/SenderId").asText().length() > 0);
            assertEquals("acme", record.at("/messageAttributes/Tenant/stringValue").asText());
            assertEquals("String", record.at("/messageAttributes/Tenant/dataType").asText());
            assertEquals("0d15cd31971ecd0d554a062cddbab844", record.get("md5OfBody").asText());
            assertTrue(record.has("md5OfMessageAttributes"));
            assertEquals("aws:sqs", record.get("eventSource").asText());
            assertEquals(arn, record.get("eventSourceARN").asText());
            assertEquals("us-east-1", record.get("awsRegion").asText());
            await(() -> messagesIn(sqs, url) == 0, "the processed message was not deleted");
        }
    }

    @Test
    void aMessageTheFunctionKeepsFailingOnGoesToTheQueuesDeadLetterQueue(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String dlq = sqs.createQueue(b -> b.queueName("esm-failing-dlq")).queueUrl();
            String url = sqs.createQueue(b -> b.queueName("esm-failing").attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, "1",
                    QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + queueArn(sqs, dlq)
                            + "\",\"maxReceiveCount\":\"2\"}"))).queueUrl();
            Path records = recordsFile();
            createNodeFunction(lambda, "esm-failing-fn", records, "throw", 1);
            lambda.createEventSourceMapping(b -> b.eventSourceArn(queueArn(sqs, url)).functionName("esm-failing-fn"));

            sqs.sendMessage(b -> b.queueUrl(url).messageBody("please fail"));

            List<Message> dead = sqs.receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(20)).messages();
            assertEquals(1, dead.size(), "the message did not reach the dead-letter queue");
            assertEquals("please fail", dead.get(0).body());
            List<JsonNode> seen = records(records);
            assertEquals(2, seen.size());
            assertEquals("1", seen.get(0).at("/attributes/ApproximateReceiveCount").asText());
            assertEquals("2", seen.get(1).at("/attributes/ApproximateReceiveCount").asText());
            assertEquals(0, messagesIn(sqs, url));
        }
    }

    @Test
    void withReportBatchItemFailuresOnlyTheFailedMessagesStay(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("esm-partial")
                    .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"))).queueUrl();
            sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                    SendMessageBatchRequestEntry.builder().id("a").messageBody("first").build(),
                    SendMessageBatchRequestEntry.builder().id("b").messageBody("fail me").build(),
                    SendMessageBatchRequestEntry.builder().id("c").messageBody("third").build()));
            Path records = recordsFile();
            createNodeFunction(lambda, "esm-partial-fn", records, "report", 1);
            String uuid = lambda.createEventSourceMapping(b -> b.eventSourceArn(queueArn(sqs, url))
                    .functionName("esm-partial-fn").functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)).uuid();

            await(() -> bodies(records).stream().filter("fail me"::equals).count() >= 2,
                    "the failed message did not come back");
            lambda.deleteEventSourceMapping(b -> b.uuid(uuid));

            List<String> bodies = bodies(records);
            assertEquals(1, bodies.stream().filter("first"::equals).count());
            assertEquals(1, bodies.stream().filter("third"::equals).count());
            await(() -> messagesIn(sqs, url) == 1, "the queue should keep just the failed message");
        }
    }

    @Test
    void messagesNoFilterPatternMatchesAreDeletedWithoutInvokingTheFunction(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("esm-filtered")).queueUrl();
            Path records = recordsFile();
            createNodeFunction(lambda, "esm-filtered-fn", records, "throw");
            lambda.createEventSourceMapping(b -> b.eventSourceArn(queueArn(sqs, url)).functionName("esm-filtered-fn")
                    .filterCriteria(f -> f.filters(p -> p.pattern("{\"body\":{\"kind\":[\"keep\"],\"size\":[{\"numeric\":[\">\",10]}]}}"))));

            sqs.sendMessage(b -> b.queueUrl(url).messageBody("{\"kind\":\"drop\",\"size\":50}"));
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("{\"kind\":\"keep\",\"size\":5}"));
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("not json"));
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("{\"kind\":\"keep\",\"size\":50}"));

            await(() -> messagesIn(sqs, url) == 0, "the queue was not emptied");
            assertEquals(List.of("{\"kind\":\"keep\",\"size\":50}"), bodies(records));
        }
    }

    @Test
    void aDisabledMappingLeavesMessagesInTheQueue(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("esm-disabled")).queueUrl();
            Path records = recordsFile();
            createNodeFunction(lambda, "esm-disabled-fn", records, "throw");
            String uuid = lambda.createEventSourceMapping(b -> b.eventSourceArn(queueArn(sqs, url))
                    .functionName("esm-disabled-fn").enabled(false)).uuid();

            sqs.sendMessage(b -> b.queueUrl(url).messageBody("waiting"));
            assertEquals("Disabled", lambda.getEventSourceMapping(b -> b.uuid(uuid)).state());
            assertEquals(1, messagesIn(sqs, url));

            lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(true));
            assertEquals("waiting", awaitRecords(records, 1).get(0).get("body").asText());
            await(() -> "Enabled".equals(lambda.getEventSourceMapping(b -> b.uuid(uuid)).state()), "never Enabled");
        }
    }

    @Test
    void disablingOrDeletingAMappingStopsItsPoller(URI endpoint) {
        try (LambdaClient lambda = Clients.lambda(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("esm-switch")).queueUrl();
            String arn = queueArn(sqs, url);
            Path first = recordsFile();
            Path second = recordsFile();
            createNodeFunction(lambda, "esm-switch-first", first, "throw");
            createNodeFunction(lambda, "esm-switch-second", second, "throw");
            String firstUuid = lambda.createEventSourceMapping(b -> b.eventSourceArn(arn).functionName("esm-switch-first")).uuid();
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("m1"));
            awaitRecords(first, 1);

            lambda.updateEventSourceMapping(b -> b.uuid(firstUuid).enabled(false));
            String secondUuid = lambda.createEventSourceMapping(b -> b.eventSourceArn(arn).functionName("esm-switch-second")).uuid();
            for (String body : List.of("m2", "m3", "m4")) {
                sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
            }
            awaitRecords(second, 3);

            lambda.deleteEventSourceMapping(b -> b.uuid(secondUuid));
            lambda.updateEventSourceMapping(b -> b.uuid(firstUuid).enabled(true));
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("m5"));
            awaitRecords(first, 2);

            assertEquals(List.of("m1", "m5"), bodies(first));
            assertEquals(List.of("m2", "m3", "m4"), bodies(second).stream().sorted().toList());
        }
    }

    @Test
    void resettingLambdaStopsItsPollers(URI endpoint, CloudjarServer server) {
        try (LambdaClient lambda = Clients.lambda(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("esm-reset")).queueUrl();
            String arn = queueArn(sqs, url);
            createNodeFunction(lambda, "esm-reset-before", recordsFile(), "throw");
            lambda.createEventSourceMapping(b -> b.eventSourceArn(arn).functionName("esm-reset-before"));

            server.reset("lambda");
            Path records = recordsFile();
            createNodeFunction(lambda, "esm-reset-after", records, "throw");
            lambda.createEventSourceMapping(b -> b.eventSourceArn(arn).functionName("esm-reset-after"));
            for (String body : List.of("r1", "r2", "r3")) {
                sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
            }

            // A poller that outlived the reset would have received the messages first.
            assertEquals(List.of("1", "1", "1"), awaitRecords(records, 3).stream()
                    .map(r -> r.at("/attributes/ApproximateReceiveCount").asText()).toList());
        }
    }

    private static List<String> bodies(Path records) {
        return records(records).stream().map(r -> r.get("body").asText()).toList();
    }
}
