package dev.cloudjar.core.spi;

import dev.cloudjar.core.config.CloudjarConfig;

import java.util.List;

/**
 * A service module, found with {@link java.util.ServiceLoader}. Core knows no service by name:
 * a module describes how its requests are recognised, registers its operations and may serve raw
 * routes.
 */
public interface ServicePlugin {
    ServiceDescriptor descriptor();

    /** Called once at server start; registers the operations this service implements. */
    void start(ServiceContext context, OperationTable operations);

    /**
     * Called once every service has started and the server answers: background work a previous
     * run left (an EventBridge replay) resumes here, when the services it reaches are up.
     */
    default void started() {
    }

    /** The service's own command-line options (read from {@code CloudjarConfig.options()}), for --help. */
    default List<CloudjarConfig.Option> options() {
        return List.of();
    }

    /** HTTP endpoints outside the AWS protocols (no SigV4, no codec). */
    default List<RawRoute> rawRoutes() {
        return List.of();
    }

    /** Drops any state the service keeps outside the state store (caches, processes). */
    default void reset() {
    }

    /** Called once at server stop. */
    default void stop() {
    }
}
