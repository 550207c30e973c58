package dev.cloudjar.sqs.message;

import java.util.Map;

/** A message's state as the store keeps it. */
record StoredMessage(String messageId, String body, Map<String, MessageAttribute> attributes, String senderId,
                     long sentTimestamp, String messageGroupId, String messageDeduplicationId, long sequenceNumber,
                     long visibleAt, int receiveCount, long firstReceiveTimestamp, String receiptHandle) {
}
