package dev.cloudjar.it.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.server.CloudjarServer;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.fixtures.HttpEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Tag;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With --data-dir, topics, their attributes and tags, and subscriptions outlive a restart, and
 * delivery resumes, a pending HTTP delivery included.
 */
class SnsRestartTest {

    @Test
    void topicsAndSubscriptionsOutliveARestart(@TempDir Path dataDir) {
        CloudjarConfig config = CloudjarConfig.builder().port(0).dataDir(dataDir).build();
        String topic;
        String subscription;
        try (CloudjarServer first = CloudjarServer.start(config); SnsClient sns = Clients.sns(URI.create(first.endpoint()));
             SqsClient sqs = Clients.sqs(URI.create(first.endpoint()))) {
            String url = sqs.createQueue(b -> b.queueName("kept")).queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            topic = sns.createTopic(b -> b.name("kept").attributes(Map.of("DisplayName", "Kept"))
                    .tags(Tag.builder().key("team").value("core").build())).topicArn();
            subscription = sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn)
                    .attributes(Map.of("RawMessageDelivery", "true"))).subscriptionArn();
        }
        try (CloudjarServer second = CloudjarServer.start(config); SnsClient sns = Clients.sns(URI.create(second.endpoint()));
             SqsClient sqs = Clients.sqs(URI.create(second.endpoint()))) {
            assertEquals("Kept", sns.getTopicAttributes(b -> b.topicArn(topic)).attributes().get("DisplayName"));
            assertEquals("core", sns.listTagsForResource(b -> b.resourceArn(topic)).tags().get(0).value());
            assertEquals(List.of(subscription), sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions().stream()
                    .map(s -> s.subscriptionArn()).toList());
            assertEquals("true", sns.getSubscriptionAttributes(b -> b.subscriptionArn(subscription)).attributes()
                    .get("RawMessageDelivery"));

            sns.publish(b -> b.topicArn(topic).message("after the restart"));
            String url = sqs.getQueueUrl(b -> b.queueName("kept")).queueUrl();
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages();
            assertEquals("after the restart", messages.get(0).body());
        }
    }

    /**
     * A notification an endpoint refused before a restart is retried after it, signed with the key
     * the restarted server still serves (the key is stored with the state).
     */
    @Test
    void aPendingHttpDeliveryOutlivesARestart(@TempDir Path dataDir) throws Exception {
        CloudjarConfig config = CloudjarConfig.builder().port(0).dataDir(dataDir).build();
        try (HttpEndpoint endpoint = new HttpEndpoint()) {
            String messageId;
            try (CloudjarServer first = CloudjarServer.start(config); SnsClient sns = Clients.sns(URI.create(first.endpoint()))) {
                String topic = sns.createTopic(b -> b.name("kept-http")).topicArn();
                sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint(endpoint.url("/kept")).attributes(Map.of(
                        "DeliveryPolicy", "{\"healthyRetryPolicy\":{\"numRetries\":1,\"minDelayTarget\":2,\"maxDelayTarget\":2}}")));
                String token = new ObjectMapper().readTree(endpoint.next().body()).path("Token").asText();
                sns.confirmSubscription(b -> b.topicArn(topic).token(token));
                endpoint.answering(500);
                messageId = sns.publish(b -> b.topicArn(topic).message("survives")).messageId();
                assertEquals(messageId, endpoint.next().header("x-amz-sns-message-id"));
            }
            try (CloudjarServer second = CloudjarServer.start(config)) {
                HttpEndpoint.Received retried = endpoint.next();
                assertEquals(messageId, retried.header("x-amz-sns-message-id"));
                JsonNode notification = new ObjectMapper().readTree(retried.body());
                assertEquals("survives", notification.path("Message").asText());
                SnsHttpDeliveryTest.assertVerifies(notification, SnsHttpDeliveryTest.NOTIFICATION_FIELDS,
                        URI.create(second.endpoint() + "/_cloudjar/sns/SimpleNotificationService.pem"));
            }
        }
    }
}
