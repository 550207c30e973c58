package dev.cloudjar.core.server;

import dev.cloudjar.core.spi.ServiceDescriptor;

import java.util.List;
import java.util.Set;

/**
 * What a running service offers: every operation its model declares and those it implements.
 * Operations of the model without a handler answer the protocol's not-implemented error.
 *
 * @param modelOperations operation names in model order
 * @param implemented     the names the service registered handlers for
 */
public record ServiceCoverage(ServiceDescriptor descriptor, List<String> modelOperations, Set<String> implemented) {
    public ServiceCoverage {
        modelOperations = List.copyOf(modelOperations);
        implemented = Set.copyOf(implemented);
    }

    public String name() {
        return descriptor.name();
    }

    /** The model's operations without a handler, in model order. */
    public List<String> unimplemented() {
        return modelOperations.stream().filter(op -> !implemented.contains(op)).toList();
    }
}
