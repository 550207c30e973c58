package dev.cloudjar.it.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;
import dev.cloudjar.it.fixtures.Clients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EventBridgeConfiguration;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * With --data-dir, a bucket's EventBridgeConfiguration, a rule forwarding to another bus and that
 * bus's rule outlive a restart: an object put after it reaches the queue through both buses.
 */
class S3EventBridgeRestartTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void s3EventsReachTheBusesRulesAfterARestart(@TempDir Path dataDir) throws IOException {
        CloudjarConfig config = CloudjarConfig.builder().port(0).dataDir(dataDir).build();
        try (CloudjarServer first = CloudjarServer.start(config); ServerClients c = new ServerClients(URI.create(first.endpoint()))) {
            c.s3.createBucket(b -> b.bucket("eb-kept"));
            c.s3.putBucketNotificationConfiguration(b -> b.bucket("eb-kept").notificationConfiguration(n -> n
                    .eventBridgeConfiguration(EventBridgeConfiguration.builder().build())));
            String url = c.sqs.createQueue(b -> b.queueName("eb-kept")).queueUrl();
            String queueArn = c.sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String bus = c.events.createEventBus(b -> b.name("s3-copy")).eventBusArn();
            c.events.putRule(b -> b.name("s3-to-bus").eventPattern("{\"source\":[\"aws.s3\"]}"));
            c.events.putTargets(b -> b.rule("s3-to-bus").targets(Target.builder().id("bus").arn(bus).build()));
            c.events.putRule(b -> b.name("s3-copies").eventBusName("s3-copy").eventPattern("{\"detail-type\":[\"Object Created\"]}"));
            c.events.putTargets(b -> b.rule("s3-copies").eventBusName("s3-copy").targets(Target.builder().id("q").arn(queueArn).build()));
        }
        try (CloudjarServer second = CloudjarServer.start(config); ServerClients c = new ServerClients(URI.create(second.endpoint()))) {
            assertNotNull(c.s3.getBucketNotificationConfiguration(b -> b.bucket("eb-kept")).eventBridgeConfiguration());

            c.s3.putObject(b -> b.bucket("eb-kept").key("after-restart"), RequestBody.fromString("x"));

            String url = c.sqs.getQueueUrl(b -> b.queueName("eb-kept")).queueUrl();
            List<Message> messages = c.sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages();
            assertEquals(1, messages.size(), "the event arrived");
            JsonNode event = JSON.readTree(messages.get(0).body());
            assertEquals("after-restart", event.at("/detail/object/key").asText());
        }
    }

    /** The three clients of one server, closed together. */
    private static final class ServerClients implements AutoCloseable {
        final S3Client s3;
        final SqsClient sqs;
        final EventBridgeClient events;

        ServerClients(URI endpoint) {
            s3 = Clients.s3(endpoint);
            sqs = Clients.sqs(endpoint);
            events = Clients.eventBridge(endpoint);
        }

        @Override
        public void close() {
            s3.close();
            sqs.close();
            events.close();
        }
    }
}
