package dev.cloudjar.it.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static dev.cloudjar.it.fixtures.AwsErrors.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * E-mail and SMS: nothing is sent, what SNS would send is listed at {@code GET /_cloudjar/sns/sent}.
 * Expected behaviour: SNS Developer Guide, "Email notifications" (an e-mail subscription waits for
 * its confirmation link; email-json receives SNS's JSON), "Mobile text messaging (SMS)" (an sms
 * subscription needs no confirmation; Publish with PhoneNumber sends one message).
 */
@Cloudjar
class SnsEmailSmsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The records sent to this destination, oldest first. */
    private static List<JsonNode> sentTo(URI cloudjar, String destination) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(cloudjar.resolve("/_cloudjar/sns/sent")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        List<JsonNode> matching = new ArrayList<>();
        JSON.readTree(response.body()).forEach(n -> {
            if (n.path("destination").asText().equals(destination)) {
                matching.add(n);
            }
        });
        return matching;
    }

    @Test
    void anEmailSubscriptionIsConfirmedThroughTheRecordedLinkThenReceivesNotifications(URI cloudjar) throws Exception {
        try (SnsClient sns = Clients.sns(cloudjar)) {
            String topic = sns.createTopic(b -> b.name("mail")).topicArn();
            assertEquals("pending confirmation", sns.subscribe(b -> b.topicArn(topic).protocol("email")
                    .endpoint("reader@example.com")).subscriptionArn());
            sns.publish(b -> b.topicArn(topic).message("not yet"));

            List<JsonNode> sent = sentTo(cloudjar, "reader@example.com");
            assertEquals(1, sent.size(), "a pending subscription receives only its confirmation: " + sent);
            JsonNode confirmation = sent.get(0);
            assertEquals("SubscriptionConfirmation", confirmation.path("type").asText());
            assertEquals("email", confirmation.path("protocol").asText());
            assertEquals("AWS Notification - Subscription Confirmation", confirmation.path("subject").asText());
            assertEquals("000000000000", confirmation.path("accountId").asText());
            assertEquals("us-east-1", confirmation.path("region").asText());
            String link = confirmation.path("subscribeUrl").asText();
            assertTrue(confirmation.path("body").asText().contains(link), confirmation.path("body").asText());
            assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(link)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());

            sns.publish(b -> b.topicArn(topic).message("now you see it").subject("News"));
            sent = sentTo(cloudjar, "reader@example.com");
            assertEquals(2, sent.size());
            JsonNode notification = sent.get(1);
            assertEquals("Notification", notification.path("type").asText());
            assertEquals("News", notification.path("subject").asText());
            assertTrue(notification.path("body").asText().startsWith("now you see it"), notification.path("body").asText());
            assertTrue(notification.path("body").asText().contains("/?Action=Unsubscribe&SubscriptionArn="),
                    notification.path("body").asText());
        }
    }

    @Test
    void emailJsonReceivesSnsJsonAndAConfirmationWithItsToken(URI cloudjar) throws Exception {
        try (SnsClient sns = Clients.sns(cloudjar)) {
            String topic = sns.createTopic(b -> b.name("mail-json")).topicArn();
            sns.subscribe(b -> b.topicArn(topic).protocol("email-json").endpoint("robot@example.com"));
            JsonNode confirmation = JSON.readTree(sentTo(cloudjar, "robot@example.com").get(0).path("body").asText());
            assertEquals("SubscriptionConfirmation", confirmation.path("Type").asText());
            String token = confirmation.path("Token").asText();
            String arn = sns.confirmSubscription(b -> b.topicArn(topic).token(token)).subscriptionArn();
            assertTrue(arn.startsWith(topic + ":"), arn);

            String messageId = sns.publish(b -> b.topicArn(topic).message("as json")).messageId();
            JsonNode sent = sentTo(cloudjar, "robot@example.com").get(1);
            assertEquals("AWS Notification Message", sent.path("subject").asText());
            JsonNode envelope = JSON.readTree(sent.path("body").asText());
            assertEquals("Notification", envelope.path("Type").asText());
            assertEquals(messageId, envelope.path("MessageId").asText());
            assertEquals("as json", envelope.path("Message").asText());
        }
    }

    @Test
    void smsSubscriptionsNeedNoConfirmationAndPublishToAPhoneNumberIsRecorded(URI cloudjar) throws Exception {
        try (SnsClient sns = Clients.sns(cloudjar)) {
            String topic = sns.createTopic(b -> b.name("texts")).topicArn();
            String subscription = sns.subscribe(b -> b.topicArn(topic).protocol("sms").endpoint("+15555550100"))
                    .subscriptionArn();
            assertTrue(subscription.startsWith(topic + ":"), subscription);
            sns.publish(b -> b.topicArn(topic).message("via the topic"));
            String direct = sns.publish(b -> b.phoneNumber("+15555550100").message("straight to the phone")).messageId();

            List<JsonNode> sent = sentTo(cloudjar, "+15555550100");
            assertEquals(2, sent.size());
            assertEquals("via the topic", sent.get(0).path("body").asText());
            assertEquals(subscription, sent.get(0).path("subscriptionArn").asText());
            assertEquals("SMS", sent.get(1).path("type").asText());
            assertEquals(direct, sent.get(1).path("messageId").asText());
            assertEquals("straight to the phone", sent.get(1).path("body").asText());
            fails(InvalidParameterException.class, "InvalidParameter", 400,
                    "Invalid parameter: PhoneNumber Reason: input incorrectly formatted",
                    () -> sns.publish(b -> b.phoneNumber("not a number").message("x")));
        }
    }

    @Test
    void theSentListAnswersOnlyGet(URI cloudjar) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(cloudjar.resolve("/_cloudjar/sns/sent"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, response.statusCode());
        assertEquals("GET", response.headers().firstValue("Allow").orElse(""));
    }
}
