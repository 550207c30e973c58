package dev.cloudjar.it.sns;

import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.ListTopicsResponse;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sns.model.Tag;
import software.amazon.awssdk.services.sns.model.TagLimitExceededException;
import software.amazon.awssdk.services.sns.model.Topic;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static dev.cloudjar.it.fixtures.AwsErrors.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Topics through the SDK v2: CreateTopic's rules (SNS API reference, CreateTopic: names of 1-256
 * letters, digits, hyphens and underscores, ".fifo" with FifoTopic), attributes, listing in pages
 * of 100, deletion and tags, with SNS's error codes.
 */
@Cloudjar
class SnsTopicsTest {

    @Test
    void createTopicIsIdempotentForTheSameNameAndAttributes(URI endpoint) {
        try (SnsClient sns = Clients.sns(endpoint)) {
            String arn = sns.createTopic(b -> b.name("orders").attributes(Map.of("DisplayName", "Orders"))).topicArn();
            assertEquals("arn:aws:sns:us-east-1:000000000000:orders", arn);
            assertEquals(arn, sns.createTopic(b -> b.name("orders").attributes(Map.of("DisplayName", "Orders"))).topicArn());
            fails(InvalidParameterException.class, "InvalidParameter", 400,
                    "Invalid parameter: Attributes Reason: Topic already exists with different attributes",
                    () -> sns.createTopic(b -> b.name("orders").attributes(Map.of("DisplayName", "Other"))));
        }
    }

    @Test
    void topicNamesFollowSnsRulesAndFifoNeedsBothTheSuffixAndTheAttribute(URI endpoint) {
        try (SnsClient sns = Clients.sns(endpoint)) {
            fails(InvalidParameterException.class, "InvalidParameter", 400, "Invalid parameter: Topic Name",
                    () -> sns.createTopic(b -> b.name("has space")));
            fails(InvalidParameterException.class, "InvalidParameter", 400, "Invalid parameter: Topic Name",
                    () -> sns.createTopic(b -> b.name("x".repeat(257))));
            fails(InvalidParameterException.class, "InvalidParameter", 400, "Invalid parameter: Topic Name",
                    () -> sns.createTopic(b -> b.name("events.fifo")));
            InvalidParameterException fifo = org.junit.jupiter.api.Assertions.assertThrows(InvalidParameterException.class,
                    () -> sns.createTopic(b -> b.name("events").attributes(Map.of("FifoTopic", "true"))));
            assertTrue(fifo.awsErrorDetails().errorMessage().startsWith("Invalid parameter: Fifo Topic names must end with .fifo"));
            assertTrue(sns.createTopic(b -> b.name("x".repeat(256))).topicArn().endsWith(":" + "x".repeat(256)));

            String arn = sns.createTopic(b -> b.name("events.fifo").attributes(Map.of("FifoTopic", "true",
                    "ContentBasedDeduplication", "true"))).topicArn();
            Map<String, String> attributes = sns.getTopicAttributes(b -> b.topicArn(arn)).attributes();
            assertEquals("true", attributes.get("FifoTopic"));
            assertEquals("true", attributes.get("ContentBasedDeduplication"));
            fails(InvalidParameterException.class, "InvalidParameter", 400, "Invalid parameter: AttributeName",
                    () -> sns.createTopic(b -> b.name("standard").attributes(Map.of("ContentBasedDeduplication", "true"))));
        }
    }

    @Test
    void getTopicAttributesAnswersSnsDefaultsAndSetTopicAttributesChangesThem(URI endpoint) {
        try (SnsClient sns = Clients.sns(endpoint)) {
            String arn = sns.createTopic(b -> b.name("attributes")).topicArn();
            Map<String, String> attributes = sns.getTopicAttributes(b -> b.topicArn(arn)).attributes();
            assertEquals(arn, attributes.get("TopicArn"));
            assertEquals("000000000000", attributes.get("Owner"));
            assertEquals("", attributes.get("DisplayName"));
            assertEquals("0", attributes.get("SubscriptionsConfirmed"));
            assertEquals("0", attributes.get("SubscriptionsPending"));
            assertEquals("0", attributes.get("SubscriptionsDeleted"));
            assertTrue(attributes.get("Policy").contains("\"Resource\":\"" + arn + "\""), attributes.get("Policy"));
            assertTrue(attributes.get("EffectiveDeliveryPolicy").contains("defaultHealthyRetryPolicy"));
            assertFalse(attributes.containsKey("FifoTopic"));

            sns.setTopicAttributes(b -> b.topicArn(arn).attributeName("DisplayName").attributeValue("Shown"));
            assertEquals("Shown", sns.getTopicAttributes(b -> b.topicArn(arn)).attributes().get("DisplayName"));
            assertEquals(arn, sns.createTopic(b -> b.name("attributes")).topicArn(), "the name alone answers the topic");

            fails(InvalidParameterException.class, "InvalidParameter", 400, "Invalid parameter: AttributeName",
                    () -> sns.setTopicAttributes(b -> b.topicArn(arn).attributeName("Colour").attributeValue("red")));
            fails(InvalidParameterException.class, "InvalidParameter", 400, "Invalid parameter: Policy Reason: failed to parse JSON.",
                    () -> sns.setTopicAttributes(b -> b.topicArn(arn).attributeName("Policy").attributeValue("{")));
        }
    }

    @Test
    void aMissingOrMalformedTopicIsNotFoundOrAnInvalidParameter(URI endpoint) {
        try (SnsClient sns = Clients.sns(endpoint)) {
            fails(NotFoundException.class, "NotFound", 404, "Topic does not exist",
                    () -> sns.getTopicAttributes(b -> b.topicArn("arn:aws:sns:us-east-1:000000000000:missing")));
            fails(NotFoundException.class, "NotFound", 404, "Topic does not exist",
                    () -> sns.setTopicAttributes(b -> b.topicArn("arn:aws:sns:us-east-1:000000000000:missing")
                            .attributeName("DisplayName").attributeValue("x")));
            fails(InvalidParameterException.class, "InvalidParameter", 400, "Invalid parameter: TopicArn",
                    () -> sns.getTopicAttributes(b -> b.topicArn("not-an-arn")));
            fails(InvalidParameterException.class, "InvalidParameter", 400, "Invalid parameter: TopicArn",
                    () -> sns.getTopicAttributes(b -> b.topicArn("arn:aws:sns:eu-west-1:000000000000:elsewhere")));
        }
    }

    @Test
    void listTopicsPagesByAHundred(URI endpoint) {
        try (SnsClient sns = Clients.sns(endpoint)) {
            IntStream.range(0, 105).forEach(i -> sns.createTopic(b -> b.name(String.format("paged-%03d", i))));
            List<String> seen = new ArrayList<>();
            ListTopicsResponse first = sns.listTopics();
            assertEquals(100, first.topics().size());
            assertTrue(first.nextToken() != null);
            first.topics().forEach(t -> seen.add(t.topicArn()));
            ListTopicsResponse second = sns.listTopics(b -> b.nextToken(first.nextToken()));
            assertNull(second.nextToken());
            second.topics().forEach(t -> seen.add(t.topicArn()));
            Set<String> distinct = new HashSet<>(seen);
            assertEquals(seen.size(), distinct.size());
            assertTrue(distinct.containsAll(IntStream.range(0, 105)
                    .mapToObj(i -> String.format("arn:aws:sns:us-east-1:000000000000:paged-%03d", i)).toList()));
            assertEquals(seen.size(), sns.listTopicsPaginator().topics().stream().map(Topic::topicArn).count());
            fails(InvalidParameterException.class, "InvalidParameter", 400, "Invalid parameter: NextToken",
                    () -> sns.listTopics(b -> b.nextToken("%%%")));
        }
    }

    @Test
    void deleteTopicRemovesItAndItsSubscriptionsAndIsIdempotent(URI endpoint) {
        try (SnsClient sns = Clients.sns(endpoint)) {
            String arn = sns.createTopic(b -> b.name("doomed")).topicArn();
            sns.subscribe(b -> b.topicArn(arn).protocol("sqs").endpoint("arn:aws:sqs:us-east-1:000000000000:q"));
            sns.deleteTopic(b -> b.topicArn(arn));
            assertFalse(sns.listTopics().topics().stream().anyMatch(t -> t.topicArn().equals(arn)));
            assertFalse(sns.listSubscriptions().subscriptions().stream().anyMatch(s -> s.topicArn().equals(arn)));
            sns.deleteTopic(b -> b.topicArn(arn));
            fails(NotFoundException.class, "NotFound", 404, "Topic does not exist",
                    () -> sns.getTopicAttributes(b -> b.topicArn(arn)));
        }
    }

    @Test
    void tagsAreAddedListedAndRemoved(URI endpoint) {
        try (SnsClient sns = Clients.sns(endpoint)) {
            String arn = sns.createTopic(b -> b.name("tagged").tags(Tag.builder().key("team").value("core").build()))
                    .topicArn();
            sns.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("env").value("test").build()));
            assertEquals(Map.of("team", "core", "env", "test"), tags(sns, arn));
            sns.untagResource(b -> b.resourceArn(arn).tagKeys("team"));
            assertEquals(Map.of("env", "test"), tags(sns, arn));

            fails(ResourceNotFoundException.class, "ResourceNotFound", 404, "Resource does not exist",
                    () -> sns.listTagsForResource(b -> b.resourceArn("arn:aws:sns:us-east-1:000000000000:untagged")));
            fails(ResourceNotFoundException.class, "ResourceNotFound", 404, "Resource does not exist",
                    () -> sns.tagResource(b -> b.resourceArn("arn:aws:sns:us-east-1:000000000000:untagged")
                            .tags(Tag.builder().key("k").value("v").build())));
            List<Tag> many = IntStream.range(0, 50).mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList();
            fails(TagLimitExceededException.class, "TagLimitExceeded", 400,
                    "Could not complete request: tag quota of per resource exceeded",
                    () -> sns.tagResource(b -> b.resourceArn(arn).tags(many)));
        }
    }

    private static Map<String, String> tags(SnsClient sns, String arn) {
        Map<String, String> tags = new java.util.HashMap<>();
        sns.listTagsForResource(b -> b.resourceArn(arn)).tags().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }
}
