package dev.cloudjar.sns.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.core.spi.Deliveries;
import dev.cloudjar.core.spi.Delivery;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.sns.store.SnsStore;
import dev.cloudjar.sns.store.SubscriptionRecord;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Hands a published message to each confirmed subscription of its topic through core's delivery
 * queue: an SQS queue receives SNS's JSON envelope (or, with RawMessageDelivery, the message
 * itself with its attributes as SQS message attributes), a Lambda function an asynchronous invoke
 * with SNS's event. Other protocols (http/s, email, sms, application, firehose) are not delivered.
 * A subscription's RedrivePolicy queue is the delivery's dead-letter target.
 */
public final class Fanout {
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** Where the signing key is published; the file name is AWS's. */
    public static final String SIGNING_PATH = "/_cloudjar/sns/SimpleNotificationService.pem";

    private final SnsStore store;
    private final Deliveries deliveries;
    private final MessageSigner signer;
    private final SubscriptionFilter filter;
    private final Supplier<String> endpoint;

    public Fanout(SnsStore store, Deliveries deliveries, MessageSigner signer, SubscriptionFilter filter,
                  Supplier<String> endpoint) {
        this.store = store;
        this.deliveries = deliveries;
        this.signer = signer;
        this.filter = filter;
        this.endpoint = endpoint;
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
            return delivery(s, message, envelope(s, message).toString(), Map.of(), group, deduplication);
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
        String deadLetter = null;
        String redrive = s.attributes().get("RedrivePolicy");
        if (redrive != null) {
            try {
                deadLetter = RecordJson.tree(redrive).path("deadLetterTargetArn").asText(null);
            } catch (IOException e) {
                throw new IllegalStateException("a stored RedrivePolicy is JSON", e);
            }
        }
        return new Delivery(null, s.endpoint(), body, attributes, group, deduplication, message.topic().arn(),
                message.topic().owner(), null, deadLetter);
    }

    /** SNS's JSON envelope, as an SQS queue (or http endpoint) receives it. */
    ObjectNode envelope(SubscriptionRecord s, PublishedMessage m) {
        ObjectNode out = RecordJson.mapper().createObjectNode();
        String text = m.messageFor(s.protocol());
        String timestamp = TIMESTAMP.format(m.timestamp());
        out.put("Type", "Notification");
        out.put("MessageId", m.messageId());
        if (m.sequenceNumber() != null) {
            out.put("SequenceNumber", m.sequenceNumber());
        }
        out.put("TopicArn", m.topic().arn());
        if (m.subject() != null) {
            out.put("Subject", m.subject());
        }
        out.put("Message", text);
        out.put("Timestamp", timestamp);
        out.put("SignatureVersion", "1");
        out.put("Signature", signer.sign(MessageSigner.canonical(text, m.messageId(), m.subject(), timestamp, m.topic().arn())));
        out.put("SigningCertURL", endpoint.get() + SIGNING_PATH);
        out.put("UnsubscribeURL", unsubscribeUrl(s));
        if (!m.attributes().isEmpty()) {
            ObjectNode attributes = out.putObject("MessageAttributes");
            m.attributes().forEach((name, a) -> attributes.set(name, RecordJson.mapper().valueToTree(a.envelope())));
        }
        return out;
    }

    /** SNS's event for Lambda ("Using AWS Lambda with Amazon SNS"): one record, Subject null when absent. */
    ObjectNode lambdaEvent(SubscriptionRecord s, PublishedMessage m) {
        ObjectNode event = RecordJson.mapper().createObjectNode();
        ObjectNode record = event.putArray("Records").addObject();
        record.put("EventSource", "aws:sns");
        record.put("EventVersion", "1.0");
        record.put("EventSubscriptionArn", s.arn());
        ObjectNode sns = record.putObject("Sns");
        JsonNode envelope = envelope(s, m);
        sns.put("Type", "Notification");
        sns.put("MessageId", m.messageId());
        sns.put("TopicArn", m.topic().arn());
        sns.put("Subject", m.subject());
        sns.put("Message", envelope.path("Message").asText());
        sns.put("Timestamp", envelope.path("Timestamp").asText());
        sns.put("SignatureVersion", "1");
        sns.put("Signature", envelope.path("Signature").asText());
        sns.put("SigningCertUrl", envelope.path("SigningCertURL").asText());
        sns.put("UnsubscribeUrl", envelope.path("UnsubscribeURL").asText());
        ObjectNode attributes = sns.putObject("MessageAttributes");
        m.attributes().forEach((name, a) -> attributes.set(name, RecordJson.mapper().valueToTree(a.envelope())));
        return event;
    }

    private String unsubscribeUrl(SubscriptionRecord s) {
        return endpoint.get() + "/?Action=Unsubscribe&SubscriptionArn=" + s.arn();
    }
}
