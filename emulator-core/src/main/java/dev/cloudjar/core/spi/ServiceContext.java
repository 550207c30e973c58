package dev.cloudjar.core.spi;

import dev.cloudjar.core.auth.CredentialStore;
import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.spi.storage.BlobStore;
import dev.cloudjar.core.spi.storage.StateStore;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What the server hands a service when it starts: configuration, storage, credentials, threads,
 * the two ways to reach other services: {@link AwsCalls} to run one of their operations, and
 * {@link Deliveries} to hand them a payload asynchronously (where a service also registers the
 * adapter that receives deliveries for its ARNs), and durable {@link Timers} for schedules.
 */
public record ServiceContext(CloudjarConfig config, StateStore state, BlobStore blobs,
                             CredentialStore credentials, ExecutorService workers,
                             ScheduledExecutorService scheduler, AwsCalls calls, Deliveries deliveries,
                             Timers timers, Capabilities capabilities, Supplier<String> endpoint) {

    /** Runs {@code task} every {@code interval} on the worker pool (see {@link Periodic}). */
    public ScheduledFuture<?> periodically(String name, long initialDelay, long interval, TimeUnit unit, Runnable task) {
        return Periodic.schedule(scheduler, workers, name, initialDelay, interval, unit, task);
    }
}
