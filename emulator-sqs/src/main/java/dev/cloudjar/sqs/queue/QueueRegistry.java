package dev.cloudjar.sqs.queue;

import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.sqs.SqsErrors;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The queues of every scope, in memory (messages are transient here, as they are meant to be
 * short-lived; they do not survive a restart even with --data-dir).
 */
public final class QueueRegistry {
    private final Map<Scope, Map<String, Queue>> queues = new ConcurrentHashMap<>();

    private Map<String, Queue> of(Scope scope) {
        return queues.computeIfAbsent(scope, s -> new ConcurrentSkipListMap<>());
    }

    /** The queue of that name, or a new one; null means it exists with other attributes. */
    public Queue create(Scope scope, String name, Map<String, String> attributes, long now) {
        Queue created = of(scope).computeIfAbsent(name, n -> new Queue(scope, n, attributes, now));
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            if (!a.getValue().equals(created.attribute(a.getKey()))) {
                throw SqsErrors.queueNameExists(name);
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

    public boolean delete(Scope scope, String name) {
        return of(scope).remove(name) != null;
    }

    public List<Queue> list(Scope scope) {
        return List.copyOf(of(scope).values());
    }

    public void clear() {
        queues.clear();
    }
}
