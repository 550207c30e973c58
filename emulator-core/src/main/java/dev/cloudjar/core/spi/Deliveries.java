package dev.cloudjar.core.spi;

/**
 * Core's one way to send a payload to a target ARN asynchronously, off the event loop and off
 * the producer's locks, with the delivery's retry policy and dead-letter target in one place.
 * At least once: a delivery is stored before {@link #submit} returns (with {@code --data-dir},
 * on disk), so a restart or a {@code kill -9} delivers it later rather than losing it.
 */
public interface Deliveries {
    void submit(Delivery delivery);

    /**
     * Registers a receiver: by the service of the target ARNs it takes ({@code "sqs"} for
     * {@code arn:aws:sqs:...}), or by a name deliveries give as their {@link Delivery#receiver()}.
     */
    void register(String receiver, DeliveryTarget target);

    /**
     * Registers what a producer adds to its deliveries' dead letters, under the name its deliveries
     * give as {@link Delivery#deadLetterAnnotator()}.
     */
    default void registerAnnotator(String name, DeadLetterAnnotator annotator) {
        throw new UnsupportedOperationException("this Deliveries keeps no dead-letter annotators");
    }
}
