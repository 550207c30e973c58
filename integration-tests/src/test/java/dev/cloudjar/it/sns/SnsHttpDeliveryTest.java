package dev.cloudjar.it.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cloudjar.it.fixtures.Clients;
import dev.cloudjar.it.fixtures.HttpEndpoint;
import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.cloudjar.it.fixtures.AwsErrors.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SNS's http/https subscriptions through the SDK v2, against an HTTP server in the test. Expected
 * requests: SNS Developer Guide, "Use Amazon SNS to send messages to HTTP/S endpoints" (the
 * confirmation, the SubscribeURL, the headers), "Amazon SNS message and JSON formats" (the three
 * documents), "Verifying the signatures of Amazon SNS messages" (the strings to sign, the
 * certificate at SigningCertURL, SHA1withRSA for version 1 and SHA256withRSA for 2) and
 * "Amazon SNS message delivery retries" (three retries by default; 5xx retried; the DLQ after).
 * Retry delays are scaled down by {@code sns-http-retry-delay-scale}.
 */
@Cloudjar(options = "sns-http-retry-delay-scale=0.001")
class SnsHttpDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final List<String> NOTIFICATION_FIELDS = List.of("Message", "MessageId", "Subject", "Timestamp",
            "TopicArn", "Type");
    private static final List<String> CONFIRMATION_FIELDS = List.of("Message", "MessageId", "SubscribeURL",
            "Timestamp", "Token", "TopicArn", "Type");

    /** Subscribes the endpoint, checks the SubscriptionConfirmation it receives and confirms through its SubscribeURL. */
    private static String subscribeAndConfirm(SnsClient sns, String topic, HttpEndpoint endpoint, String path,
                                              Map<String, String> attributes) throws Exception {
        assertEquals("pending confirmation", sns.subscribe(b -> b.topicArn(topic).protocol("http")
                .endpoint(endpoint.url(path)).attributes(attributes)).subscriptionArn());
        HttpEndpoint.Received request = endpoint.next();
        assertEquals("POST", request.method());
        assertEquals(path, request.path());
        assertEquals("SubscriptionConfirmation", request.header("x-amz-sns-message-type"));
        assertEquals(topic, request.header("x-amz-sns-topic-arn"));
        assertNull(request.header("x-amz-sns-subscription-arn"));
        assertEquals("text/plain; charset=UTF-8", request.header("content-type"));
        JsonNode confirmation = JSON.readTree(request.body());
        assertEquals(request.header("x-amz-sns-message-id"), confirmation.path("MessageId").asText());
        assertEquals("SubscriptionConfirmation", confirmation.path("Type").asText());
        assertEquals(topic, confirmation.path("TopicArn").asText());
        assertEquals("You have chosen to subscribe to the topic " + topic
                + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.",
                confirmation.path("Message").asText());
        String token = confirmation.path("Token").asText();
        assertTrue(confirmation.path("SubscribeURL").asText().endsWith("/?Action=ConfirmSubscription&TopicArn="
                + topic + "&Token=" + token), confirmation.path("SubscribeURL").asText());
        assertVerifies(confirmation, CONFIRMATION_FIELDS);

        // The SubscribeURL is a plain GET, unsigned, as an endpoint's code (or a browser) opens it.
        HttpResponse<String> confirmed = HTTP.send(HttpRequest.newBuilder(URI.create(
                confirmation.path("SubscribeURL").asText())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        String arn = between(confirmed.body(), "<SubscriptionArn>", "</SubscriptionArn>");
        assertTrue(arn.startsWith(topic + ":"), confirmed.body());
        assertEquals("false", sns.getSubscriptionAttributes(b -> b.subscriptionArn(arn)).attributes()
                .get("PendingConfirmation"));
        return arn;
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertTrue(from >= 0, text);
        return text.substring(from + start.length(), text.indexOf(end, from));
    }

    /** As "Verifying the signatures of Amazon SNS messages" says: the string to sign, the certificate, the check. */
    static void assertVerifies(JsonNode message, List<String> fields) throws Exception {
        assertVerifies(message, fields, URI.create(message.path("SigningCertURL").asText()));
    }

    /** Verifies against the certificate at {@code certificate} (a restarted server's, on another port). */
    static void assertVerifies(JsonNode message, List<String> fields, URI certificate) throws Exception {
        HttpResponse<String> pem = HTTP.send(HttpRequest.newBuilder(certificate).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, pem.statusCode());
        PublicKey key = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.body().getBytes(StandardCharsets.US_ASCII))).getPublicKey();
        StringBuilder canonical = new StringBuilder();
        for (String field : fields) {
            if (message.has(field)) {
                canonical.append(field).append('\n').append(message.path(field).asText()).append('\n');
            }
        }
        String version = message.path("SignatureVersion").asText();
        Signature verifier = Signature.getInstance(version.equals("2") ? "SHA256withRSA" : "SHA1withRSA");
        verifier.initVerify(key);
        verifier.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
        assertTrue(verifier.verify(Base64.getDecoder().decode(message.path("Signature").asText())),
                "signature version " + version + " verifies");
    }

    @Test
    void anHttpEndpointConfirmsThroughSubscribeUrlThenReceivesSignedNotifications(URI cloudjar) throws Exception {
        try (SnsClient sns = Clients.sns(cloudjar); HttpEndpoint endpoint = new HttpEndpoint()) {
            String topic = sns.createTopic(b -> b.name("to-http")).topicArn();
            String subscription = subscribeAndConfirm(sns, topic, endpoint, "/hook", Map.of());

            String messageId = sns.publish(b -> b.topicArn(topic).message("hello endpoint").subject("Greeting")
                    .messageAttributes(Map.of("colour", MessageAttributeValue.builder().dataType("String")
                            .stringValue("blue").build()))).messageId();
            HttpEndpoint.Received request = endpoint.next();
            assertEquals("Notification", request.header("x-amz-sns-message-type"));
            assertEquals(messageId, request.header("x-amz-sns-message-id"));
            assertEquals(topic, request.header("x-amz-sns-topic-arn"));
            assertEquals(subscription, request.header("x-amz-sns-subscription-arn"));
            assertEquals("text/plain; charset=UTF-8", request.header("content-type"));
            JsonNode notification = JSON.readTree(request.body());
            assertEquals("Notification", notification.path("Type").asText());
            assertEquals(messageId, notification.path("MessageId").asText());
            assertEquals("Greeting", notification.path("Subject").asText());
            assertEquals("hello endpoint", notification.path("Message").asText());
            assertEquals("1", notification.path("SignatureVersion").asText());
            assertEquals("blue", notification.at("/MessageAttributes/colour/Value").asText());
            assertTrue(notification.path("UnsubscribeURL").asText().endsWith("/?Action=Unsubscribe&SubscriptionArn="
                    + subscription), notification.path("UnsubscribeURL").asText());
            assertVerifies(notification, NOTIFICATION_FIELDS);

            sns.unsubscribe(b -> b.subscriptionArn(subscription));
            HttpEndpoint.Received unsubscribed = endpoint.next();
            assertEquals("UnsubscribeConfirmation", unsubscribed.header("x-amz-sns-message-type"));
            assertEquals(subscription, unsubscribed.header("x-amz-sns-subscription-arn"));
            JsonNode document = JSON.readTree(unsubscribed.body());
            assertEquals("You have chosen to deactivate subscription " + subscription + ".\nTo cancel this operation and"
                    + " restore the subscription, visit the SubscribeURL included in this message.",
                    document.path("Message").asText());
            assertVerifies(document, CONFIRMATION_FIELDS);
        }
    }

    /** A topic's SignatureVersion 2 signs with SHA256withRSA; RawMessageDelivery posts the message itself. */
    @Test
    void signatureVersionTwoAndRawDelivery(URI cloudjar) throws Exception {
        try (SnsClient sns = Clients.sns(cloudjar); HttpEndpoint endpoint = new HttpEndpoint();
             HttpEndpoint raw = new HttpEndpoint()) {
            String topic = sns.createTopic(b -> b.name("signed-v2").attributes(Map.of("SignatureVersion", "2")))
                    .topicArn();
            subscribeAndConfirm(sns, topic, endpoint, "/v2", Map.of());
            subscribeAndConfirm(sns, topic, raw, "/raw", Map.of("RawMessageDelivery", "true"));

            sns.publish(b -> b.topicArn(topic).message("{\"order\":7}"));
            JsonNode notification = JSON.readTree(endpoint.next().body());
            assertEquals("2", notification.path("SignatureVersion").asText());
            assertFalse(notification.has("Subject"));
            assertVerifies(notification, NOTIFICATION_FIELDS);
            HttpEndpoint.Received rawRequest = raw.next();
            assertEquals("{\"order\":7}", rawRequest.body());
            assertEquals("true", rawRequest.header("x-amz-sns-rawdelivery"));
            assertEquals("Notification", rawRequest.header("x-amz-sns-message-type"));
        }
    }

    /** A filter policy applies to http subscriptions as to any other. */
    @Test
    void onlyMessagesTheFilterPolicyMatchesArePosted(URI cloudjar) throws Exception {
        try (SnsClient sns = Clients.sns(cloudjar); HttpEndpoint endpoint = new HttpEndpoint()) {
            String topic = sns.createTopic(b -> b.name("filtered-http")).topicArn();
            subscribeAndConfirm(sns, topic, endpoint, "/filtered",
                    Map.of("FilterPolicy", "{\"colour\":[\"red\"]}"));
            sns.publish(b -> b.topicArn(topic).message("blue one").messageAttributes(Map.of("colour",
                    MessageAttributeValue.builder().dataType("String").stringValue("blue").build())));
            sns.publish(b -> b.topicArn(topic).message("red one").messageAttributes(Map.of("colour",
                    MessageAttributeValue.builder().dataType("String").stringValue("red").build())));
            assertEquals("red one", JSON.readTree(endpoint.next().body()).path("Message").asText());
        }
    }

    /** A 5xx answer is retried (by default three times); the same message arrives again. */
    @Test
    void aFailingEndpointIsRetriedUntilItAccepts(URI cloudjar) throws Exception {
        try (SnsClient sns = Clients.sns(cloudjar); HttpEndpoint endpoint = new HttpEndpoint()) {
            String topic = sns.createTopic(b -> b.name("flaky-http")).topicArn();
            subscribeAndConfirm(sns, topic, endpoint, "/flaky", Map.of());
            endpoint.answering(500, 503);
            String messageId = sns.publish(b -> b.topicArn(topic).message("try again")).messageId();
            for (int attempt = 1; attempt <= 3; attempt++) {
                assertEquals(messageId, endpoint.next().header("x-amz-sns-message-id"), "attempt " + attempt);
            }
        }
    }

    /**
     * Once the delivery policy is spent (here: one retry, with no delay), the message goes to the
     * subscription's RedrivePolicy queue ("Amazon SNS dead-letter queues").
     */
    @Test
    void aMessageTheEndpointNeverAcceptsGoesToTheDeadLetterQueue(URI cloudjar) throws Exception {
        try (SnsClient sns = Clients.sns(cloudjar); SqsClient sqs = Clients.sqs(cloudjar);
             HttpEndpoint endpoint = new HttpEndpoint()) {
            String dlq = sqs.createQueue(b -> b.queueName("http-dead-letters")).queueUrl();
            String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String topic = sns.createTopic(b -> b.name("down-http")).topicArn();
            subscribeAndConfirm(sns, topic, endpoint, "/down", Map.of(
                    "RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlqArn + "\"}",
                    "DeliveryPolicy", "{\"healthyRetryPolicy\":{\"numRetries\":1,\"numNoDelayRetries\":1,"
                            + "\"minDelayTarget\":1,\"maxDelayTarget\":1}}"));
            endpoint.answering(500, 500);
            String messageId = sns.publish(b -> b.topicArn(topic).message("lost")).messageId();
            endpoint.next();
            endpoint.next();
            List<Message> dead = sqs.receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(20)).messages();
            assertEquals(1, dead.size());
            JsonNode envelope = JSON.readTree(dead.get(0).body());
            assertEquals(messageId, envelope.path("MessageId").asText());
            assertEquals("lost", envelope.path("Message").asText());
        }
    }

    @Test
    void aWrongTokenOrABadDeliveryPolicyIsRefused(URI cloudjar) throws Exception {
        try (SnsClient sns = Clients.sns(cloudjar); HttpEndpoint endpoint = new HttpEndpoint()) {
            String topic = sns.createTopic(b -> b.name("refusing-http")).topicArn();
            sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint(endpoint.url("/x")));
            endpoint.next();
            fails(InvalidParameterException.class, "InvalidParameter", 400, "Invalid parameter: Token",
                    () -> sns.confirmSubscription(b -> b.topicArn(topic).token("not-the-token")));
            fails(InvalidParameterException.class, "InvalidParameter", 400, "Invalid parameter: Endpoint",
                    () -> sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint("ftp://example.com/")));
            // Cloudjar's wording: SNS's own text for an out-of-range policy is not in its documentation.
            fails(InvalidParameterException.class, "InvalidParameter", 400,
                    "Invalid parameter: DeliveryPolicy: numRetries must be between 0 and 100",
                    () -> sns.subscribe(b -> b.topicArn(topic).protocol("http").endpoint(endpoint.url("/y"))
                            .attributes(Map.of("DeliveryPolicy", "{\"healthyRetryPolicy\":{\"numRetries\":101}}"))));
        }
    }

    /** boto3 subscribes an endpoint, which confirms through the SubscribeURL, then receives a notification. */
    @Test
    void boto3SubscribesAnEndpointThatConfirmsAndReceives(URI cloudjar) throws Exception {
        try (HttpEndpoint endpoint = new HttpEndpoint()) {
            String script = "import boto3, sys, urllib.request\n"
                    + "kw = dict(endpoint_url='" + cloudjar + "', region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')\n"
                    + "sns = boto3.client('sns', **kw)\n"
                    + "topic = sns.create_topic(Name='py-http')['TopicArn']\n"
                    + "print(sns.subscribe(TopicArn=topic, Protocol='http', Endpoint='" + endpoint.url("/py") + "')['SubscriptionArn'])\n"
                    + "sys.stdout.flush()\n"
                    + "url = sys.stdin.readline().strip()\n"
                    + "urllib.request.urlopen(url).read()\n"
                    + "sns.publish(TopicArn=topic, Message='from python')\n"
                    + "print(sns.list_subscriptions_by_topic(TopicArn=topic)['Subscriptions'][0]['SubscriptionArn'].startswith(topic))\n";
            Process python = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
            try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
                 var in = python.getOutputStream()) {
                assertEquals("pending confirmation", out.readLine());
                JsonNode confirmation = JSON.readTree(endpoint.next().body());
                in.write((confirmation.path("SubscribeURL").asText() + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
                assertEquals("from python", JSON.readTree(endpoint.next().body()).path("Message").asText());
                assertEquals("True", out.readLine());
            }
            assertEquals(0, python.waitFor());
        }
    }
}
