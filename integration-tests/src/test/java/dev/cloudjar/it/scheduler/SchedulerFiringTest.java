package dev.cloudjar.it.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.lambda.FunctionPackages;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.it.scheduler.SchedulerApi.JSON;
import static dev.cloudjar.it.scheduler.SchedulerApi.definition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Schedules running their targets: on their own time (one real-time one-time schedule), and through
 * {@code POST /_cloudjar/schedules/fire} for the rest.
 */
@Cloudjar
class SchedulerFiringTest {
    private static final String UNIVERSAL_SEND_MESSAGE = "arn:aws:scheduler:::aws-sdk:sqs:sendMessage";

    private static String queueArn(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static Message next(SqsClient sqs, String url) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)
                .messageSystemAttributeNamesWithStrings("All")).messages();
        assertFalse(messages.isEmpty(), "a message arrived");
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(messages.get(0).receiptHandle()));
        return messages.get(0);
    }

    /**
     * The acceptance case, after "Using universal targets": a one-time schedule runs
     * sqs:sendMessage with its Input as the request (the API's member names), at its time; with
     * ActionAfterCompletion DELETE it is deleted once it has run ("Configuring automatic deletion").
     */
    @Test
    void oneTimeScheduleRunsAUniversalTargetAtItsTimeThenDeletesItself(URI endpoint) throws IOException {
        SchedulerApi api = new SchedulerApi(endpoint);
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("universal-at")).queueUrl();
            LocalDateTime soon = LocalDateTime.ofInstant(Instant.now().plusSeconds(2), ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
            ObjectNode d = definition("at(" + soon + ")", UNIVERSAL_SEND_MESSAGE).put("ActionAfterCompletion", "DELETE");
            ((ObjectNode) d.get("Target")).put("Input", JSON.createObjectNode().put("QueueUrl", url)
                    .put("MessageBody", "from the scheduler").put("DelaySeconds", 0).toString());
            assertEquals(200, api.createSchedule("universal-at", d).status());

            Message message = next(sqs, url);
            assertEquals("from the scheduler", message.body());
            assertTrue(Instant.ofEpochMilli(Long.parseLong(message.attributesAsStrings().get("SentTimestamp")))
                    .isAfter(soon.toInstant(ZoneOffset.UTC).minusMillis(1)), "not before its time");
            int status = 200;
            for (int i = 0; i < 100 && status == 200; i++) {
                status = api.getSchedule("universal-at", null).status();
                sleep();
            }
            assertEquals(404, status, "deleted after it ran");
        }
    }

    /**
     * A templated SQS target gets the Input with the context attributes put in ("Adding context
     * attributes": schedule-arn, scheduled-time, execution-id, attempt-number); a recurring schedule
     * fired now stays, its next occurrence pending.
     */
    @Test
    void templatedQueueTargetGetsItsInputWithContextAttributes(URI endpoint) throws IOException {
        SchedulerApi api = new SchedulerApi(endpoint);
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("templated")).queueUrl();
            ObjectNode d = definition("rate(1 day)", queueArn(sqs, url));
            ((ObjectNode) d.get("Target")).put("Input", "{\"arn\":\"<aws.scheduler.schedule-arn>\","
                    + "\"time\":\"<aws.scheduler.scheduled-time>\",\"id\":\"<aws.scheduler.execution-id>\","
                    + "\"attempt\":\"<aws.scheduler.attempt-number>\"}");
            String arn = api.createSchedule("templated", d).body().path("ScheduleArn").asText();

            assertEquals(200, api.fire(arn));
            JsonNode body = JSON.readTree(next(sqs, url).body());
            assertEquals(arn, body.path("arn").asText());
            assertEquals("1", body.path("attempt").asText());
            // "Adding context attributes": an execution id like d32c5kddcf5bb8c3, a time like 2022-03-22T18:59:43Z.
            assertTrue(body.path("id").asText().matches("[0-9a-z]{16}"), body.toString());
            assertTrue(body.path("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), body.toString());

            assertEquals(200, api.getSchedule("templated", null).status(), "a recurring schedule stays");
            assertEquals(200, api.fire(arn), "and has its next occurrence pending");
            assertTrue(!JSON.readTree(next(sqs, url).body()).path("id").asText().equals(body.path("id").asText()),
                    "each invocation has its own execution id");
        }
    }

    /**
     * A templated Lambda target is invoked asynchronously with the Input as its event (context
     * attributes put in); the function's OnSuccess destination shows what it got.
     */
    @Test
    void templatedLambdaTargetIsInvokedWithTheInput(URI endpoint) throws IOException {
        SchedulerApi api = new SchedulerApi(endpoint);
        try (SqsClient sqs = Clients.sqs(endpoint); LambdaClient lambda = Clients.lambda(endpoint)) {
            String results = sqs.createQueue(b -> b.queueName("scheduled-function-results")).queueUrl();
            String function = lambda.createFunction(b -> b.functionName("on-schedule").runtime("nodejs20.x")
                    .handler("index.handler").role("arn:aws:iam::000000000000:role/lambda-role")
                    .code(c -> c.zipFile(FunctionPackages.file("index.js",
                            "exports.handler = async (event) => ({ got: event.n, from: event.arn });\n"))))
                    .functionArn();
            lambda.putFunctionEventInvokeConfig(b -> b.functionName("on-schedule")
                    .destinationConfig(d -> d.onSuccess(o -> o.destination(queueArn(sqs, results)))));
            ObjectNode d = definition("cron(0 12 * * ? *)", function);
            ((ObjectNode) d.get("Target")).put("Input", "{\"n\": 5, \"arn\": \"<aws.scheduler.schedule-arn>\"}");
            String arn = api.createSchedule("to-function", d).body().path("ScheduleArn").asText();
            assertEquals(200, api.fire(arn));

            JsonNode record = JSON.readTree(next(sqs, results).body());
            assertEquals("Success", record.at("/requestContext/condition").asText());
            assertEquals(5, record.at("/responsePayload/got").asInt());
            assertEquals(arn, record.at("/responsePayload/from").asText());
        }
    }

    /** A templated SNS target: the Input published to the topic (here to a raw-delivery queue subscription). */
    @Test
    void templatedTopicTargetPublishesTheInput(URI endpoint) {
        SchedulerApi api = new SchedulerApi(endpoint);
        try (SqsClient sqs = Clients.sqs(endpoint); SnsClient sns = Clients.sns(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("from-topic")).queueUrl();
            String topic = sns.createTopic(b -> b.name("scheduled-topic")).topicArn();
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn(sqs, url))
                    .attributes(Map.of("RawMessageDelivery", "true")));
            ObjectNode d = definition("rate(1 day)", topic);
            ((ObjectNode) d.get("Target")).put("Input", "published by <aws.scheduler.schedule-arn>");
            String arn = api.createSchedule("to-topic", d).body().path("ScheduleArn").asText();
            assertEquals(200, api.fire(arn));
            assertEquals("published by " + arn, next(sqs, url).body());
        }
    }

    /** A FIFO queue target gets SqsParameters' MessageGroupId. */
    @Test
    void fifoQueueTargetGetsTheMessageGroupId(URI endpoint) {
        SchedulerApi api = new SchedulerApi(endpoint);
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("sched.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
                    .queueUrl();
            ObjectNode d = definition("rate(1 day)", queueArn(sqs, url));
            ((ObjectNode) d.get("Target")).put("Input", "fifo body").putObject("SqsParameters").put("MessageGroupId", "g1");
            String arn = api.createSchedule("fifo", d).body().path("ScheduleArn").asText();
            assertEquals(200, api.fire(arn));
            Message message = next(sqs, url);
            assertEquals("fifo body", message.body());
            assertEquals("g1", message.attributesAsStrings().get(MessageSystemAttributeName.MESSAGE_GROUP_ID.toString()));
        }
    }

    /** An event bus target: PutEvents with EventBridgeParameters' DetailType and Source, the Input as the detail. */
    @Test
    void eventBusTargetPutsAnEventThatRulesMatch(URI endpoint) throws IOException {
        SchedulerApi api = new SchedulerApi(endpoint);
        try (SqsClient sqs = Clients.sqs(endpoint); EventBridgeClient events = Clients.eventBridge(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("from-bus")).queueUrl();
            events.putRule(b -> b.name("scheduled-events").eventPattern("{\"source\":[\"my.scheduler\"]}"));
            events.putTargets(b -> b.rule("scheduled-events").targets(Target.builder().id("q").arn(queueArn(sqs, url)).build()));
            ObjectNode d = definition("rate(1 day)", "arn:aws:events:us-east-1:000000000000:event-bus/default");
            ((ObjectNode) d.get("Target")).put("Input", "{\"job\":\"nightly\"}")
                    .putObject("EventBridgeParameters").put("DetailType", "tick").put("Source", "my.scheduler");
            String arn = api.createSchedule("to-bus", d).body().path("ScheduleArn").asText();
            assertEquals(200, api.fire(arn));

            JsonNode event = JSON.readTree(next(sqs, url).body());
            assertEquals("tick", event.path("detail-type").asText());
            assertEquals("my.scheduler", event.path("source").asText());
            assertEquals("nightly", event.path("detail").path("job").asText());
        }
    }

    /** A target that refuses the invocation, retries spent (MaximumRetryAttempts 0): the Input goes to the DeadLetterConfig queue. */
    @Test
    void failedInvocationGoesToTheDeadLetterQueue(URI endpoint) {
        SchedulerApi api = new SchedulerApi(endpoint);
        try (SqsClient sqs = Clients.sqs(endpoint)) {
            String dlq = sqs.createQueue(b -> b.queueName("sched-dlq")).queueUrl();
            ObjectNode d = definition("rate(1 day)", UNIVERSAL_SEND_MESSAGE);
            String input = JSON.createObjectNode().put("QueueUrl", "http://localhost/000000000000/no-such-queue")
                    .put("MessageBody", "lost").toString();
            ObjectNode target = (ObjectNode) d.get("Target");
            target.put("Input", input);
            target.putObject("RetryPolicy").put("MaximumRetryAttempts", 0);
            target.putObject("DeadLetterConfig").put("Arn", queueArn(sqs, dlq));
            String arn = api.createSchedule("to-dlq", d).body().path("ScheduleArn").asText();
            assertEquals(200, api.fire(arn));
            assertEquals(input, next(sqs, dlq).body());
        }
    }

    /** Disabled, deleted, or in a deleted group: no pending occurrence, so nothing to fire; enabling sets it again. */
    @Test
    void onlyEnabledSchedulesHaveAnOccurrencePending(URI endpoint) {
        SchedulerApi api = new SchedulerApi(endpoint);
        String queue = "arn:aws:sqs:us-east-1:000000000000:unused";
        String arn = api.createSchedule("paused", definition("rate(1 hour)", queue).put("State", "DISABLED"))
                .body().path("ScheduleArn").asText();
        assertEquals(404, api.fire(arn));
        api.updateSchedule("paused", definition("rate(1 hour)", queue));
        assertEquals(200, api.fire(arn));
        api.deleteSchedule("paused", null);
        assertEquals(404, api.fire(arn));

        api.createGroup("doomed", null);
        String inGroup = api.createSchedule("in-doomed", definition("rate(1 hour)", queue).put("GroupName", "doomed"))
                .body().path("ScheduleArn").asText();
        api.call(software.amazon.awssdk.http.SdkHttpMethod.DELETE, "/schedule-groups/doomed", Map.of(), null);
        assertEquals(404, api.fire(inGroup));
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
