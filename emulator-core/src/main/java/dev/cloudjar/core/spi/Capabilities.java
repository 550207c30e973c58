package dev.cloudjar.core.spi;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one service offers others without their modules depending on each other: Cognito verifies
 * web identity tokens for STS, S3 hands object contents to Lambda. The interface lives in core
 * ({@code dev.cloudjar.core.spi}); the offering service provides an implementation when it
 * starts, and users look it up per request, since services start in no guaranteed order.
 */
public final class Capabilities {
    private final Map<Class<?>, Object> provided = new ConcurrentHashMap<>();

    public <T> void provide(Class<T> type, T implementation) {
        if (provided.putIfAbsent(type, type.cast(implementation)) != null) {
            throw new IllegalStateException(type.getName() + " is already provided");
        }
    }

    public <T> Optional<T> find(Class<T> type) {
        return Optional.ofNullable(type.cast(provided.get(type)));
    }
}
