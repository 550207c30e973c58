package dev.cloudjar.core.spi;

import dev.cloudjar.core.error.AwsException;

import java.time.Duration;

/**
 * What a receiving service registers: hands one delivery to the target, normally by running its
 * own AWS operation through {@link AwsCalls} (SQS: SendMessage; Lambda: an asynchronous Invoke).
 */
public interface DeliveryTarget {
    /**
     * Returns once the target has accepted the payload.
     *
     * @throws AwsException a throttle (429) is retried without counting as a failed attempt; any
     *                      other client error (4xx: the queue or function is gone) gives the
     *                      delivery up at once; anything else is a failed attempt, retried by the policy
     */
    void deliver(Delivery delivery, Attempt attempt);

    /**
     * Called once when the queue gives a delivery up, before it is removed (so what this sends is
     * stored first): Lambda sends its OnFailure record and dead-letter message here.
     *
     * @param lastFailure what the last attempt threw, or null when the event grew too old before it
     */
    default void givenUp(Delivery delivery, Attempt attempt, String reason, RuntimeException lastFailure) {
    }

    /**
     * The wait before the next attempt after {@code failures} failed ones: the delivery's retry
     * policy, unless the receiver's payload states its own schedule (an SNS HTTP delivery policy's
     * phases do not fit a doubling back-off).
     */
    default Duration backoff(Delivery delivery, int failures) {
        return delivery.retry().backoff(failures);
    }
}
