package dev.cloudjar.core.gateway;

import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.model.ServiceModel;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.ServiceDescriptor;
import dev.cloudjar.core.spi.ServicePlugin;

/** A started service: its plugin, its operation table and its model, loaded on first use. */
public final class ServiceRuntime {
    private final ServicePlugin plugin;
    private final ServiceDescriptor descriptor;
    private final OperationTable operations;
    private volatile ServiceModel model;

    public ServiceRuntime(ServicePlugin plugin, OperationTable operations) {
        this.plugin = plugin;
        this.descriptor = plugin.descriptor();
        this.operations = operations;
    }

    public String name() {
        return descriptor.name();
    }

    public ServiceDescriptor descriptor() {
        return descriptor;
    }

    public ServicePlugin plugin() {
        return plugin;
    }

    public Protocol protocol() {
        return descriptor.protocol();
    }

    public OperationTable operations() {
        return operations;
    }

    /** True once the model has been loaded (by a first request). */
    public boolean isModelLoaded() {
        return model != null;
    }

    /** The service's model; loaded from the plugin's class loader on first call. */
    public ServiceModel model() {
        ServiceModel m = model;
        if (m == null) {
            synchronized (this) {
                m = model;
                if (m == null) {
                    m = ServiceModel.loadResource(plugin.getClass().getClassLoader(), descriptor.modelResource())
                            .withConventions(descriptor.errorConventions());
                    model = m;
                }
            }
        }
        return m;
    }
}
