package dev.cloudjar.sns.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.core.spi.Deliveries;
import dev.cloudjar.core.spi.Delivery;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.sns.store.SnsStore;
import dev.cloudjar.sns.store.SubscriptionRecord;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hands a published message to each confirmed subscription of its topic whose filter policy
 * accepts it: an SQS queue receives SNS's JSON envelope (or, with RawMessageDelivery, the message
 * itself with its attributes as SQS message attributes), a Lambda function an asynchronous invoke
 * with SNS's event, both through core's delivery queue; an http/https endpoint a POST
 * ({@link HttpSubscribers}); e-mail and SMS are recorded ({@link Outbox}). Application and
 * firehose subscriptions are not delivered. A subscription's RedrivePolicy queue is the
 * delivery's dead-letter target.
 */
public final class Fanout {
    private final SnsStore store;
    private final Deliveries deliveries;
    private final Messages messages;
    private final HttpSubscribers http;
    private final Outbox outbox;
    private final SubscriptionFilter filter;

    public Fanout(SnsStore store, Deliveries deliveries, Messages messages, HttpSubscribers http, Outbox outbox,
                  SubscriptionFilter filter) {
        this.store = store;
        this.deliveries = deliveries;
        this.messages = messages;
        this.http = http;
        this.outbox = outbox;
        this.filter = filter;
    }

    public void publish(PublishedMessage message) {
        for (SubscriptionRecord s : store.subscriptions(message.topic().scope(), message.topic().name())) {
            if (!s.confirmed() || !filter.accepts(s, message)) {
                continue;
            }
            switch (s.protocol()) {
                case "sqs" -> deliveries.submit(toQueue(s, message));
                case "lambda" -> deliveries.submit(delivery(s, message, lambdaEvent(s, message).toString(), Map.of(),
                        null, null));
                case "http", "https" -> http.notification(s, message);
                case "email", "email-json", "sms" -> outbox.notification(s, message);
                default -> {
                }
            }
        }
    }

    private Delivery toQueue(SubscriptionRecord s, PublishedMessage message) {
        // A FIFO queue takes the topic's group and deduplication ids; a standard queue refuses them.
        boolean fifoQueue = s.endpoint().endsWith(".fifo");
        String group = fifoQueue ? message.messageGroupId() : null;
        String deduplication = fifoQueue ? message.deduplicationId() : null;
        if (!s.rawMessageDelivery()) {
            return delivery(s, message, messages.envelope(s, message).toString(), Map.of(), group, deduplication);
        }
        // SQS takes String and Number attributes (and their custom types) as the Delivery carries them;
        // Binary values do not fit the Delivery's string attributes and are left out.
        Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
        message.attributes().forEach((name, a) -> {
            if (!a.baseType().equals("Binary")) {
                attributes.put(name, Map.of("DataType", a.dataType(), "StringValue", a.value()));
            }
        });
        return delivery(s, message, message.messageFor("sqs"), attributes, group, deduplication);
    }

    private static Delivery delivery(SubscriptionRecord s, PublishedMessage message, String body,
                                     Map<String, Map<String, String>> attributes, String group, String deduplication) {
        return new Delivery(null, s.endpoint(), body, attributes, group, deduplication, message.topic().arn(),
                message.topic().owner(), null, deadLetter(s));
    }

    /** The subscription's RedrivePolicy queue, or null. */
    static String deadLetter(SubscriptionRecord s) {
        String redrive = s.attributes().get("RedrivePolicy");
        if (redrive == null) {
            return null;
        }
        try {
            return RecordJson.tree(redrive).path("deadLetterTargetArn").asText(null);
        } catch (IOException e) {
            throw new IllegalStateException("a stored RedrivePolicy is JSON", e);
        }
    }

    /** SNS's event for Lambda ("Using AWS Lambda with Amazon SNS"): one record, Subject null when absent. */
    ObjectNode lambdaEvent(SubscriptionRecord s, PublishedMessage m) {
        ObjectNode event = RecordJson.mapper().createObjectNode();
        ObjectNode record = event.putArray("Records").addObject();
        record.put("EventSource", "aws:sns");
        record.put("EventVersion", "1.0");
        record.put("EventSubscriptionArn", s.arn());
        ObjectNode sns = record.putObject("Sns");
        JsonNode envelope = messages.envelope(s, m);
        sns.put("Type", "Notification");
        sns.put("MessageId", m.messageId());
        sns.put("TopicArn", m.topic().arn());
        sns.put("Subject", m.subject());
        sns.put("Message", envelope.path("Message").asText());
        sns.put("Timestamp", envelope.path("Timestamp").asText());
        sns.put("SignatureVersion", envelope.path("SignatureVersion").asText());
        sns.put("Signature", envelope.path("Signature").asText());
        sns.put("SigningCertUrl", envelope.path("SigningCertURL").asText());
        sns.put("UnsubscribeUrl", envelope.path("UnsubscribeURL").asText());
        ObjectNode attributes = sns.putObject("MessageAttributes");
        m.attributes().forEach((name, a) -> attributes.set(name, RecordJson.mapper().valueToTree(a.envelope())));
        return event;
    }
}
