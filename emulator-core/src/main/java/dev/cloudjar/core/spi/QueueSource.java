package dev.cloudjar.core.spi;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * SQS queues offered to in-process consumers (Lambda's event source mappings) through
 * {@link Capabilities}: a consumer receives and deletes as an SQS client would, so the queue's
 * visibility timeout and redrive policy apply to it as to any other.
 */
public interface QueueSource {

    /** The queue's VisibilityTimeout in seconds; empty when the ARN names no queue. */
    OptionalInt visibilityTimeout(String queueArn);

    /**
     * Receives up to {@code max} (at most 10) visible messages with the queue's own visibility
     * timeout; none when there are none or the queue is gone.
     */
    List<ReceivedMessage> receive(String queueArn, int max);

    /** Deletes a received message by its receipt handle; nothing when the queue or message is gone. */
    void delete(String queueArn, String receiptHandle);

    /**
     * A received message with every system attribute (ApproximateReceiveCount, SentTimestamp,
     * SenderId, ApproximateFirstReceiveTimestamp, and a FIFO queue's MessageGroupId,
     * MessageDeduplicationId, SequenceNumber) and every message attribute.
     *
     * @param md5OfMessageAttributes null when the message has no attributes
     */
    record ReceivedMessage(String messageId, String receiptHandle, String body, String md5OfBody,
                           Map<String, String> attributes, Map<String, Attribute> messageAttributes,
                           String md5OfMessageAttributes) {
    }

    /** A message attribute: its data type and either a string or a binary value. */
    record Attribute(String dataType, String stringValue, byte[] binaryValue) {
    }
}
