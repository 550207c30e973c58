package dev.cloudjar.sns.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.sns.store.SubscriptionRecord;
import dev.cloudjar.sns.store.TopicRecord;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The signed JSON documents SNS sends ("Amazon SNS message and JSON formats"): a Notification's
 * envelope, and the SubscriptionConfirmation and UnsubscribeConfirmation messages, with their
 * links to this server's own query endpoint (SubscribeURL, UnsubscribeURL), which work unsigned
 * as SNS's do, and the SigningCertURL this server serves its certificate at.
 */
public final class Messages {
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** Where the signing key is published; the file name is AWS's. */
    public static final String SIGNING_PATH = "/_cloudjar/sns/SimpleNotificationService.pem";

    private final MessageSigner signer;
    private final Supplier<String> endpoint;

    public Messages(MessageSigner signer, Supplier<String> endpoint) {
        this.signer = signer;
        this.endpoint = endpoint;
    }

    /** SNS's JSON envelope, as an SQS queue, an http endpoint or an email-json address receives it. */
    public ObjectNode envelope(SubscriptionRecord s, PublishedMessage m) {
        ObjectNode out = RecordJson.mapper().createObjectNode();
        String text = m.messageFor(s.protocol());
        String timestamp = TIMESTAMP.format(m.timestamp());
        String version = MessageSigner.version(m.topic().attributes().get("SignatureVersion"));
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
        out.put("SignatureVersion", version);
        out.put("Signature", signer.sign(MessageSigner.canonical(text, m.messageId(), m.subject(), timestamp,
                m.topic().arn()), version));
        out.put("SigningCertURL", signingCertUrl());
        out.put("UnsubscribeURL", unsubscribeUrl(s));
        if (!m.attributes().isEmpty()) {
            ObjectNode attributes = out.putObject("MessageAttributes");
            m.attributes().forEach((name, a) -> attributes.set(name, RecordJson.mapper().valueToTree(a.envelope())));
        }
        return out;
    }

    /**
     * A SubscriptionConfirmation (type "SubscriptionConfirmation") or UnsubscribeConfirmation,
     * with SNS's wording of the message, and a SubscribeURL that confirms the subscription with the token.
     */
    public ObjectNode confirmation(String type, TopicRecord topic, SubscriptionRecord s, String token, Instant now) {
        String message = type.equals("SubscriptionConfirmation")
                ? "You have chosen to subscribe to the topic " + topic.arn()
                  + ".\nTo confirm the subscription, visit the SubscribeURL included in this message."
                : "You have chosen to deactivate subscription " + s.arn()
                  + ".\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.";
        String messageId = UUID.randomUUID().toString();
        String subscribeUrl = subscribeUrl(topic, token);
        String timestamp = TIMESTAMP.format(now);
        String version = MessageSigner.version(topic.attributes().get("SignatureVersion"));
        ObjectNode out = RecordJson.mapper().createObjectNode();
        out.put("Type", type);
        out.put("MessageId", messageId);
        out.put("Token", token);
        out.put("TopicArn", topic.arn());
        out.put("Message", message);
        out.put("SubscribeURL", subscribeUrl);
        out.put("Timestamp", timestamp);
        out.put("SignatureVersion", version);
        out.put("Signature", signer.sign(MessageSigner.confirmationCanonical(type, message, messageId, subscribeUrl,
                timestamp, token, topic.arn()), version));
        out.put("SigningCertURL", signingCertUrl());
        return out;
    }

    /** ConfirmSubscription as a link, as SNS words it (the ARN's colons left as they are). */
    public String subscribeUrl(TopicRecord topic, String token) {
        return endpoint.get() + "/?Action=ConfirmSubscription&TopicArn=" + topic.arn() + "&Token=" + token;
    }

    public String unsubscribeUrl(SubscriptionRecord s) {
        return endpoint.get() + "/?Action=Unsubscribe&SubscriptionArn=" + s.arn();
    }

    private String signingCertUrl() {
        return endpoint.get() + SIGNING_PATH;
    }
}
