package dev.cloudjar.sqs.queue;

import java.util.Map;

/** A queue's settings as the store keeps them. */
record StoredQueue(String name, Map<String, String> attributes, Map<String, String> tags, long createdTimestamp,
                   long lastModifiedTimestamp) {
}
