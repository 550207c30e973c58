package dev.cloudjar.sns.store;

import dev.cloudjar.core.spi.RecordTable;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.spi.storage.WriteBatch;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Topics and subscriptions in the storage SPI, per scope: topics by name, subscriptions under their
 * topic's name ({@code topic \0 uuid}), so a topic's subscriptions are one prefix scan and a
 * subscription's ARN names its key. Changes to one topic and its subscriptions are serialised by
 * the topic's lock.
 */
public final class SnsStore {
    private static final String SERVICE = "sns";

    private final StateStore state;
    private final RecordTable<TopicRecord> topics;
    private final RecordTable<SubscriptionRecord> subscriptions;
    private final RecordTable<DeduplicationRecord> deduplication;
    private final RecordTable<SentRecord> sent;
    private final StripedLocks locks = new StripedLocks(64);

    public SnsStore(StateStore state) {
        this.state = state;
        this.topics = new RecordTable<>(state, SERVICE, "topics", TopicRecord.class);
        this.subscriptions = new RecordTable<>(state, SERVICE, "subscriptions", SubscriptionRecord.class);
        this.deduplication = new RecordTable<>(state, SERVICE, "deduplication", DeduplicationRecord.class);
        this.sent = new RecordTable<>(state, SERVICE, "sent", SentRecord.class);
    }

    public StripedLocks.Held lock(Scope scope, String topicName) {
        return locks.lock(topics.keyspace(scope), topicName.getBytes(StandardCharsets.UTF_8));
    }

    public Optional<TopicRecord> topic(Scope scope, String name) {
        return topics.get(scope, name);
    }

    /** Every topic of the scope, by name. */
    public List<TopicRecord> topics(Scope scope) {
        return topics.list(scope, "");
    }

    public void put(Scope scope, TopicRecord topic) {
        topics.put(scope, topic.name(), topic);
    }

    /** Deletes the topic and its subscriptions in one write, as DeleteTopic does on SNS. */
    public void deleteTopic(Scope scope, String name) {
        WriteBatch batch = new WriteBatch();
        topics.delete(batch, scope, name);
        subscriptions.deleteAll(batch, scope, name + '\0');
        deduplication.deleteAll(batch, scope, name + '\0');
        state.apply(batch);
    }

    /** A topic's subscriptions, in key order. */
    public List<SubscriptionRecord> subscriptions(Scope scope, String topicName) {
        return subscriptions.list(scope, topicName + '\0');
    }

    /** Every subscription of the scope, by topic name and then id. */
    public List<SubscriptionRecord> subscriptions(Scope scope) {
        return subscriptions.list(scope, "");
    }

    public Optional<SubscriptionRecord> subscription(Scope scope, String topicName, String id) {
        return subscriptions.get(scope, RecordTable.key(topicName, id));
    }

    public void put(Scope scope, String topicName, SubscriptionRecord subscription) {
        subscriptions.put(scope, RecordTable.key(topicName, subscription.id()), subscription);
    }

    public void deleteSubscription(Scope scope, String topicName, String id) {
        subscriptions.delete(scope, RecordTable.key(topicName, id));
    }

    /** The message a FIFO topic published under this deduplication key, while it is remembered. */
    public Optional<DeduplicationRecord> deduplication(Scope scope, String topicName, String key, long nowMillis) {
        return deduplication.get(scope, RecordTable.key(topicName, key)).filter(d -> d.expiresAtMillis() > nowMillis);
    }

    public void remember(Scope scope, String topicName, String key, DeduplicationRecord record) {
        deduplication.put(scope, RecordTable.key(topicName, key), record);
    }

    /** Forgets the deduplication ids whose interval has passed, in every scope. */
    public void forgetExpired(long nowMillis) {
        for (Scope scope : deduplication.scopes()) {
            for (String key : deduplication.keys(scope, "")) {
                deduplication.get(scope, key).filter(d -> d.expiresAtMillis() <= nowMillis)
                        .ifPresent(d -> deduplication.delete(scope, key));
            }
        }
    }

    /** Records an e-mail or text message SNS would have sent; ids are time-ordered, so the list is in sending order. */
    public void recordSent(Scope scope, SentRecord record) {
        sent.put(scope, record.id(), record);
    }

    /** What was recorded as sent, by scope, oldest first. */
    public Map<Scope, List<SentRecord>> sent() {
        Map<Scope, List<SentRecord>> all = new LinkedHashMap<>();
        for (Scope scope : sent.scopes()) {
            all.put(scope, sent.list(scope, ""));
        }
        return all;
    }
}
