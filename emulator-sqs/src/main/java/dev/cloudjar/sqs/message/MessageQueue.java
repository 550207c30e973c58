package dev.cloudjar.sqs.message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A queue's messages in send order, with SQS's visibility rules: a received message is hidden
 * for the visibility timeout and comes back unless deleted; after maxReceiveCount receives it
 * moves to the dead-letter queue instead; messages older than the retention period go.
 *
 * <p>A FIFO queue also delivers each message group in order, one batch at a time (no message
 * of a group while another of it is in flight), and drops a message whose deduplication id was
 * sent in the last five minutes, across restarts. Every change is written to the journal.
 */
public final class MessageQueue {
    /** SQS's deduplication interval for FIFO queues. */
    static final long DEDUPLICATION_MILLIS = 5 * 60 * 1000;

    private final boolean fifo;
    private final MessageJournal journal;
    private final Map<String, Message> messages = new LinkedHashMap<>();
    // FIFO: deduplication id → the message first sent with it, within the interval.
    private final Map<String, Message> recentlySent = new HashMap<>();
    private long lastSequenceNumber;

    public MessageQueue(boolean fifo, MessageJournal journal) {
        this.fifo = fifo;
        this.journal = journal;
        for (Message m : journal.load()) {
            messages.put(m.messageId(), m);
            lastSequenceNumber = Math.max(lastSequenceNumber, m.sequenceNumber());
        }
        if (fifo) {
            for (Message m : journal.loadDeduplication()) {
                recentlySent.put(m.messageDeduplicationId(), m);
                lastSequenceNumber = Math.max(lastSequenceNumber, m.sequenceNumber());
            }
        }
    }

    /**
     * Sends a message. On a FIFO queue a message whose deduplication id was sent within five
     * minutes is accepted but not added: the answer is the first message, as SQS's is.
     */
    public synchronized Message send(Message message, long now) {
        if (!fifo) {
            add(message);
            return message;
        }
        List<Message> expired = recentlySent.values().stream()
                .filter(m -> now - m.sentTimestamp() >= DEDUPLICATION_MILLIS).toList();
        if (!expired.isEmpty()) {
            expired.forEach(m -> recentlySent.remove(m.messageDeduplicationId()));
            journal.forgetDeduplication(expired);
        }
        Message first = recentlySent.putIfAbsent(message.messageDeduplicationId(), message);
        if (first != null) {
            return first;
        }
        message.sequenceNumber(++lastSequenceNumber);
        messages.put(message.messageId(), message);
        journal.savedFirst(message);
        return message;
    }

    /** Takes a message moved in from another queue's redrive. */
    public synchronized void add(Message message) {
        message.sequenceNumber(++lastSequenceNumber);
        messages.put(message.messageId(), message);
        journal.saved(message);
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
        List<Message> gone = new ArrayList<>();
        Set<String> blockedGroups = fifo ? groupsInFlight(now) : Set.of();
        Set<String> skippedGroups = new HashSet<>();
        Iterator<Message> it = messages.values().iterator();
        while (it.hasNext() && received.size() < max) {
            Message m = it.next();
            if (now - m.sentTimestamp() > retentionMillis) {
                it.remove();
                gone.add(m);
                continue;
            }
            if (fifo && (blockedGroups.contains(m.messageGroupId()) || skippedGroups.contains(m.messageGroupId()))) {
                continue;
            }
            if (m.visibleAt() > now) {
                if (fifo) {
                    // A later message of the group must not overtake this one.
                    skippedGroups.add(m.messageGroupId());
                }
                continue;
            }
            if (redrive != null && m.receiveCount() >= redrive.maxReceiveCount()) {
                it.remove();
                gone.add(m);
                redrive.target().accept(m.movedTo(now));
                continue;
            }
            m.received(now, now + visibilityMillis, UUID.randomUUID() + "#" + m.messageId());
            received.add(m);
        }
        journal.changed(received, gone);
        return received;
    }

    /** The FIFO groups with a message received and neither deleted nor visible again. */
    private Set<String> groupsInFlight(long now) {
        Set<String> groups = new HashSet<>();
        for (Message m : messages.values()) {
            if (m.receiveCount() > 0 && m.visibleAt() > now) {
                groups.add(m.messageGroupId());
            }
        }
        return groups;
    }

    /** Deletes by receipt handle; true if the message was there. Old handles of a message still delete it, as on SQS. */
    public synchronized boolean delete(String receiptHandle) {
        Message removed = messages.remove(messageId(receiptHandle));
        if (removed != null) {
            journal.removed(removed);
        }
        return removed != null;
    }

    /** Changes a received message's visibility; false when it is not in flight under that handle. */
    public synchronized boolean changeVisibility(String receiptHandle, long visibleAt, long now) {
        Message m = messages.get(messageId(receiptHandle));
        if (m == null || m.visibleAt() <= now || !receiptHandle.equals(m.receiptHandle())) {
            return false;
        }
        m.visibleAt(visibleAt);
        journal.saved(m);
        return true;
    }

    public static boolean isReceiptHandle(String handle) {
        return handle != null && handle.indexOf('#') > 0;
    }

    private static String messageId(String receiptHandle) {
        return receiptHandle.substring(receiptHandle.indexOf('#') + 1);
    }

    public synchronized void purge() {
        journal.changed(List.of(), List.copyOf(messages.values()));
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
