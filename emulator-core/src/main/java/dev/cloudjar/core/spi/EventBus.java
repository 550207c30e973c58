package dev.cloudjar.core.spi;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * In-process events between services (S3 notifications, DynamoDB stream records) so that a
 * consumer such as Lambda can subscribe without the producer knowing it.
 */
public final class EventBus {
    private final Map<String, List<Consumer<Object>>> subscribers = new ConcurrentHashMap<>();

    public void subscribe(String topic, Consumer<Object> subscriber) {
        subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(subscriber);
    }

    public void publish(String topic, Object event) {
        for (Consumer<Object> subscriber : subscribers.getOrDefault(topic, List.of())) {
            subscriber.accept(event);
        }
    }
}
