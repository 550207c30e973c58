package dev.cloudjar.it.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.fixtures.Queues;
import dev.cloudjar.it.lambda.FunctionPackages;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
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

import static dev.cloudjar.it.scheduler.ScheduleFixtures.ROLE;
import static dev.cloudjar.it.scheduler.ScheduleFixtures.assertDeletedSoon;
import static dev.cloudjar.it.scheduler.ScheduleFixtures.fire;
import static dev.cloudjar.it.scheduler.ScheduleFixtures.schedule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Schedules running their targets: on their own time (one real-time one-time schedule), and through
 * {@code POST /_cloudjar/schedules/fire} for the rest.
 */
@Cloudjar
class SchedulerFiringTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNIVERSAL_SEND_MESSAGE = "arn:aws:scheduler:::aws-sdk:sqs:sendMessage";


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
        try (SchedulerClient scheduler = Clients.scheduler(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("universal-at")).queueUrl();
            LocalDateTime soon = LocalDateTime.ofInstant(Instant.now().plusSeconds(2), ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
            String input = JSON.createObjectNode().put("QueueUrl", url)
                    .put("MessageBody", "from the scheduler").put("DelaySeconds", 0).toString();
            scheduler.createSchedule(schedule("universal-at", "at(" + soon + ")", UNIVERSAL_SEND_MESSAGE)
                    .actionAfterCompletion(ActionAfterCompletion.DELETE)
                    .target(t -> t.arn(UNIVERSAL_SEND_MESSAGE).roleArn(ROLE).input(input)).build());

            Message message = next(sqs, url);
            assertEquals("from the scheduler", message.body());
            assertTrue(Instant.ofEpochMilli(Long.parseLong(message.attributesAsStrings().get("SentTimestamp")))
                    .isAfter(soon.toInstant(ZoneOffset.UTC).minusMillis(1)), "not before its time");
            assertDeletedSoon(scheduler, "universal-at"); // deleted after it ran
        }
    }

    /**
     * A templated SQS target gets the Input with the context attributes put in ("Adding context
     * attributes": schedule-arn, scheduled-time, execution-id, attempt-number); a recurring schedule
     * fired now stays, its next occurrence pending.
     */
    @Test
    void templatedQueueTargetGetsItsInputWithContextAttributes(URI endpoint) throws IOException {
        try (SchedulerClient scheduler = Clients.scheduler(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("templated")).queueUrl();
            String queue = Queues.arn(sqs, url);
            String input = "{\"arn\":\"<aws.scheduler.schedule-arn>\","
                    + "\"time\":\"<aws.scheduler.scheduled-time>\",\"id\":\"<aws.scheduler.execution-id>\","
                    + "\"attempt\":\"<aws.scheduler.attempt-number>\"}";
            String arn = scheduler.createSchedule(schedule("templated", "rate(1 day)", queue)
                    .target(t -> t.arn(queue).roleArn(ROLE).input(input)).build()).scheduleArn();

            assertEquals(200, fire(endpoint, arn));
            JsonNode body = JSON.readTree(next(sqs, url).body());
            assertEquals(arn, body.path("arn").asText());
            assertEquals("1", body.path("attempt").asText());
            // "Adding context attributes": an execution id like d32c5kddcf5bb8c3, a time like 2022-03-22T18:59:43Z.
            assertTrue(body.path("id").asText().matches("[0-9a-z]{16}"), body.toString());
            assertTrue(body.path("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), body.toString());

            assertEquals(arn, scheduler.getSchedule(b -> b.name("templated")).arn(), "a recurring schedule stays");
            assertEquals(200, fire(endpoint, arn), "and has its next occurrence pending");
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
        try (SchedulerClient scheduler = Clients.scheduler(endpoint); SqsClient sqs = Clients.sqs(endpoint); LambdaClient lambda = Clients.lambda(endpoint)) {
            String results = sqs.createQueue(b -> b.queueName("scheduled-function-results")).queueUrl();
            String function = lambda.createFunction(b -> b.functionName("on-schedule").runtime("nodejs20.x")
                    .handler("index.handler").role("arn:aws:iam::000000000000:role/lambda-role")
                    .code(c -> c.zipFile(FunctionPackages.file("index.js",
                            "exports.handler = async (event) => ({ got: event.n, from: event.arn });\n"))))
                    .functionArn();
            lambda.putFunctionEventInvokeConfig(b -> b.functionName("on-schedule")
                    .destinationConfig(d -> d.onSuccess(o -> o.destination(Queues.arn(sqs, results)))));
            String arn = scheduler.createSchedule(schedule("to-function", "cron(0 12 * * ? *)", function)
                    .target(t -> t.arn(function).roleArn(ROLE).input("{\"n\": 5, \"arn\": \"<aws.scheduler.schedule-arn>\"}"))
                    .build()).scheduleArn();
            assertEquals(200, fire(endpoint, arn));

            JsonNode record = JSON.readTree(next(sqs, results).body());
            assertEquals("Success", record.at("/requestContext/condition").asText());
            assertEquals(5, record.at("/responsePayload/got").asInt());
            assertEquals(arn, record.at("/responsePayload/from").asText());
        }
    }

    /** A templated SNS target: the Input published to the topic (here to a raw-delivery queue subscription). */
    @Test
    void templatedTopicTargetPublishesTheInput(URI endpoint) {
        try (SchedulerClient scheduler = Clients.scheduler(endpoint); SqsClient sqs = Clients.sqs(endpoint); SnsClient sns = Clients.sns(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("from-topic")).queueUrl();
            String topic = sns.createTopic(b -> b.name("scheduled-topic")).topicArn();
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(Queues.arn(sqs, url))
                    .attributes(Map.of("RawMessageDelivery", "true")));
            String arn = scheduler.createSchedule(schedule("to-topic", "rate(1 day)", topic)
                    .target(t -> t.arn(topic).roleArn(ROLE).input("published by <aws.scheduler.schedule-arn>")).build()).scheduleArn();
            assertEquals(200, fire(endpoint, arn));
            assertEquals("published by " + arn, next(sqs, url).body());
        }
    }

    /** A FIFO queue target gets SqsParameters' MessageGroupId. */
    @Test
    void fifoQueueTargetGetsTheMessageGroupId(URI endpoint) {
        try (SchedulerClient scheduler = Clients.scheduler(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("sched.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
                    .queueUrl();
            String queue = Queues.arn(sqs, url);
            String arn = scheduler.createSchedule(schedule("fifo", "rate(1 day)", queue)
                    .target(t -> t.arn(queue).roleArn(ROLE).input("fifo body").sqsParameters(p -> p.messageGroupId("g1"))).build())
                    .scheduleArn();
            assertEquals(200, fire(endpoint, arn));
            Message message = next(sqs, url);
            assertEquals("fifo body", message.body());
            assertEquals("g1", message.attributesAsStrings().get(MessageSystemAttributeName.MESSAGE_GROUP_ID.toString()));
        }
    }

    /** An event bus target: PutEvents with EventBridgeParameters' DetailType and Source, the Input as the detail. */
    @Test
    void eventBusTargetPutsAnEventThatRulesMatch(URI endpoint) throws IOException {
        try (SchedulerClient scheduler = Clients.scheduler(endpoint); SqsClient sqs = Clients.sqs(endpoint); EventBridgeClient events = Clients.eventBridge(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("from-bus")).queueUrl();
            events.putRule(b -> b.name("scheduled-events").eventPattern("{\"source\":[\"my.scheduler\"]}"));
            events.putTargets(b -> b.rule("scheduled-events").targets(Target.builder().id("q").arn(Queues.arn(sqs, url)).build()));
            String bus = "arn:aws:events:us-east-1:000000000000:event-bus/default";
            String arn = scheduler.createSchedule(schedule("to-bus", "rate(1 day)", bus)
                    .target(t -> t.arn(bus).roleArn(ROLE).input("{\"job\":\"nightly\"}")
                            .eventBridgeParameters(p -> p.detailType("tick").source("my.scheduler"))).build()).scheduleArn();
            assertEquals(200, fire(endpoint, arn));

            JsonNode event = JSON.readTree(next(sqs, url).body());
            assertEquals("tick", event.path("detail-type").asText());
            assertEquals("my.scheduler", event.path("source").asText());
            assertEquals("nightly", event.path("detail").path("job").asText());
        }
    }

    /** A target that refuses the invocation, retries spent (MaximumRetryAttempts 0): the Input goes to the DeadLetterConfig queue. */
    @Test
    void failedInvocationGoesToTheDeadLetterQueue(URI endpoint) {
        try (SchedulerClient scheduler = Clients.scheduler(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String dlq = sqs.createQueue(b -> b.queueName("sched-dlq")).queueUrl();
            String input = JSON.createObjectNode().put("QueueUrl", "http://localhost/000000000000/no-such-queue")
                    .put("MessageBody", "lost").toString();
            String dlqArn = Queues.arn(sqs, dlq);
            String arn = scheduler.createSchedule(schedule("to-dlq", "rate(1 day)", UNIVERSAL_SEND_MESSAGE)
                    .target(t -> t.arn(UNIVERSAL_SEND_MESSAGE).roleArn(ROLE).input(input)
                            .retryPolicy(r -> r.maximumRetryAttempts(0)).deadLetterConfig(d -> d.arn(dlqArn))).build())
                    .scheduleArn();
            assertEquals(200, fire(endpoint, arn));
            assertEquals(input, next(sqs, dlq).body());
        }
    }

    /** Disabled, deleted, or in a deleted group: no pending occurrence, so nothing to fire; enabling sets it again. */
    @Test
    void onlyEnabledSchedulesHaveAnOccurrencePending(URI endpoint) {
        String queue = "arn:aws:sqs:us-east-1:000000000000:unused";
        try (SchedulerClient scheduler = Clients.scheduler(endpoint)) {
            String arn = scheduler.createSchedule(schedule("paused", "rate(1 hour)", queue).state(ScheduleState.DISABLED).build())
                    .scheduleArn();
            assertEquals(404, fire(endpoint, arn));
            scheduler.updateSchedule(b -> b.name("paused").scheduleExpression("rate(1 hour)")
                    .flexibleTimeWindow(f -> f.mode("OFF")).target(t -> t.arn(queue).roleArn(ROLE)));
            assertEquals(200, fire(endpoint, arn));
            scheduler.deleteSchedule(b -> b.name("paused"));
            assertEquals(404, fire(endpoint, arn));

            scheduler.createScheduleGroup(b -> b.name("doomed"));
            String inGroup = scheduler.createSchedule(schedule("in-doomed", "rate(1 hour)", queue).groupName("doomed").build())
                    .scheduleArn();
            scheduler.deleteScheduleGroup(b -> b.name("doomed"));
            assertEquals(404, fire(endpoint, inGroup));
        }
    }
}
