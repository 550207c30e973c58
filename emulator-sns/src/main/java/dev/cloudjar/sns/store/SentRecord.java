package dev.cloudjar.sns.store;

/**
 * What SNS would have sent to an e-mail address or a phone number, which Cloudjar records instead
 * of sending: a notification, a subscription confirmation (with the link that confirms it), or a
 * text message published to a phone number.
 *
 * @param protocol         email, email-json or sms
 * @param type             Notification, SubscriptionConfirmation or, for Publish with a PhoneNumber, SMS
 * @param subject          an e-mail's subject line, null for a text message
 * @param body             the e-mail's text (JSON for email-json) or the text message
 * @param subscribeUrl     the link a confirmation carries, else null
 * @param subscriptionArn  the subscription it went to, null for a message published to a phone number
 */
public record SentRecord(String id, String protocol, String type, String destination, String topicArn,
                         String subscriptionArn, String messageId, String subject, String body, String subscribeUrl,
                         String timestamp) {
}
