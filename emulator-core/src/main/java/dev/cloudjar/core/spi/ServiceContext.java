package dev.cloudjar.core.spi;

import dev.cloudjar.core.auth.CredentialStore;
import dev.cloudjar.core.config.CloudjarConfig;
import dev.cloudjar.core.spi.storage.BlobStore;
import dev.cloudjar.core.spi.storage.StateStore;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/** What the server hands a service when it starts: configuration, storage, credentials, threads. */
public record ServiceContext(CloudjarConfig config, StateStore state, BlobStore blobs,
                             CredentialStore credentials, ExecutorService workers,
                             ScheduledExecutorService scheduler, EventBus events,
                             Capabilities capabilities, Supplier<String> endpoint) {
}
