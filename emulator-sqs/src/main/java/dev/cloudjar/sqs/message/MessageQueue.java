package dev.cloudjar.sqs.message;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A queue's messages in send order, with SQS's visibility rules: a received message is hidden
 * for the visibility timeout and comes back unless deleted; after maxReceiveCount receives it
 * moves to the dead-letter queue instead; messages older than the retention period go.
 */
public final class MessageQueue {
    private final Map<String, Message> messages = new LinkedHashMap<>();

    public synchronized void add(Message message) {
        messages.put(message.messageId(), message);
    }

    /**
     * Receives up to {@code max} visible messages, hiding them for {@code visibilityMillis}.
     *
     * @param redrive where a message goes instead of being received again past the max receive
     *                count (null when the queue has no redrive policy)
     */
    public synchronized List<Message> receive(int max, long visibilityMillis, long retentionMillis, long now,
                                              Redrive redrive) {
        List<Message> received = new ArrayList<>();
        Iterator<Message> it = messages.values().iterator();
        while (it.hasNext() && received.size() < max) {
            Message m = it.next();
            if (now - m.sentTimestamp() > retentionMillis) {
                it.remove();
                continue;
            }
            if (m.visibleAt() > now) {
                continue;
            }
            if (redrive != null && m.receiveCount() >= redrive.maxReceiveCount()) {
                it.remove();
                redrive.target().accept(m.movedTo(now));
                continue;
            }
            m.received(now, now + visibilityMillis, UUID.randomUUID() + "#" + m.messageId());
            received.add(m);
        }
        return received;
    }

    /** Deletes by receipt handle; true if the message was there. Old handles of a message still delete it, as on SQS. */
    public synchronized boolean delete(String receiptHandle) {
        return messages.remove(messageId(receiptHandle)) != null;
    }

    /** Changes a received message's visibility; false when it is not in flight under that handle. */
    public synchronized boolean changeVisibility(String receiptHandle, long visibleAt, long now) {
        Message m = messages.get(messageId(receiptHandle));
        if (m == null || m.visibleAt() <= now || !receiptHandle.equals(m.receiptHandle())) {
            return false;
        }
        m.visibleAt(visibleAt);
        return true;
    }

    public static boolean isReceiptHandle(String handle) {
        return handle != null && handle.indexOf('#') > 0;
    }

    private static String messageId(String receiptHandle) {
        return receiptHandle.substring(receiptHandle.indexOf('#') + 1);
    }

    public synchronized void purge() {
        messages.clear();
    }

    /** ApproximateNumberOfMessages, ...NotVisible and ...Delayed. */
    public synchronized int[] counts(long now) {
        int visible = 0;
        int inFlight = 0;
        int delayed = 0;
        for (Message m : messages.values()) {
            if (m.visibleAt() <= now) {
                visible++;
            } else if (m.receiveCount() > 0) {
                inFlight++;
            } else {
                delayed++;
            }
        }
        return new int[] {visible, inFlight, delayed};
    }

    /** A redrive policy resolved to its target: the dead-letter queue's add. */
    public record Redrive(int maxReceiveCount, Consumer<Message> target) {
    }
}
