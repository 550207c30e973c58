package dev.cloudjar.sns.publish;

import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.sns.store.SentRecord;
import dev.cloudjar.sns.store.SnsStore;
import dev.cloudjar.sns.store.SubscriptionRecord;
import dev.cloudjar.sns.store.TopicRecord;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * E-mail and SMS: Cloudjar sends neither, it records what SNS would send (readable at
 * {@code GET /_cloudjar/sns/sent}): an email subscription's notification as text with SNS's
 * unsubscribe footer, an email-json one's as SNS's JSON envelope, a text message as its text; an
 * e-mail subscription's confirmation request with the link that confirms it.
 */
public final class Outbox {
    /** The subject of an e-mail notification published without one. */
    static final String DEFAULT_SUBJECT = "AWS Notification Message";
    private static final String CONFIRMATION_SUBJECT = "AWS Notification - Subscription Confirmation";

    private final SnsStore store;
    private final Messages messages;
    private final Clock clock;

    public Outbox(SnsStore store, Messages messages, Clock clock) {
        this.store = store;
        this.messages = messages;
        this.clock = clock;
    }

    public void notification(SubscriptionRecord s, PublishedMessage m) {
        String subject = m.subject() == null ? DEFAULT_SUBJECT : m.subject();
        String body = switch (s.protocol()) {
            case "email" -> m.messageFor("email") + "\n\n--\nIf you wish to stop receiving notifications from this"
                    + " topic, please click or visit the link below to unsubscribe:\n" + messages.unsubscribeUrl(s)
                    + "\n\nPlease do not reply directly to this email.";
            case "email-json" -> messages.envelope(s, m).toString();
            default -> m.messageFor(s.protocol());
        };
        record(m.topic().scope(), s.protocol(), "Notification", s.endpoint(), m.topic().arn(), s.arn(), m.messageId(),
                s.protocol().equals("sms") ? null : subject, body, null);
    }

    /** The confirmation request an email or email-json subscription waits on. */
    public void confirmation(TopicRecord topic, SubscriptionRecord s, String token) {
        Instant now = clock.instant();
        String url = messages.subscribeUrl(topic, token);
        String body = s.protocol().equals("email-json")
                ? messages.confirmation("SubscriptionConfirmation", topic, s, token, now).toString()
                : "You have chosen to subscribe to the topic: \n" + topic.arn() + "\n\nTo confirm this subscription,"
                  + " click or visit the link below (If this was in error no action is necessary): \n" + url;
        record(topic.scope(), s.protocol(), "SubscriptionConfirmation", s.endpoint(), topic.arn(), s.arn(), null,
                CONFIRMATION_SUBJECT, body, url);
    }

    /** A text message published straight to a phone number. */
    public void sms(Scope scope, String phoneNumber, String messageId, String message) {
        record(scope, "sms", "SMS", phoneNumber, null, null, messageId, null, message, null);
    }

    private void record(Scope scope, String protocol, String type, String destination, String topicArn,
                        String subscriptionArn, String messageId, String subject, String body, String subscribeUrl) {
        Instant now = clock.instant();
        // Zero-padded time first: the records list in the order they were made.
        String id = String.format("%015d-%s", now.toEpochMilli(), UUID.randomUUID());
        store.recordSent(scope, new SentRecord(id, protocol, type, destination, topicArn, subscriptionArn, messageId,
                subject, body, subscribeUrl, Messages.TIMESTAMP.format(now)));
    }
}
