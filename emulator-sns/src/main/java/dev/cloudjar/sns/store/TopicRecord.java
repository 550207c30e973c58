package dev.cloudjar.sns.store;

import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Scope;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A topic as stored: its name, ARN, the attributes set on it (defaults are filled in when read)
 * and tags, and for a FIFO topic the last sequence number it gave a message.
 */
public record TopicRecord(String name, String arn, String owner, Map<String, String> attributes,
                          Map<String, String> tags, long sequence) {
    public TopicRecord {
        attributes = attributes == null ? Map.of() : new LinkedHashMap<>(attributes);
        tags = tags == null ? Map.of() : new LinkedHashMap<>(tags);
    }

    /** The account and region the topic lives in. */
    public Scope scope() {
        return Arn.parse(arn).scope();
    }

    public boolean fifo() {
        return "true".equalsIgnoreCase(attributes.get("FifoTopic"));
    }

    public TopicRecord withAttributes(Map<String, String> changed) {
        return new TopicRecord(name, arn, owner, changed, tags, sequence);
    }

    public TopicRecord withTags(Map<String, String> changed) {
        return new TopicRecord(name, arn, owner, attributes, changed, sequence);
    }

    public TopicRecord withSequence(long changed) {
        return new TopicRecord(name, arn, owner, attributes, tags, changed);
    }
}
