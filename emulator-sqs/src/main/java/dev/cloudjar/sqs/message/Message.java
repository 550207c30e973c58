package dev.cloudjar.sqs.message;

import java.util.Map;

/**
 * A message in a queue. Its visibility, receive count and receipt handle change; the queue
 * guards them. FIFO messages carry their group and deduplication ids; every message has a
 * sequence number in its queue (SQS reports it for FIFO queues only).
 */
public final class Message {
    private final String messageId;
    private final String body;
    private final Map<String, MessageAttribute> attributes;
    private final String senderId;
    private final long sentTimestamp;
    private final String messageGroupId;
    private final String messageDeduplicationId;
    private long sequenceNumber;
    private long visibleAt;
    private int receiveCount;
    private long firstReceiveTimestamp;
    private String receiptHandle;

    public Message(String messageId, String body, Map<String, MessageAttribute> attributes, String senderId,
                   long sentTimestamp, long visibleAt, String messageGroupId, String messageDeduplicationId) {
        this.messageId = messageId;
        this.body = body;
        this.attributes = Map.copyOf(attributes);
        this.senderId = senderId;
        this.sentTimestamp = sentTimestamp;
        this.visibleAt = visibleAt;
        this.messageGroupId = messageGroupId;
        this.messageDeduplicationId = messageDeduplicationId;
    }

    public String messageId() {
        return messageId;
    }

    public String body() {
        return body;
    }

    public Map<String, MessageAttribute> attributes() {
        return attributes;
    }

    public String senderId() {
        return senderId;
    }

    public long sentTimestamp() {
        return sentTimestamp;
    }

    public String messageGroupId() {
        return messageGroupId;
    }

    public String messageDeduplicationId() {
        return messageDeduplicationId;
    }

    public long sequenceNumber() {
        return sequenceNumber;
    }

    void sequenceNumber(long number) {
        sequenceNumber = number;
    }

    long visibleAt() {
        return visibleAt;
    }

    void visibleAt(long millis) {
        visibleAt = millis;
    }

    public int receiveCount() {
        return receiveCount;
    }

    public long firstReceiveTimestamp() {
        return firstReceiveTimestamp;
    }

    public String receiptHandle() {
        return receiptHandle;
    }

    /** Marks a receive: a new receipt handle, the count, and invisibility until the deadline. */
    void received(long now, long invisibleUntil, String handle) {
        receiveCount++;
        if (firstReceiveTimestamp == 0) {
            firstReceiveTimestamp = now;
        }
        visibleAt = invisibleUntil;
        receiptHandle = handle;
    }

    /** A copy for another queue (a dead-letter queue keeps the message id, body and attributes). */
    Message movedTo(long now) {
        Message moved = new Message(messageId, body, attributes, senderId, sentTimestamp, now, messageGroupId,
                messageDeduplicationId);
        moved.receiveCount = receiveCount;
        moved.firstReceiveTimestamp = firstReceiveTimestamp;
        return moved;
    }

    /** The message as stored. */
    StoredMessage stored() {
        return new StoredMessage(messageId, body, attributes, senderId, sentTimestamp, messageGroupId,
                messageDeduplicationId, sequenceNumber, visibleAt, receiveCount, firstReceiveTimestamp, receiptHandle);
    }

    /** A message read back from the store, as it was. */
    static Message restored(StoredMessage s) {
        Message m = new Message(s.messageId(), s.body(), s.attributes(), s.senderId(), s.sentTimestamp(), s.visibleAt(),
                s.messageGroupId(), s.messageDeduplicationId());
        m.sequenceNumber = s.sequenceNumber();
        m.receiveCount = s.receiveCount();
        m.firstReceiveTimestamp = s.firstReceiveTimestamp();
        m.receiptHandle = s.receiptHandle();
        return m;
    }
}
