package dev.cloudjar.it.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.fixtures.Queues;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rules whose target is an event bus, through the SDK v2. Expected behaviour: EventBridge User
 * Guide, "Sending and receiving events between event buses in the same account and Region" (the
 * receiving bus's rules match the sender's event; EventBridge can't route an event received from a
 * sender bus to a third bus) and "Sending and receiving events between AWS Regions"; the event
 * itself is "Amazon EventBridge events"' envelope, unchanged on the way.
 */
@Cloudjar(options = "credentials=test:test,partner:partner-secret:111111111111")
class EventBridgeBusTargetTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::000000000000:role/events-to-bus";

    private static JsonNode next(SqsClient sqs, String url) throws IOException {
        return JSON.readTree(Queues.next(sqs, url).body());
    }

    private static PutEventsRequestEntry order(String bus, String detail) {
        return PutEventsRequestEntry.builder().eventBusName(bus).source("shop").detailType("Order Placed")
                .resources("arn:aws:shop:::order/1").time(Instant.parse("2026-12-07T10:15:30Z")).detail(detail).build();
    }

    /** A rule on the sender bus → the receiver bus → the receiver's rule → a queue: the event arrives as it was put. */
    @Test
    void aRuleForwardsTheEventUnchangedToAnotherBusWhoseRulesDeliverIt(URI endpoint) throws IOException {
        try (EventBridgeClient events = Clients.eventBridge(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String url = sqs.createQueue(b -> b.queueName("bus-to-bus")).queueUrl();
            events.createEventBus(b -> b.name("sender"));
            String receiver = events.createEventBus(b -> b.name("receiver")).eventBusArn();
            events.putRule(b -> b.name("forward").eventBusName("sender").eventPattern("{\"source\":[\"shop\"]}"));
            events.putTargets(b -> b.rule("forward").eventBusName("sender")
                    .targets(Target.builder().id("bus").arn(receiver).roleArn(ROLE).build()));
            events.putRule(b -> b.name("deliver").eventBusName("receiver")
                    .eventPattern("{\"detail-type\":[\"Order Placed\"],\"detail\":{\"total\":[{\"numeric\":[\">\",10]}]}}"));
            events.putTargets(b -> b.rule("deliver").eventBusName("receiver")
                    .targets(Target.builder().id("q").arn(Queues.arn(sqs, url)).build()));

            String id = events.putEvents(b -> b.entries(order("sender", "{\"total\":42}"))).entries().get(0).eventId();

            JsonNode event = next(sqs, url);
            assertEquals(id, event.path("id").asText());
            assertEquals("Order Placed", event.path("detail-type").asText());
            assertEquals("shop", event.path("source").asText());
            assertEquals("000000000000", event.path("account").asText());
            assertEquals("2026-12-07T10:15:30Z", event.path("time").asText());
            assertEquals("us-east-1", event.path("region").asText());
            assertEquals("arn:aws:shop:::order/1", event.at("/resources/0").asText());
            assertEquals(42, event.at("/detail/total").asInt());
            assertEquals(ROLE, events.listTargetsByRule(b -> b.rule("forward").eventBusName("sender"))
                    .targets().get(0).roleArn(), "the target keeps its role");
        }
    }

    /** "Sending and receiving events between AWS Regions": the target bus's ARN names its Region. */
    @Test
    void aRuleForwardsToABusInAnotherRegion(URI endpoint) throws IOException {
        try (EventBridgeClient events = Clients.eventBridge(endpoint); SqsClient sqs = Clients.sqs(endpoint);
             SqsClient westSqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_WEST_2)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                     .httpClient(UrlConnectionHttpClient.create()).build();
             EventBridgeClient westEvents = EventBridgeClient.builder().endpointOverride(endpoint).region(Region.US_WEST_2)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            String url = westSqs.createQueue(b -> b.queueName("bus-in-west")).queueUrl();
            westEvents.putRule(b -> b.name("west-orders").eventPattern("{\"source\":[\"shop\"]}"));
            westEvents.putTargets(b -> b.rule("west-orders").targets(Target.builder().id("q").arn(Queues.arn(westSqs, url)).build()));
            events.putRule(b -> b.name("to-west").eventPattern("{\"source\":[\"shop\"]}"));
            events.putTargets(b -> b.rule("to-west").targets(Target.builder().id("west")
                    .arn("arn:aws:events:us-west-2:000000000000:event-bus/default").roleArn(ROLE).build()));

            String id = events.putEvents(b -> b.entries(order(null, "{\"total\":1}"))).entries().get(0).eventId();

            JsonNode event = next(westSqs, url);
            assertEquals(id, event.path("id").asText());
            assertEquals("us-east-1", event.path("region").asText(), "the event keeps the Region it was put in");
            assertTrue(sqs.listQueues(b -> b.queueNamePrefix("bus-in-west")).queueUrls().isEmpty(),
                    "the queue lives in us-west-2 only");
        }
    }

    /**
     * "Sending and receiving events between AWS accounts": the receiving account's rule matches the
     * sender's event, which still names the account it was put in. (The receiving bus's policy that
     * AWS requires is not enforced: Cloudjar has no bus policies yet.)
     */
    @Test
    void aRuleForwardsToABusInAnotherAccount(URI endpoint) throws IOException {
        AwsBasicCredentials other = AwsBasicCredentials.create("partner", "partner-secret");
        try (EventBridgeClient events = Clients.eventBridge(endpoint);
             EventBridgeClient otherEvents = Clients.client(EventBridgeClient.builder(), endpoint, other);
             SqsClient otherSqs = Clients.client(SqsClient.builder(), endpoint, other)) {
            String url = otherSqs.createQueue(b -> b.queueName("bus-in-other-account")).queueUrl();
            String queueArn = Queues.arn(otherSqs, url);
            assertTrue(queueArn.contains(":111111111111:"), queueArn);
            otherEvents.putRule(b -> b.name("from-partner").eventPattern("{\"account\":[\"000000000000\"]}"));
            otherEvents.putTargets(b -> b.rule("from-partner").targets(Target.builder().id("q").arn(queueArn).build()));
            events.putRule(b -> b.name("to-partner").eventPattern("{\"source\":[\"shop\"]}"));
            events.putTargets(b -> b.rule("to-partner").targets(Target.builder().id("partner")
                    .arn("arn:aws:events:us-east-1:111111111111:event-bus/default").roleArn(ROLE).build()));

            String id = events.putEvents(b -> b.entries(order(null, "{\"total\":2}"))).entries().get(0).eventId();

            JsonNode event = next(otherSqs, url);
            assertEquals(id, event.path("id").asText());
            assertEquals("000000000000", event.path("account").asText());
        }
    }

    /**
     * "EventBridge can't route events received from a sender event bus to a third event bus": the
     * receiver's rule delivers to its queue but not on to the third bus, which still gets events put
     * on the receiver directly.
     */
    @Test
    void anEventFromAnotherBusIsNotForwardedToAThirdBus(URI endpoint) throws IOException {
        try (EventBridgeClient events = Clients.eventBridge(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String second = sqs.createQueue(b -> b.queueName("second-bus")).queueUrl();
            String third = sqs.createQueue(b -> b.queueName("third-bus")).queueUrl();
            events.createEventBus(b -> b.name("first"));
            String secondBus = events.createEventBus(b -> b.name("second")).eventBusArn();
            String thirdBus = events.createEventBus(b -> b.name("third")).eventBusArn();
            events.putRule(b -> b.name("one-two").eventBusName("first").eventPattern("{\"source\":[\"shop\"]}"));
            events.putTargets(b -> b.rule("one-two").eventBusName("first").targets(Target.builder().id("b").arn(secondBus).build()));
            events.putRule(b -> b.name("two-three").eventBusName("second").eventPattern("{\"source\":[\"shop\"]}"));
            events.putTargets(b -> b.rule("two-three").eventBusName("second").targets(
                    Target.builder().id("b").arn(thirdBus).build(),
                    Target.builder().id("q").arn(Queues.arn(sqs, second)).build()));
            events.putRule(b -> b.name("three").eventBusName("third").eventPattern("{\"source\":[\"shop\"]}"));
            events.putTargets(b -> b.rule("three").eventBusName("third").targets(Target.builder().id("q").arn(Queues.arn(sqs, third)).build()));

            String forwarded = events.putEvents(b -> b.entries(order("first", "{\"n\":1}"))).entries().get(0).eventId();
            assertEquals(forwarded, next(sqs, second).path("id").asText());
            String direct = events.putEvents(b -> b.entries(order("second", "{\"n\":2}"))).entries().get(0).eventId();

            assertEquals(direct, next(sqs, third).path("id").asText());
            assertTrue(sqs.receiveMessage(b -> b.queueUrl(third).waitTimeSeconds(1)).messages().isEmpty(),
                    "the event forwarded from the first bus went no further than the second");
        }
    }

    /**
     * "Using dead-letter queues to process undelivered events": a target bus that does not exist
     * cannot take the event, which goes to the target's dead-letter queue.
     */
    @Test
    void anEventForAMissingBusLandsInTheTargetsDeadLetterQueue(URI endpoint) throws IOException {
        try (EventBridgeClient events = Clients.eventBridge(endpoint); SqsClient sqs = Clients.sqs(endpoint)) {
            String dlq = sqs.createQueue(b -> b.queueName("bus-dlq")).queueUrl();
            events.putRule(b -> b.name("to-absent-bus").eventPattern("{\"source\":[\"shop\"]}"));
            events.putTargets(b -> b.rule("to-absent-bus").targets(Target.builder().id("gone")
                    .arn("arn:aws:events:us-east-1:000000000000:event-bus/absent").roleArn(ROLE)
                    .deadLetterConfig(d -> d.arn(Queues.arn(sqs, dlq))).build()));

            String id = events.putEvents(b -> b.entries(order(null, "{\"n\":3}"))).entries().get(0).eventId();

            assertEquals(id, next(sqs, dlq).path("id").asText());
        }
    }

    /**
     * PutTargets reference ("Input, InputPath, and InputTransformer are not available with PutTarget if
     * the target is an event bus of a different account") and EventBridge's recorded answer for a bus
     * of the same account too: a bus target's input cannot be changed.
     */
    @Test
    void aBusTargetRefusesInputTransformation(URI endpoint) {
        try (EventBridgeClient events = Clients.eventBridge(endpoint)) {
            String bus = events.createEventBus(b -> b.name("untransformed")).eventBusArn();
            events.putRule(b -> b.name("to-untransformed").eventPattern("{\"source\":[\"shop\"]}"));

            EventBridgeException refused = assertThrows(EventBridgeException.class, () -> events.putTargets(b -> b
                    .rule("to-untransformed").targets(Target.builder().id("forward-to-bus").arn(bus)
                            .inputTransformer(t -> t.inputPathsMap(Map.of("d", "$.detail")).inputTemplate("<d>")).build())));
            assertEquals("ValidationException", refused.awsErrorDetails().errorCode());
            assertEquals("Modifying the input for target forward-to-bus is not supported", refused.awsErrorDetails().errorMessage());
            assertEquals("ValidationException", assertThrows(EventBridgeException.class, () -> events.putTargets(b -> b
                    .rule("to-untransformed").targets(Target.builder().id("constant").arn(bus).input("{}").build())))
                    .awsErrorDetails().errorCode());
            assertTrue(events.listTargetsByRule(b -> b.rule("to-untransformed")).targets().isEmpty(), "nothing was stored");
        }
    }
}
