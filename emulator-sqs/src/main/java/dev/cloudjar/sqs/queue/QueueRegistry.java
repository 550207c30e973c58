package dev.cloudjar.sqs.queue;

import dev.cloudjar.core.spi.RecordTable;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.spi.storage.WriteBatch;
import dev.cloudjar.sqs.SqsErrors;
import dev.cloudjar.sqs.message.MessageJournal;
import dev.cloudjar.sqs.message.MessageQueue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The queues of every scope: served from memory, written through to the state store (queues in
 * {@code sqs/<account>/<region>/queues}, their messages beside them) and read back when the
 * server starts, so that with --data-dir they survive a restart. A reset drops both.
 */
public final class QueueRegistry {
    private static final String QUEUES = "queues";

    private final StateStore state;
    private final RecordTable<StoredQueue> stored;
    private final Map<Scope, Map<String, Queue>> queues = new ConcurrentHashMap<>();

    public QueueRegistry(StateStore state) {
        this.state = state;
        this.stored = new RecordTable<>(state, "sqs", QUEUES, StoredQueue.class);
        load();
    }

    private void load() {
        for (Scope scope : stored.scopes()) {
            for (StoredQueue queue : stored.list(scope, "")) {
                of(scope).put(queue.name(), open(scope, queue));
            }
        }
    }

    private Queue open(Scope scope, StoredQueue stored) {
        MessageJournal journal = new MessageJournal(state, scope, stored.name());
        return new Queue(scope, stored, new MessageQueue(Queue.isFifo(stored.name()), journal));
    }

    private Map<String, Queue> of(Scope scope) {
        return queues.computeIfAbsent(scope, s -> new ConcurrentSkipListMap<>());
    }

    /** The queue of that name, or a new one; QueueNameExists when it exists with other attributes. */
    public Queue create(Scope scope, String name, Map<String, String> attributes, Map<String, String> tags, long now) {
        Queue created = of(scope).computeIfAbsent(name, n -> {
            Queue queue = open(scope, new StoredQueue(n, attributes, tags, now, now));
            save(queue);
            return queue;
        });
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            if (!a.getValue().equals(created.attribute(a.getKey()))) {
                throw SqsErrors.queueNameExists(a.getKey());
            }
        }
        return created;
    }

    public Optional<Queue> find(Scope scope, String name) {
        return Optional.ofNullable(of(scope).get(name));
    }

    /** The queue an ARN names, in the ARN's account and region. */
    public Optional<Queue> findByArn(String arn) {
        String[] parts = arn.split(":");
        if (parts.length != 6 || !"sqs".equals(parts[2])) {
            return Optional.empty();
        }
        return find(new Scope(parts[4], parts[3]), parts[5]);
    }

    public Queue require(Scope scope, String name) {
        return find(scope, name).orElseThrow(SqsErrors::queueDoesNotExist);
    }

    public void setAttributes(Queue queue, Map<String, String> changes, long now) {
        queue.setAttributes(changes, now);
        save(queue);
    }

    public void tag(Queue queue, Map<String, String> tags) {
        queue.tag(tags);
        save(queue);
    }

    public void untag(Queue queue, List<String> keys) {
        queue.untag(keys);
        save(queue);
    }

    /** Deletes the queue with its messages, in one batch. */
    public boolean delete(Scope scope, String name) {
        Queue removed = of(scope).remove(name);
        if (removed != null) {
            WriteBatch batch = new WriteBatch();
            stored.delete(batch, scope, name);
            new MessageJournal(state, scope, name).deleteAll(batch);
            state.apply(batch);
        }
        return removed != null;
    }

    public List<Queue> list(Scope scope) {
        return List.copyOf(of(scope).values());
    }

    /** Forgets every queue (the server drops the stored ones). */
    public void clear() {
        queues.clear();
    }

    private void save(Queue queue) {
        stored.put(queue.scope(), queue.name(), queue.stored());
    }
}
