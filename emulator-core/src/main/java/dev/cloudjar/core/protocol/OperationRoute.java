package dev.cloudjar.core.protocol;

import dev.cloudjar.core.model.OperationModel;

import java.util.Map;

/**
 * The operation a request targets and the labels its http trait's URI pattern took from the
 * path ({@code {Bucket}}, {@code {Key+}}, {@code {FunctionName}}), found once per request and
 * handed to {@link ProtocolCodec#parse}. RPC protocols (awsJson, awsQuery) have no labels.
 */
public record OperationRoute(OperationModel operation, Map<String, String> labels) {
    public OperationRoute {
        labels = Map.copyOf(labels);
    }

    /** A route without labels: what the RPC protocols find, and what a test names directly. */
    public static OperationRoute of(OperationModel operation) {
        return new OperationRoute(operation, Map.of());
    }
}
