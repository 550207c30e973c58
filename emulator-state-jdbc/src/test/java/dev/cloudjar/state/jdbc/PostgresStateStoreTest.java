package dev.cloudjar.state.jdbc;

import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.state.StateStoreContract;
import org.junit.jupiter.api.BeforeAll;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The store contract on a real PostgreSQL, named by {@code CLOUDJAR_TEST_POSTGRES_URL} (a
 * {@code jdbc:postgresql:} URL with user and password; {@code .ci/run} starts one). Each test
 * gets a database of its own. Without the variable the test is skipped, and says so; in CI
 * ({@code CI=true}) it fails instead, so PostgreSQL's run is never skipped silently there.
 */
class PostgresStateStoreTest extends StateStoreContract {
    private static final String URL = System.getenv("CLOUDJAR_TEST_POSTGRES_URL");

    @BeforeAll
    static void needsPostgres() {
        if ("true".equals(System.getenv("CI"))) {
            assertNotNull(URL, "CI must set CLOUDJAR_TEST_POSTGRES_URL (.ci/run starts PostgreSQL)");
        }
        assumeTrue(URL != null, "CLOUDJAR_TEST_POSTGRES_URL is not set: the PostgreSQL store contract is skipped");
    }

    @Override
    protected StateStore createStore() throws Exception {
        String database = "cloudjar_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        return JdbcStateStore.open(withDatabase(URL, database), Map.of());
    }

    /** The URL with its database (the path after host[:port]/) replaced. */
    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        return (slash < 0 ? base : base.substring(0, slash)) + "/" + database + params;
    }
}
