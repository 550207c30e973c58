package dev.cloudjar.it.events;

import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;
import dev.cloudjar.it.fixtures.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Tag;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With --data-dir, buses, rules (state, pattern, tags) and targets outlive a restart, and events reach the targets after it. */
class EventBridgeRestartTest {

    @Test
    void busesRulesAndTargetsOutliveARestart(@TempDir Path dataDir) {
        CloudjarConfig config = CloudjarConfig.builder().port(0).dataDir(dataDir).build();
        try (CloudjarServer first = CloudjarServer.start(config); EventBridgeClient events = Clients.eventBridge(URI.create(first.endpoint()));
             SqsClient sqs = Clients.sqs(URI.create(first.endpoint()))) {
            String url = sqs.createQueue(b -> b.queueName("kept")).queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            events.createEventBus(b -> b.name("kept-bus"));
            events.putRule(b -> b.name("kept").eventBusName("kept-bus").eventPattern("{\"source\":[\"shop\"]}")
                    .tags(Tag.builder().key("team").value("core").build()));
            events.putRule(b -> b.name("paused").scheduleExpression("rate(1 hour)").state(RuleState.DISABLED));
            events.putTargets(b -> b.rule("kept").eventBusName("kept-bus").targets(Target.builder().id("q").arn(queueArn)
                    .inputPath("$.detail").build()));
        }
        try (CloudjarServer second = CloudjarServer.start(config); EventBridgeClient events = Clients.eventBridge(URI.create(second.endpoint()));
             SqsClient sqs = Clients.sqs(URI.create(second.endpoint()))) {
            assertEquals(List.of("default", "kept-bus"), events.listEventBuses(b -> { }).eventBuses().stream()
                    .map(bus -> bus.name()).toList());
            var rule = events.describeRule(b -> b.name("kept").eventBusName("kept-bus"));
            assertEquals("{\"source\":[\"shop\"]}", rule.eventPattern());
            assertEquals("core", events.listTagsForResource(b -> b.resourceARN(rule.arn())).tags().get(0).value());
            assertEquals(RuleState.DISABLED, events.describeRule(b -> b.name("paused")).state());
            assertEquals("rate(1 hour)", events.describeRule(b -> b.name("paused")).scheduleExpression());
            assertEquals("$.detail", events.listTargetsByRule(b -> b.rule("kept").eventBusName("kept-bus")).targets()
                    .get(0).inputPath());

            events.putEvents(b -> b.entries(e -> e.eventBusName("kept-bus").source("shop").detailType("t")
                    .detail("{\"after\":\"restart\"}")));
            String url = sqs.getQueueUrl(b -> b.queueName("kept")).queueUrl();
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages();
            assertTrue(!messages.isEmpty(), "the event arrived");
            assertEquals("{\"after\":\"restart\"}", messages.get(0).body());
        }
    }

    /** A scheduled rule's next time is stored: after a restart it still runs, here fired through the admin endpoint. */
    @Test
    void aScheduledRulesTimeOutlivesARestart(@TempDir Path dataDir) throws Exception {
        CloudjarConfig config = CloudjarConfig.builder().port(0).dataDir(dataDir).build();
        String ruleArn;
        try (CloudjarServer first = CloudjarServer.start(config); EventBridgeClient events = Clients.eventBridge(URI.create(first.endpoint()));
             SqsClient sqs = Clients.sqs(URI.create(first.endpoint()))) {
            String url = sqs.createQueue(b -> b.queueName("nightly")).queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            ruleArn = events.putRule(b -> b.name("nightly").scheduleExpression("cron(0 3 * * ? *)")).ruleArn();
            events.putTargets(b -> b.rule("nightly").targets(Target.builder().id("q").arn(queueArn).build()));
            assertEquals(1, first.pendingTimers());
        }
        try (CloudjarServer second = CloudjarServer.start(config); SqsClient sqs = Clients.sqs(URI.create(second.endpoint()))) {
            assertEquals(1, second.pendingTimers());
            java.net.http.HttpResponse<String> fired = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(URI.create(second.endpoint() + "/_cloudjar/schedules/fire?arn=" + ruleArn))
                            .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, fired.statusCode(), fired.body());
            String url = sqs.getQueueUrl(b -> b.queueName("nightly")).queueUrl();
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages();
            assertEquals(1, messages.size());
            assertTrue(messages.get(0).body().contains("\"detail-type\":\"Scheduled Event\""), messages.get(0).body());
            assertEquals(1, second.pendingTimers(), "the next night is set");
        }
    }
}
