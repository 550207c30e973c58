package dev.cloudjar.core.spi;

import java.time.Instant;

/** Runs a timer that came due: see {@link Timers}. */
@FunctionalInterface
public interface TimerHandler {
    /**
     * Runs timer {@code id}, at least once per time it was set: a failure (or a crash before the
     * timer is removed) runs it again. {@code due} is the time it was set for, or the time of an
     * admin "fire now". To recur, {@link Timers#set} the next time from here.
     */
    void fire(String id, String payload, Instant due) throws Exception;
}
