package dev.cloudjar.sqs.message;

import java.util.Map;

/** A message in a queue. Its visibility and receive count change; the queue guards them. */
public final class Message {
    private final String messageId;
    private final String body;
    private final Map<String, MessageAttribute> attributes;
    private final String senderId;
    private final long sentTimestamp;
    private long visibleAt;
    private int receiveCount;
    private long firstReceiveTimestamp;
    private String receiptHandle;

    public Message(String messageId, String body, Map<String, MessageAttribute> attributes, String senderId,
                   long sentTimestamp, long visibleAt) {
        this.messageId = messageId;
        this.body = body;
        this.attributes = Map.copyOf(attributes);
        this.senderId = senderId;
        this.sentTimestamp = sentTimestamp;
        this.visibleAt = visibleAt;
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
        Message moved = new Message(messageId, body, attributes, senderId, sentTimestamp, now);
        moved.receiveCount = receiveCount;
        moved.firstReceiveTimestamp = firstReceiveTimestamp;
        return moved;
    }
}
