package dev.cloudjar.core.spi;

import java.time.Instant;

/**
 * One attempt at a delivery, as its receiver sees it.
 *
 * @param deliveryId stays the same across the delivery's attempts (a UUID: Lambda uses it as the
 *                   asynchronous invocation's request id)
 * @param number     1 for the first attempt; throttled attempts do not count
 * @param received   when the delivery was submitted: its age is measured from here
 */
public record Attempt(String deliveryId, int number, Instant received) {
}
