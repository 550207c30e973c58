package dev.cloudjar.it.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.fixtures.Queues;
import dev.cloudjar.it.fixtures.Processes;
import dev.cloudjar.it.lambda.FunctionPackages;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
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
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PutEvents through the SDK v2, delivered by rules to SQS queues, a Lambda function and an SNS
 * topic. Expected shapes: EventBridge User Guide, "Amazon EventBridge events" (the envelope),
 * "Transforming target input" (InputTransformer), and the PutEvents API reference (per-entry results).
 */
@Cloudjar(options = "lambda-retry-delay-scale=0.005")
class EventBridgePutEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";


    private static Message next(SqsClient sqs, String url) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        assertEquals(1, messages.size(), "no message arrived in " + url);
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(messages.get(0).receiptHandle()));
        return messages.get(0);
    }

    private static PutEventsRequestEntry order(String bus, String detail) {
        return PutEventsRequestEntry.builder().eventBusName(bus).source("shop").detailType("Order Placed")
                .resources("arn:aws:shop:::order/1").detail(detail).build();
    }

    @Test
    void anEventReachesAQueueInEventBridgesEnvelope(URI endpoint) throws IOException {
        try (EventBridgeClient events = Clients.eventBridge(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("eb-whole")).queueUrl();
            events.putRule(b -> b.name("whole").eventPattern("{\"source\":[\"shop\"],\"detail\":{\"total\":[{\"numeric\":[\">\",100]}]}}"));
            events.putTargets(b -> b.rule("whole").targets(Target.builder().id("q").arn(Queues.arn(sqs, url)).build()));

            Instant time = Instant.parse("2026-12-07T10:15:30Z");
            PutEventsResponse put = events.putEvents(b -> b.entries(
                    order(null, "{\"total\":50}"),
                    order(null, "{\"total\":150}").toBuilder().time(time).build()));
            assertEquals(0, put.failedEntryCount());
            String id = put.entries().get(1).eventId();

            JsonNode event = JSON.readTree(next(sqs, url).body());
            assertEquals("0", event.path("version").asText());
            assertEquals(id, event.path("id").asText());
            assertEquals("Order Placed", event.path("detail-type").asText());
            assertEquals("shop", event.path("source").asText());
            assertEquals("000000000000", event.path("account").asText());
            assertEquals("2026-12-07T10:15:30Z", event.path("time").asText());
            assertEquals("us-east-1", event.path("region").asText());
            assertEquals("arn:aws:shop:::order/1", event.path("resources").get(0).asText());
            assertEquals(150, event.at("/detail/total").asInt());
            assertTrue(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages().isEmpty(),
                    "the unmatched event is not delivered");
        }
    }

    @Test
    void anInputTransformerShapesWhatTheQueueReceives(URI endpoint) throws IOException {
        try (EventBridgeClient events = Clients.eventBridge(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("eb-transformed")).queueUrl();
            String constant = sqs.createQueue(b -> b.queueName("eb-constant")).queueUrl();
            String path = sqs.createQueue(b -> b.queueName("eb-path")).queueUrl();
            String rule = events.putRule(b -> b.name("transform").eventPattern("{\"detail-type\":[\"Order Placed\"]}")).ruleArn();
            events.putTargets(b -> b.rule("transform").targets(
                    Target.builder().id("t").arn(Queues.arn(sqs, url)).inputTransformer(t -> t
                            .inputPathsMap(Map.of("order", "$.detail.id", "total", "$.detail.total", "items", "$.detail.items"))
                            .inputTemplate("{\"message\": \"Order <order> came to <total>\", \"items\": <items>,"
                                    + " \"rule\": \"<aws.events.rule-name>\", \"total\": <total>}")).build(),
                    Target.builder().id("c").arn(Queues.arn(sqs, constant)).input("{\"kind\":\"fixed\"}").build(),
                    Target.builder().id("p").arn(Queues.arn(sqs, path)).inputPath("$.detail.items").build()));

            events.putEvents(b -> b.entries(order(null, "{\"id\":\"o-1\",\"total\":42,\"items\":[\"a\",\"b\"]}")));

            JsonNode body = JSON.readTree(next(sqs, url).body());
            assertEquals("Order o-1 came to 42", body.path("message").asText());
            assertEquals(JSON.readTree("[\"a\",\"b\"]"), body.path("items"));
            assertEquals("transform", body.path("rule").asText());
            assertEquals(42, body.path("total").asInt());
            assertEquals("{\"kind\":\"fixed\"}", next(sqs, constant).body());
            assertEquals("[\"a\",\"b\"]", next(sqs, path).body());
            assertTrue(rule.endsWith(":rule/transform"));
        }
    }

    @Test
    void aFifoQueueTargetReceivesTheTargetsMessageGroup(URI endpoint) {
        try (EventBridgeClient events = Clients.eventBridge(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("eb-ordered.fifo")
                    .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
            events.putRule(b -> b.name("fifo").eventPattern("{\"source\":[\"shop\"]}"));
            events.putTargets(b -> b.rule("fifo").targets(Target.builder().id("f").arn(Queues.arn(sqs, url))
                    .sqsParameters(p -> p.messageGroupId("orders")).build()));
            String id = events.putEvents(b -> b.entries(order(null, "{\"n\":1}"))).entries().get(0).eventId();

            Message message = next(sqs, url);
            assertEquals("orders", message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
            assertEquals(id, message.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID));
        }
    }

    /** The function's OnSuccess destination (a queue) receives Lambda's record, whose requestPayload is the event. */
    @Test
    void aLambdaTargetIsInvokedAsynchronouslyWithTheEvent(URI endpoint) throws IOException {
        try (EventBridgeClient events = Clients.eventBridge(endpoint); SqsClient sqs = Clients.sqs(endpoint);
             LambdaClient lambda = Clients.lambda(endpoint)) {
            String results = sqs.createQueue(b -> b.queueName("eb-function-results")).queueUrl();
            String function = lambda.createFunction(b -> b.functionName("on-event").runtime("nodejs20.x")
                    .handler("index.handler").role(ROLE).code(c -> c.zipFile(FunctionPackages.file("index.js",
                            "exports.handler = async (event) => ({ got: event.detail.total });\n"))))
                    .functionArn();
            lambda.putFunctionEventInvokeConfig(b -> b.functionName("on-event")
                    .destinationConfig(d -> d.onSuccess(s -> s.destination(Queues.arn(sqs, results)))));
            events.putRule(b -> b.name("to-function").eventPattern("{\"source\":[\"shop\"]}"));
            events.putTargets(b -> b.rule("to-function").targets(Target.builder().id("fn").arn(function).build()));

            String id = events.putEvents(b -> b.entries(order(null, "{\"total\":7}"))).entries().get(0).eventId();

            JsonNode record = JSON.readTree(next(sqs, results).body());
            assertEquals("Success", record.at("/requestContext/condition").asText());
            assertEquals(id, record.at("/requestPayload/id").asText());
            assertEquals("Order Placed", record.at("/requestPayload/detail-type").asText());
            assertEquals(7, record.at("/responsePayload/got").asInt());
        }
    }

    @Test
    void anSnsTopicTargetFansOutToItsQueue(URI endpoint) throws IOException {
        try (EventBridgeClient events = Clients.eventBridge(endpoint); SqsClient sqs = Clients.sqs(endpoint);
             SnsClient sns = Clients.sns(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("eb-via-topic")).queueUrl();
            String topic = sns.createTopic(b -> b.name("eb-topic")).topicArn();
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(Queues.arn(sqs, url))
                    .attributes(Map.of("RawMessageDelivery", "true")));
            events.putRule(b -> b.name("to-topic").eventPattern("{\"source\":[\"shop\"]}"));
            events.putTargets(b -> b.rule("to-topic").targets(Target.builder().id("topic").arn(topic).build()));

            String id = events.putEvents(b -> b.entries(order(null, "{\"total\":3}"))).entries().get(0).eventId();

            JsonNode event = JSON.readTree(next(sqs, url).body());
            assertEquals(id, event.path("id").asText());
            assertEquals(3, event.at("/detail/total").asInt());
        }
    }

    @Test
    void aDisabledRuleDeliversNothingAndACustomBusOnlyItsOwnEvents(URI endpoint) throws IOException {
        try (EventBridgeClient events = Clients.eventBridge(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String disabled = sqs.createQueue(b -> b.queueName("eb-disabled")).queueUrl();
            String custom = sqs.createQueue(b -> b.queueName("eb-custom")).queueUrl();
            events.putRule(b -> b.name("off").eventPattern("{\"source\":[\"shop\"]}").state("DISABLED"));
            events.putTargets(b -> b.rule("off").targets(Target.builder().id("q").arn(Queues.arn(sqs, disabled)).build()));
            events.createEventBus(b -> b.name("orders"));
            events.putRule(b -> b.name("on-orders-bus").eventBusName("orders").eventPattern("{\"source\":[\"shop\"]}"));
            events.putTargets(b -> b.rule("on-orders-bus").eventBusName("orders")
                    .targets(Target.builder().id("q").arn(Queues.arn(sqs, custom)).build()));

            events.putEvents(b -> b.entries(order(null, "{\"bus\":\"default\"}")));
            events.putEvents(b -> b.entries(order("arn:aws:events:us-east-1:000000000000:event-bus/orders", "{\"bus\":\"orders\"}")));

            assertEquals("orders", JSON.readTree(next(sqs, custom).body()).at("/detail/bus").asText());
            assertTrue(sqs.receiveMessage(b -> b.queueUrl(custom).waitTimeSeconds(1)).messages().isEmpty(),
                    "the default bus's event is not on the custom bus");
            assertTrue(sqs.receiveMessage(b -> b.queueUrl(disabled).waitTimeSeconds(1)).messages().isEmpty(),
                    "the disabled rule delivers nothing");

            events.enableRule(b -> b.name("off"));
            events.putEvents(b -> b.entries(order(null, "{\"bus\":\"default\"}")));
            assertEquals("default", JSON.readTree(next(sqs, disabled).body()).at("/detail/bus").asText());
        }
    }

    /**
     * "Using dead-letter queues to process undelivered events": an event EventBridge cannot hand to
     * its target (here a function that does not exist, which Invoke refuses) goes to the target's
     * dead-letter queue once its retry policy is spent.
     */
    @Test
    void anUndeliverableEventLandsInTheTargetsDeadLetterQueue(URI endpoint) throws IOException {
        try (EventBridgeClient events = Clients.eventBridge(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String dlq = sqs.createQueue(b -> b.queueName("eb-dlq")).queueUrl();
            events.putRule(b -> b.name("to-nowhere").eventPattern("{\"source\":[\"shop\"]}"));
            events.putTargets(b -> b.rule("to-nowhere").targets(Target.builder().id("gone")
                    .arn("arn:aws:lambda:us-east-1:000000000000:function:gone")
                    .retryPolicy(r -> r.maximumRetryAttempts(0))
                    .deadLetterConfig(d -> d.arn(Queues.arn(sqs, dlq))).build()));

            String id = events.putEvents(b -> b.entries(order(null, "{\"total\":1}"))).entries().get(0).eventId();

            assertEquals(id, JSON.readTree(next(sqs, dlq).body()).path("id").asText());
        }
    }

    @Test
    void boto3AndTheCliSeeTheSameRuleAndEvent(URI endpoint) throws Exception {
        String script = "import boto3, json\n"
                + "kw = dict(endpoint_url='" + endpoint + "', region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')\n"
                + "events = boto3.client('events', **kw); sqs = boto3.client('sqs', **kw)\n"
                + "url = sqs.create_queue(QueueName='py-events')['QueueUrl']\n"
                + "arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=['QueueArn'])['Attributes']['QueueArn']\n"
                + "events.put_rule(Name='py-rule', EventPattern=json.dumps({'source': ['py']}))\n"
                + "events.put_targets(Rule='py-rule', Targets=[{'Id': 'q', 'Arn': arn, 'InputTransformer':"
                + " {'InputPathsMap': {'n': '$.detail.n'}, 'InputTemplate': '\"got <n>\"'}}])\n"
                + "put = events.put_events(Entries=[{'Source': 'py', 'DetailType': 'd', 'Detail': json.dumps({'n': 'five'})}])\n"
                + "body = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=20)['Messages'][0]['Body']\n"
                + "try:\n"
                + "    events.describe_rule(Name='py-missing')\n"
                + "except events.exceptions.ResourceNotFoundException as e:\n"
                + "    missing = e.response['Error']['Code']\n"
                + "print(body, put['FailedEntryCount'], missing)\n";
        Processes.Result python = Processes.run(List.of("python3", "-c", script), Map.of());
        assertEquals(0, python.exitCode(), python.output());
        assertEquals("\"got five\" 0 ResourceNotFoundException", python.output().trim());

        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_DEFAULT_REGION", "us-east-1");
        Processes.Result cli = Processes.run(List.of("aws", "--endpoint-url", endpoint.toString(), "events", "list-rules",
                "--query", "Rules[].Arn", "--output", "text"), env);
        assertEquals(0, cli.exitCode(), cli.output());
        assertTrue(cli.output().contains("arn:aws:events:us-east-1:000000000000:rule/py-rule"), cli.output());
    }

    /** PutEvents API reference and EventBridge's recorded answers: each bad entry fails alone, with its own code. */
    @Test
    void badEntriesFailOneByOneAndTheRestAreAccepted(URI endpoint) {
        try (EventBridgeClient events = Clients.eventBridge(endpoint)) {
            PutEventsResponse put = events.putEvents(b -> b.entries(
                    PutEventsRequestEntry.builder().detailType("t").detail("{}").build(),
                    PutEventsRequestEntry.builder().source("s").detail("{}").build(),
                    PutEventsRequestEntry.builder().source("s").detailType("t").build(),
                    PutEventsRequestEntry.builder().source("s").detailType("t").detail("not json").build(),
                    PutEventsRequestEntry.builder().source("s").detailType("t").detail("[1]").build(),
                    PutEventsRequestEntry.builder().source("s").detailType("t").detail("{}").eventBusName("absent").build(),
                    PutEventsRequestEntry.builder().source("s").detailType("t").detail("{}").build()));
            assertEquals(6, put.failedEntryCount());
            List<PutEventsResultEntry> entries = put.entries();
            assertEquals("InvalidArgument", entries.get(0).errorCode());
            assertEquals("Parameter Source is not valid. Reason: Source is a required argument.", entries.get(0).errorMessage());
            assertEquals("Parameter DetailType is not valid. Reason: DetailType is a required argument.", entries.get(1).errorMessage());
            assertEquals("Parameter Detail is not valid. Reason: Detail is a required argument.", entries.get(2).errorMessage());
            assertEquals("MalformedDetail", entries.get(3).errorCode());
            assertEquals("Detail is malformed.", entries.get(3).errorMessage());
            assertEquals("MalformedDetail", entries.get(4).errorCode());
            assertEquals("ResourceNotFoundException", entries.get(5).errorCode());
            assertEquals("Event bus absent does not exist.", entries.get(5).errorMessage());
            assertNull(entries.get(6).errorCode());
            assertEquals(36, entries.get(6).eventId().length());

            EventBridgeException tooMany = assertThrows(EventBridgeException.class, () -> events.putEvents(b -> b.entries(
                    IntStream.range(0, 11).mapToObj(i -> order(null, "{}")).toList())));
            assertEquals("ValidationException", tooMany.awsErrorDetails().errorCode());
            assertTrue(tooMany.awsErrorDetails().errorMessage().endsWith(
                    "at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10"),
                    tooMany.awsErrorDetails().errorMessage());
        }
    }
}
