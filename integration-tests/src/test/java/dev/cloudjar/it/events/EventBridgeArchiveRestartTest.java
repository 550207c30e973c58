package dev.cloudjar.it.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.fixtures.Queues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ReplayState;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With --data-dir, an archive and the events it holds, a finished replay and a bus's policy outlive
 * a restart, and the archive replays its old events after it.
 */
class EventBridgeArchiveRestartTest {
    private static final String BUS = "arn:aws:events:us-east-1:000000000000:event-bus/kept-archive-bus";
    private static final Instant TIME = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    @Test
    void archivesTheirEventsReplaysAndPoliciesOutliveARestart(@TempDir Path dataDir) throws Exception {
        CloudjarConfig config = CloudjarConfig.builder().port(0).dataDir(dataDir).build();
        String policy;
        String archiveArn;
        try (CloudjarServer first = CloudjarServer.start(config); EventBridgeClient events = Clients.eventBridge(URI.create(first.endpoint()))) {
            events.createEventBus(b -> b.name("kept-archive-bus"));
            archiveArn = events.createArchive(b -> b.archiveName("kept-archive").eventSourceArn(BUS)
                    .eventPattern("{\"source\":[\"shop\"]}").retentionDays(30)).archiveArn();
            events.putEvents(b -> b.entries(e -> e.eventBusName("kept-archive-bus").source("shop").detailType("t")
                    .time(TIME).detail("{\"before\":\"restart\"}")));
            String arn = archiveArn;
            events.startReplay(b -> b.replayName("kept-replay").eventSourceArn(arn).eventStartTime(TIME)
                    .eventEndTime(TIME.plusSeconds(1)).destination(d -> d.arn(BUS)));
            assertEquals(ReplayState.COMPLETED, Replays.ended(events, "kept-replay").state());
            events.putPermission(b -> b.eventBusName("kept-archive-bus").action("events:PutEvents")
                    .principal("111122223333").statementId("partner"));
            policy = events.describeEventBus(b -> b.name("kept-archive-bus")).policy();
        }
        try (CloudjarServer second = CloudjarServer.start(config); EventBridgeClient events = Clients.eventBridge(URI.create(second.endpoint()));
             SqsClient sqs = Clients.sqs(URI.create(second.endpoint()))) {
            var archive = events.describeArchive(b -> b.archiveName("kept-archive"));
            assertEquals(1L, archive.eventCount());
            assertEquals("{\"source\":[\"shop\"]}", archive.eventPattern());
            assertEquals(30, archive.retentionDays());
            assertEquals(ReplayState.COMPLETED, events.describeReplay(b -> b.replayName("kept-replay")).state());
            assertTrue(policy.contains("arn:aws:iam::111122223333:root"), policy);
            assertEquals(policy, events.describeEventBus(b -> b.name("kept-archive-bus")).policy());

            String url = sqs.createQueue(b -> b.queueName("kept-replayed")).queueUrl();
            String queueArn = Queues.arn(sqs, url);
            events.putRule(b -> b.name("replayed").eventBusName("kept-archive-bus")
                    .eventPattern("{\"replay-name\":[\"after-restart\"]}"));
            events.putTargets(b -> b.rule("replayed").eventBusName("kept-archive-bus")
                    .targets(Target.builder().id("q").arn(queueArn).build()));
            String arn = archiveArn;
            events.startReplay(b -> b.replayName("after-restart").eventSourceArn(arn).eventStartTime(TIME)
                    .eventEndTime(TIME.plusSeconds(1)).destination(d -> d.arn(BUS)));
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages();
            assertEquals(1, messages.size(), "the event archived before the restart is replayed");
            JsonNode event = new ObjectMapper().readTree(messages.get(0).body());
            assertEquals("restart", event.at("/detail/before").asText());
            assertEquals("after-restart", event.path("replay-name").asText());
        }
    }
}
