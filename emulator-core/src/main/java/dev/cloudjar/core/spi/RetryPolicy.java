package dev.cloudjar.core.spi;

import java.time.Duration;

/**
 * How long a delivery keeps trying: at most {@code maximumAttempts} attempts that fail, and no
 * attempt after {@code maximumEventAge}; after a failure it waits {@code initialBackoff}, doubled
 * after each further failure up to {@code maximumBackoff}. A throttled attempt is not a failed one:
 * it is retried after {@code initialThrottleBackoff}, doubled up to {@code maximumThrottleBackoff},
 * until the event is too old (Lambda's asynchronous invocations: function errors retried after 1
 * then 2 minutes, throttles from 1 second up to 5 minutes, for up to 6 hours).
 */
public record RetryPolicy(int maximumAttempts, Duration maximumEventAge, Duration initialBackoff,
                          Duration maximumBackoff, Duration initialThrottleBackoff, Duration maximumThrottleBackoff) {

    public RetryPolicy {
        if (maximumAttempts < 1) {
            throw new IllegalArgumentException("a delivery makes at least one attempt");
        }
    }

    /**
     * For deliveries whose producer states no policy: S3 event notifications and Lambda's
     * destinations. AWS documents neither's schedule; a few quick retries ride out a target that
     * is starting, throttles are waited out as Lambda does.
     */
    public static RetryPolicy standard() {
        return new RetryPolicy(3, Duration.ofHours(6), Duration.ofSeconds(1), Duration.ofSeconds(20),
                Duration.ofSeconds(1), Duration.ofMinutes(5));
    }

    /**
     * A target's policy as EventBridge and Scheduler state it, {@code MaximumRetryAttempts} retries
     * after the first attempt within {@code MaximumEventAgeInSeconds}, with the standard back-off.
     */
    public static RetryPolicy retries(int maximumRetryAttempts, Duration maximumEventAge) {
        RetryPolicy standard = standard();
        return new RetryPolicy(maximumRetryAttempts + 1, maximumEventAge, standard.initialBackoff(),
                standard.maximumBackoff(), standard.initialThrottleBackoff(), standard.maximumThrottleBackoff());
    }

    /** The wait after the {@code failures}-th failed attempt. */
    public Duration backoff(int failures) {
        return doubled(initialBackoff, maximumBackoff, failures);
    }

    /** The wait after the {@code throttles}-th throttled attempt. */
    public Duration throttleBackoff(int throttles) {
        return doubled(initialThrottleBackoff, maximumThrottleBackoff, throttles);
    }

    private static Duration doubled(Duration first, Duration maximum, int times) {
        Duration wait = first;
        for (int i = 1; i < times && wait.compareTo(maximum) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maximum) > 0 ? maximum : wait;
    }
}
