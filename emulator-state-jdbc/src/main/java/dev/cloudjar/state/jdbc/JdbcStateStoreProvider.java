package dev.cloudjar.state.jdbc;

import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.spi.storage.StateStoreProvider;

import java.util.Map;

/** Opens {@code jdbc:postgresql:} URLs (and {@code jdbc:h2:}, which the store's own tests use). */
public final class JdbcStateStoreProvider implements StateStoreProvider {
    @Override
    public boolean accepts(String url) {
        return url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:h2:");
    }

    @Override
    public StateStore open(String url, Map<String, String> settings) {
        return JdbcStateStore.open(url, settings);
    }
}
