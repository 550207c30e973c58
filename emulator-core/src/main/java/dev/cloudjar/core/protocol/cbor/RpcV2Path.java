package dev.cloudjar.core.protocol.cbor;

import dev.cloudjar.core.model.ServiceModel;

/**
 * The service and operation an rpcv2 request names in its path,
 * {@code {prefix?}/service/{serviceName}/operation/{operationName}}. Only the last four segments
 * count, so a service may sit under a prefix such as {@code /v1}.
 */
public record RpcV2Path(String serviceName, String operationName) {
    /** The path's service and operation, or null when the path does not have the protocol's form. */
    public static RpcV2Path of(String rawPath) {
        String[] segments = rawPath.split("/", -1);
        int n = segments.length;
        if (n < 5 || !segments[n - 4].equals("service") || !segments[n - 2].equals("operation")
                || segments[n - 3].isEmpty() || segments[n - 1].isEmpty()) {
            return null;
        }
        return new RpcV2Path(segments[n - 3], segments[n - 1]);
    }

    /**
     * Whether the path names the model's service: by its shape name, as clients send it, or by its
     * absolute shape id with '.' for '#' ("com.example.TheService"), which servers should accept too.
     */
    public boolean names(ServiceModel model) {
        return serviceName.equals(model.serviceName()) || serviceName.equals(model.service().id().replace('#', '.'));
    }
}
