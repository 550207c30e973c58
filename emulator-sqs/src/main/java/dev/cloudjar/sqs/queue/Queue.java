package dev.cloudjar.sqs.queue;

import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.sqs.message.MessageQueue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A queue: its name, settable attributes, tags and messages. */
public final class Queue {
    /** Attributes a client may set, with SQS's defaults (1 MiB messages since August 2025). */
    static final Map<String, String> DEFAULTS = Map.of(
            "VisibilityTimeout", "30",
            "MessageRetentionPeriod", "345600",
            "DelaySeconds", "0",
            "MaximumMessageSize", "1048576",
            "ReceiveMessageWaitTimeSeconds", "0");

    private final Scope scope;
    private final String name;
    private final long createdTimestamp;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final MessageQueue messages;
    private volatile long lastModifiedTimestamp;
    private long lastPurge = Long.MIN_VALUE;

    Queue(Scope scope, StoredQueue stored, MessageQueue messages) {
        this.scope = scope;
        this.name = stored.name();
        this.createdTimestamp = stored.createdTimestamp();
        this.lastModifiedTimestamp = stored.lastModifiedTimestamp();
        this.attributes.putAll(DEFAULTS);
        this.attributes.putAll(stored.attributes());
        this.tags.putAll(stored.tags());
        this.messages = messages;
    }

    /** A FIFO queue: its name ends in .fifo and it was created with FifoQueue=true. */
    public static boolean isFifo(String name) {
        return name.endsWith(".fifo");
    }

    public boolean isFifo() {
        return isFifo(name);
    }

    public String name() {
        return name;
    }

    public Scope scope() {
        return scope;
    }

    public String arn() {
        return Arn.of("sqs", scope, name).toString();
    }

    public MessageQueue messages() {
        return messages;
    }

    public synchronized Map<String, String> attributes() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    synchronized void setAttributes(Map<String, String> changes, long now) {
        attributes.putAll(changes);
        lastModifiedTimestamp = now;
    }

    public synchronized Map<String, String> tags() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    synchronized void tag(Map<String, String> added) {
        tags.putAll(added);
    }

    synchronized void untag(Iterable<String> keys) {
        keys.forEach(tags::remove);
    }

    public long createdTimestamp() {
        return createdTimestamp;
    }

    public long lastModifiedTimestamp() {
        return lastModifiedTimestamp;
    }

    /**
     * Records a purge unless one happened less than {@code intervalMillis} ago.
     *
     * @return whether the purge may go ahead
     */
    public synchronized boolean startPurge(long now, long intervalMillis) {
        if (lastPurge != Long.MIN_VALUE && now - lastPurge < intervalMillis) {
            return false;
        }
        lastPurge = now;
        return true;
    }

    public synchronized int intAttribute(String name) {
        return Integer.parseInt(attributes.get(name));
    }

    public synchronized String attribute(String name) {
        return attributes.get(name);
    }

    /** The queue as stored (its messages are stored on their own). */
    synchronized StoredQueue stored() {
        Map<String, String> set = new LinkedHashMap<>(attributes);
        return new StoredQueue(name, set, new LinkedHashMap<>(tags), createdTimestamp, lastModifiedTimestamp);
    }
}
