package dev.cloudjar.it.sns;

import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicResponse;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.Subscription;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.cloudjar.it.fixtures.AwsErrors.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Subscriptions through the SDK v2 (SNS API reference: Subscribe, ConfirmSubscription,
 * Unsubscribe, the listings, Get/SetSubscriptionAttributes). SQS and Lambda endpoints are confirmed
 * at once; other protocols stay pending, since Cloudjar sends no confirmation requests.
 */
@Cloudjar
class SnsSubscriptionsTest {
    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:subscriber";
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:subscriber";

    @Test
    void sqsAndLambdaSubscriptionsAreConfirmedAtOnceAndIdempotent(URI endpoint) {
        try (SnsClient sns = Clients.sns(endpoint)) {
            String topic = sns.createTopic(b -> b.name("confirmed")).topicArn();
            String queue = sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(QUEUE)).subscriptionArn();
            assertTrue(queue.startsWith(topic + ":"), queue);
            assertEquals(queue, sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(QUEUE)).subscriptionArn());
            String function = sns.subscribe(b -> b.topicArn(topic).protocol("lambda").endpoint(FUNCTION)).subscriptionArn();
            assertTrue(function.startsWith(topic + ":"), function);

            Map<String, String> attributes = sns.getSubscriptionAttributes(b -> b.subscriptionArn(queue)).attributes();
            assertEquals(queue, attributes.get("SubscriptionArn"));
            assertEquals(topic, attributes.get("TopicArn"));
            assertEquals("sqs", attributes.get("Protocol"));
            assertEquals(QUEUE, attributes.get("Endpoint"));
            assertEquals("000000000000", attributes.get("Owner"));
            assertEquals("false", attributes.get("PendingConfirmation"));
            assertEquals("false", attributes.get("RawMessageDelivery"));
            assertEquals("2", sns.getTopicAttributes(b -> b.topicArn(topic)).attributes().get("SubscriptionsConfirmed"));
        }
    }

    @Test
    void otherProtocolsWaitForConfirmation(URI endpoint) {
        try (SnsClient sns = Clients.sns(endpoint)) {
            String topic = sns.createTopic(b -> b.name("pending")).topicArn();
            assertEquals("pending confirmation", sns.subscribe(b -> b.topicArn(topic).protocol("email")
                    .endpoint("someone@example.com")).subscriptionArn());
            String arn = sns.subscribe(b -> b.topicArn(topic).protocol("https").endpoint("https://127.0.0.1:1/hook")
                    .returnSubscriptionArn(true)).subscriptionArn();
            assertTrue(arn.startsWith(topic + ":"), arn);
            assertEquals("true", sns.getSubscriptionAttributes(b -> b.subscriptionArn(arn)).attributes().get("PendingConfirmation"));
            assertEquals("2", sns.getTopicAttributes(b -> b.topicArn(topic)).attributes().get("SubscriptionsPending"));
            assertEquals(List.of("PendingConfirmation", "PendingConfirmation"), sns.listSubscriptionsByTopic(b -> b.topicArn(topic))
                    .subscriptions().stream().map(Subscription::subscriptionArn).toList());
            fails(InvalidParameterException.class, "InvalidParameter", 400, "Invalid parameter: Token",
                    () -> sns.confirmSubscription(b -> b.topicArn(topic).token("0123456789abcdef")));
        }
    }

    @Test
    void subscribeRefusesWhatSnsRefuses(URI endpoint) {
        try (SnsClient sns = Clients.sns(endpoint)) {
            String topic = sns.createTopic(b -> b.name("refusing")).topicArn();
            fails(InvalidParameterException.class, "InvalidParameter", 400,
                    "Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon",
                    () -> sns.subscribe(b -> b.topicArn(topic).protocol("carrier-pigeon").endpoint("x")));
            fails(InvalidParameterException.class, "InvalidParameter", 400, "Invalid parameter: SQS endpoint ARN",
                    () -> sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint("https://sqs/queue")));
            fails(InvalidParameterException.class, "InvalidParameter", 400, "Invalid parameter: Lambda endpoint ARN",
                    () -> sns.subscribe(b -> b.topicArn(topic).protocol("lambda").endpoint("my-function")));
            fails(InvalidParameterException.class, "InvalidParameter", 400,
                    "Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics",
                    () -> sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(QUEUE + ".fifo")));
            fails(NotFoundException.class, "NotFound", 404, "Topic does not exist",
                    () -> sns.subscribe(b -> b.topicArn(topic + "-missing").protocol("sqs").endpoint(QUEUE)));
            fails(InvalidParameterException.class, "InvalidParameter", 400,
                    "Invalid parameter: Attributes Reason: FilterPolicy: failed to parse JSON.",
                    () -> sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(QUEUE)
                            .attributes(Map.of("FilterPolicy", "{not json"))));
            fails(InvalidParameterException.class, "InvalidParameter", 400,
                    "Invalid parameter: Attributes Reason: Filter policy scope MessageAttributes does not support nested"
                            + " filter policy",
                    () -> sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(QUEUE)
                            .attributes(Map.of("FilterPolicy", "{\"a\":{\"b\":[\"c\"]}}"))));
        }
    }

    /** Filter policies are compiled when set (matching is SnsPublishTest's), stored, and removed by an empty value. */
    @Test
    void subscriptionAttributesAreValidatedStoredAndRemoved(URI endpoint) {
        try (SnsClient sns = Clients.sns(endpoint)) {
            String topic = sns.createTopic(b -> b.name("attributed")).topicArn();
            String arn = sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(QUEUE)
                    .attributes(Map.of("RawMessageDelivery", "true"))).subscriptionArn();
            sns.setSubscriptionAttributes(b -> b.subscriptionArn(arn).attributeName("FilterPolicy")
                    .attributeValue("{\"colour\":[\"blue\"]}"));
            sns.setSubscriptionAttributes(b -> b.subscriptionArn(arn).attributeName("RedrivePolicy")
                    .attributeValue("{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\"}"));
            Map<String, String> attributes = sns.getSubscriptionAttributes(b -> b.subscriptionArn(arn)).attributes();
            assertEquals("true", attributes.get("RawMessageDelivery"));
            assertEquals("{\"colour\":[\"blue\"]}", attributes.get("FilterPolicy"));
            assertEquals("MessageAttributes", attributes.get("FilterPolicyScope"));
            assertTrue(attributes.get("RedrivePolicy").contains(":dlq"));

            sns.setSubscriptionAttributes(b -> b.subscriptionArn(arn).attributeName("FilterPolicy").attributeValue(""));
            assertFalse(sns.getSubscriptionAttributes(b -> b.subscriptionArn(arn)).attributes().containsKey("FilterPolicy"));

            fails(InvalidParameterException.class, "InvalidParameter", 400, "Invalid parameter: AttributeName",
                    () -> sns.setSubscriptionAttributes(b -> b.subscriptionArn(arn).attributeName("Colour").attributeValue("x")));
            fails(InvalidParameterException.class, "InvalidParameter", 400,
                    "Invalid parameter: Attributes Reason: RawMessageDelivery: Invalid value [maybe]. Must be true or false.",
                    () -> sns.setSubscriptionAttributes(b -> b.subscriptionArn(arn).attributeName("RawMessageDelivery")
                            .attributeValue("maybe")));
            fails(InvalidParameterException.class, "InvalidParameter", 400,
                    "Invalid parameter: Attributes Reason: FilterPolicyScope: Invalid value [Everything]. Please use either"
                            + " MessageBody or MessageAttributes",
                    () -> sns.setSubscriptionAttributes(b -> b.subscriptionArn(arn).attributeName("FilterPolicyScope")
                            .attributeValue("Everything")));
            fails(InvalidParameterException.class, "InvalidParameter", 400, "Invalid parameter: FilterPolicy: failed to parse JSON.",
                    () -> sns.setSubscriptionAttributes(b -> b.subscriptionArn(arn).attributeName("FilterPolicy")
                            .attributeValue("[1,")));
        }
    }

    @Test
    void unsubscribeRemovesTheSubscriptionAndIsIdempotent(URI endpoint) {
        try (SnsClient sns = Clients.sns(endpoint)) {
            String topic = sns.createTopic(b -> b.name("leaving")).topicArn();
            String arn = sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(QUEUE)).subscriptionArn();
            sns.unsubscribe(b -> b.subscriptionArn(arn));
            assertEquals(List.of(), sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions());
            fails(NotFoundException.class, "NotFound", 404, "Subscription does not exist",
                    () -> sns.getSubscriptionAttributes(b -> b.subscriptionArn(arn)));
            sns.unsubscribe(b -> b.subscriptionArn(arn)); // again: SNS answers success (checked on AWS in moto's issue #3000)
            fails(InvalidParameterException.class, "InvalidParameter", 400, "Invalid parameter: SubscriptionArn",
                    () -> sns.unsubscribe(b -> b.subscriptionArn(topic)));
        }
    }

    @Test
    void subscriptionListingsPageByAHundred(URI endpoint) {
        try (SnsClient sns = Clients.sns(endpoint)) {
            String topic = sns.createTopic(b -> b.name("popular")).topicArn();
            IntStream.range(0, 103).forEach(i -> sns.subscribe(b -> b.topicArn(topic).protocol("sqs")
                    .endpoint(QUEUE + "-" + i)));
            ListSubscriptionsByTopicResponse first = sns.listSubscriptionsByTopic(b -> b.topicArn(topic));
            assertEquals(100, first.subscriptions().size());
            ListSubscriptionsByTopicResponse second = sns.listSubscriptionsByTopic(b -> b.topicArn(topic)
                    .nextToken(first.nextToken()));
            assertEquals(3, second.subscriptions().size());
            assertNull(second.nextToken());
            assertEquals(103, sns.listSubscriptionsPaginator().subscriptions().stream()
                    .filter(s -> s.topicArn().equals(topic)).count());
            fails(NotFoundException.class, "NotFound", 404, "Topic does not exist",
                    () -> sns.listSubscriptionsByTopic(b -> b.topicArn(topic + "-missing")));
        }
    }
}
