package dev.cloudjar.core.spi;

import java.time.Instant;

/**
 * Durable one-shot timers, what schedules are made of (EventBridge rules with a schedule
 * expression, EventBridge Scheduler). A timer is a record in the storage SPI from {@link #set}
 * until it has fired, so with a data directory it survives a restart; only the trigger lives in
 * memory. A recurring schedule sets its next timer from its handler.
 *
 * <p>Timers run on their own clock, {@link #now()}: the server's clock, which a test can start
 * at another instant ({@code --clock}) and move forward ({@code POST /_cloudjar/clock}) to see a
 * schedule fire without waiting, while signatures keep checking against the real time.
 */
public interface Timers {
    /**
     * The handler for every timer of {@code owner}, normally the service's name (its timers are
     * stored under its own keyspaces, so resetting the service drops them). Register in
     * {@link ServicePlugin#start}; handlers run on the worker pool once the server is up.
     */
    void register(String owner, TimerHandler handler);

    /** Sets, or replaces, timer {@code id} of {@code owner} (by convention the schedule's ARN). */
    void set(String owner, String id, Instant due, String payload);

    /** Removes the timer; nothing when there is none. */
    void cancel(String owner, String id);

    /** The time schedules see. */
    Instant now();
}
