package dev.cloudjar.sns.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.core.spi.Deliveries;
import dev.cloudjar.core.spi.HttpDelivery;
import dev.cloudjar.core.spi.RetryPolicy;
import dev.cloudjar.sns.store.SubscriptionRecord;
import dev.cloudjar.sns.store.TopicRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What SNS POSTs to an http/https subscription ("Use Amazon SNS to send messages to HTTP/S
 * endpoints"), as durable deliveries through core's HTTP receiver: the subscription confirmation,
 * each notification (SNS's envelope, or with RawMessageDelivery the message itself) and the
 * unsubscribe confirmation, each with SNS's {@code x-amz-sns-*} headers. An answer below 500 counts
 * as delivered; a 5xx, no answer or none within 15 seconds is retried by the subscription's
 * delivery policy ({@link HttpDeliveryPolicy}), then goes to its RedrivePolicy queue.
 */
public final class HttpSubscribers {
    /** SNS waits about 15 seconds for an endpoint's answer ("Step 1: Prepare your HTTP/S endpoint"). */
    private static final long TIMEOUT_MILLIS = 15_000;
    private static final String USER_AGENT = "Amazon Simple Notification Service Agent";

    private final Deliveries deliveries;
    private final Messages messages;
    private final double delayScale;

    /** @param delayScale factor on the delivery policy's delays ({@code --sns-http-retry-delay-scale}) */
    public HttpSubscribers(Deliveries deliveries, Messages messages, double delayScale) {
        this.deliveries = deliveries;
        this.messages = messages;
        this.delayScale = delayScale;
    }

    public void notification(SubscriptionRecord s, PublishedMessage m) {
        Map<String, String> headers = headers("Notification", m.messageId(), m.topic(), s);
        String body;
        if (s.rawMessageDelivery()) {
            body = m.messageFor(s.protocol());
            headers.put("x-amz-sns-rawdelivery", "true");
        } else {
            body = messages.envelope(s, m).toString();
        }
        submit(m.topic(), s, headers, body, Fanout.deadLetter(s));
    }

    /** A SubscriptionConfirmation or UnsubscribeConfirmation; neither goes to a dead-letter queue. */
    public void confirmation(String type, TopicRecord topic, SubscriptionRecord s, String token, Instant now) {
        ObjectNode document = messages.confirmation(type, topic, s, token, now);
        // SNS names the subscription in the headers once it exists: not in a SubscriptionConfirmation.
        Map<String, String> headers = headers(type, document.path("MessageId").asText(), topic,
                type.equals("SubscriptionConfirmation") ? null : s);
        submit(topic, s, headers, document.toString(), null);
    }

    private static Map<String, String> headers(String type, String messageId, TopicRecord topic, SubscriptionRecord s) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amz-sns-message-type", type);
        headers.put("x-amz-sns-message-id", messageId);
        headers.put("x-amz-sns-topic-arn", topic.arn());
        if (s != null) {
            headers.put("x-amz-sns-subscription-arn", s.arn());
        }
        headers.put("User-Agent", USER_AGENT);
        return headers;
    }

    private void submit(TopicRecord topic, SubscriptionRecord s, Map<String, String> headers, String body,
                        String deadLetter) {
        HttpDeliveryPolicy policy = HttpDeliveryPolicy.of(topic, s);
        headers.put("Content-Type", policy.contentType());
        List<Long> waits = policy.waits(delayScale);
        HttpDelivery request = new HttpDelivery("POST", s.endpoint(), headers, body, TIMEOUT_MILLIS, Set.of(), true,
                true, waits, deadLetter, body);
        // The attempts are counted by the policy; the age limit only stops a delivery a long outage left behind.
        RetryPolicy retry = new RetryPolicy(waits.size() + 1, Duration.ofDays(1), Duration.ofSeconds(20),
                Duration.ofSeconds(20), Duration.ofSeconds(1), Duration.ofMinutes(5));
        deliveries.submit(request.delivery(topic.arn(), topic.owner(), retry));
    }
}
