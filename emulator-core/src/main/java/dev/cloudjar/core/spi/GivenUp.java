package dev.cloudjar.core.spi;

/**
 * Why core's delivery queue gave a delivery up, for its dead letter.
 *
 * @param attempts     the attempts made (throttled ones not counted); 0 when none was
 * @param errorCode    the last failed or throttled attempt's AWS error code (the exception's class name for a
 *                     failure that was no AWS error), or null when none failed
 * @param errorMessage its message; for a receiver that is missing, the queue's own reason
 * @param status       the last error's HTTP status (500 for a failure that was no AWS error), or 0 when none failed
 */
public record GivenUp(Cause cause, int attempts, String errorCode, String errorMessage, int status) {
    public enum Cause {
        /** The target refused it with a client error (it is gone, or the call is not allowed): not retried. */
        REFUSED,
        /** Every attempt the retry policy allows failed. */
        ATTEMPTS_EXHAUSTED,
        /** The retry policy's maximum event age passed before the next attempt. */
        EVENT_AGE_EXCEEDED,
        /** No registered receiver takes the target's kind. */
        NO_RECEIVER
    }
}
