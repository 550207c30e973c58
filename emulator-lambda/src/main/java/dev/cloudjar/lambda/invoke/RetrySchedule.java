package dev.cloudjar.lambda.invoke;

import java.time.Duration;

/**
 * Lambda's timing for asynchronous invocations, multiplied by a scale
 * ({@code --lambda-retry-delay-scale}) so that tests need not wait minutes: after a function
 * error the second attempt comes about 1 minute later and the third 2 minutes after that; while
 * throttled, retries back off exponentially from 1 second up to 5 minutes; an event is given up
 * once older than MaximumEventAgeInSeconds.
 */
public record RetrySchedule(double scale) {
    private static final Duration[] AFTER_FUNCTION_ERROR = {Duration.ofMinutes(1), Duration.ofMinutes(2)};
    private static final Duration FIRST_THROTTLE_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_THROTTLE_DELAY = Duration.ofMinutes(5);

    /** The delay before the next attempt after {@code failedAttempts} attempts that ended in a function error. */
    public Duration afterFunctionError(int failedAttempts) {
        return scaled(AFTER_FUNCTION_ERROR[Math.min(Math.max(failedAttempts, 1), AFTER_FUNCTION_ERROR.length) - 1]);
    }

    /** The delay before retrying an event throttled {@code throttles} times before this one. */
    public Duration whileThrottled(int throttles) {
        long doubled = FIRST_THROTTLE_DELAY.toMillis() << Math.min(throttles, 16);
        return scaled(Duration.ofMillis(Math.min(MAX_THROTTLE_DELAY.toMillis(), doubled)));
    }

    /** The age past which an event is dropped. */
    public Duration maximumEventAge(int maximumEventAgeInSeconds) {
        return scaled(Duration.ofSeconds(maximumEventAgeInSeconds));
    }

    private Duration scaled(Duration delay) {
        return Duration.ofMillis((long) (delay.toMillis() * scale));
    }
}
