package dev.cloudjar.core.spi;

import dev.cloudjar.core.auth.CredentialStore;
import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.spi.storage.BlobStore;
import dev.cloudjar.core.spi.storage.StateStore;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * What the server hands a service when it starts: configuration, storage, credentials, threads,
 * and the two ways to reach other services: {@link AwsCalls} to run one of their operations, and
 * {@link Deliveries} to hand them a payload asynchronously (where a service also registers the
 * adapter that receives deliveries for its ARNs).
 */
public record ServiceContext(CloudjarConfig config, StateStore state, BlobStore blobs,
                             CredentialStore credentials, ExecutorService workers,
                             ScheduledExecutorService scheduler, AwsCalls calls, Deliveries deliveries,
                             Capabilities capabilities, Supplier<String> endpoint) {
}
