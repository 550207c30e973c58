package dev.cloudjar.sns.publish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cloudjar.sns.store.TopicRecord;

import java.time.Instant;
import java.util.Map;

/**
 * A message accepted by Publish or PublishBatch, on its way to the topic's subscriptions.
 *
 * @param perProtocol for MessageStructure=json, the message per protocol (with its "default"), else null
 * @param sequenceNumber a FIFO topic's number for the message, else null
 */
public record PublishedMessage(String messageId, TopicRecord topic, String message, JsonNode perProtocol,
                               String subject, Map<String, MessageAttribute> attributes, String messageGroupId,
                               String deduplicationId, String sequenceNumber, Instant timestamp) {

    /** What a subscription of that protocol receives: its own entry of a JSON structure, else the default. */
    public String messageFor(String protocol) {
        if (perProtocol == null) {
            return message;
        }
        JsonNode own = perProtocol.get(protocol);
        return own != null && own.isTextual() ? own.asText() : perProtocol.path("default").asText();
    }
}
