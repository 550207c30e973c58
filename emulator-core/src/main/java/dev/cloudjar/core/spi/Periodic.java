package dev.cloudjar.core.spi;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Background work on a timer (TTL and lifecycle sweeps, Lambda's idle reaper): the one shared
 * scheduler thread only triggers; the work runs on the worker pool, so a long sweep delays no
 * other timer. A tick that finds the previous run unfinished is skipped, and a failure is logged
 * without cancelling the schedule.
 */
public final class Periodic {
    private static final System.Logger LOG = System.getLogger(Periodic.class.getName());

    private Periodic() {
    }

    /** Cancel the returned future to stop it (a run in progress finishes). */
    public static ScheduledFuture<?> schedule(ScheduledExecutorService scheduler, Executor workers, String name,
                                              long initialDelay, long interval, TimeUnit unit, Runnable task) {
        AtomicBoolean running = new AtomicBoolean();
        Runnable run = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, name + " failed; it runs again at its next interval", e);
            } finally {
                running.set(false);
            }
        };
        return scheduler.scheduleWithFixedDelay(() -> {
            if (running.compareAndSet(false, true)) {
                try {
                    workers.execute(run);
                } catch (RejectedExecutionException stopping) {
                    running.set(false);
                }
            }
        }, initialDelay, interval, unit);
    }
}
