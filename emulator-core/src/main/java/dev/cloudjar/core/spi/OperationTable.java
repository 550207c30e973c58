package dev.cloudjar.core.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The explicit table of a service's implemented operations, by their AWS names:
 * {@code table.on("DeleteBucket", this::deleteBucket)}. No reflection on method names.
 */
public final class OperationTable {
    private final Map<String, OperationHandler> handlers = new LinkedHashMap<>();

    public OperationTable on(String operation, OperationHandler handler) {
        if (handlers.putIfAbsent(operation, handler) != null) {
            throw new IllegalStateException("operation registered twice: " + operation);
        }
        return this;
    }

    public OperationHandler handler(String operation) {
        return handlers.get(operation);
    }

    public Map<String, OperationHandler> handlers() {
        return Collections.unmodifiableMap(handlers);
    }
}
