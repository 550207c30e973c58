package dev.cloudjar.state.jdbc;

import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.state.StateStoreContract;

import java.util.Map;
import java.util.UUID;

/** The store contract on H2 in PostgreSQL mode: the SQL runs without a server. */
class H2StateStoreTest extends StateStoreContract {
    @Override
    protected StateStore createStore() {
        return JdbcStateStore.open("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", Map.of());
    }
}
