package dev.cloudjar.sqs.queue;

import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.sqs.message.MessageQueue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A queue: its name, settable attributes and messages. */
public final class Queue {
    /** Attributes a client may set, with SQS's defaults. */
    static final Map<String, String> DEFAULTS = Map.of(
            "VisibilityTimeout", "30",
            "MessageRetentionPeriod", "345600",
            "DelaySeconds", "0",
            "MaximumMessageSize", "262144",
            "ReceiveMessageWaitTimeSeconds", "0");

    private final Scope scope;
    private final String name;
    private final long createdTimestamp;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final MessageQueue messages = new MessageQueue();
    private volatile long lastModifiedTimestamp;

    Queue(Scope scope, String name, Map<String, String> attributes, long now) {
        this.scope = scope;
        this.name = name;
        this.createdTimestamp = now;
        this.lastModifiedTimestamp = now;
        this.attributes.putAll(DEFAULTS);
        this.attributes.putAll(attributes);
    }

    public String name() {
        return name;
    }

    public Scope scope() {
        return scope;
    }

    public String arn() {
        return "arn:aws:sqs:" + scope.region() + ":" + scope.accountId() + ":" + name;
    }

    public MessageQueue messages() {
        return messages;
    }

    public synchronized Map<String, String> attributes() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public synchronized void setAttributes(Map<String, String> changes, long now) {
        attributes.putAll(changes);
        lastModifiedTimestamp = now;
    }

    public long createdTimestamp() {
        return createdTimestamp;
    }

    public long lastModifiedTimestamp() {
        return lastModifiedTimestamp;
    }

    public synchronized int intAttribute(String name) {
        return Integer.parseInt(attributes.get(name));
    }

    public synchronized String attribute(String name) {
        return attributes.get(name);
    }
}
