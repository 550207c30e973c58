package dev.cloudjar.state.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cloudjar.core.spi.storage.Entry;
import dev.cloudjar.core.spi.storage.Keyspace;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.spi.storage.WriteBatch;
import dev.cloudjar.core.state.KeyspaceNames;
import dev.cloudjar.core.state.Scans;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * State in a SQL database, so that it is as large as the database and outlives any one node: one
 * table of (keyspace, key, value) whose primary key is the B-tree every get and scan walks, so a
 * scan costs in proportion to the page it returns. Byte keys compare as unsigned bytes in both
 * databases it speaks (PostgreSQL's bytea, H2's binary), the order the SPI promises. A batch is
 * one transaction. The schema is created, or migrated, on open; its version is in
 * {@code cloudjar_schema}.
 */
final class JdbcStateStore implements StateStore {
    static final int SCHEMA_VERSION = 1;

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final Map<String, Keyspace> keyspaces = new ConcurrentHashMap<>();

    /** What differs between the databases: only how a row is written whether or not it exists. */
    enum Dialect {
        POSTGRESQL("INSERT INTO cloudjar_entries (keyspace, k, v) VALUES (?, ?, ?)"
                + " ON CONFLICT (keyspace, k) DO UPDATE SET v = EXCLUDED.v", "BYTEA"),
        H2("MERGE INTO cloudjar_entries (keyspace, k, v) KEY (keyspace, k) VALUES (?, ?, ?)", "VARBINARY");

        final String upsert;
        final String bytes;

        Dialect(String upsert, String bytes) {
            this.upsert = upsert;
            this.bytes = bytes;
        }

        static Dialect of(String url) {
            if (url.startsWith("jdbc:postgresql:")) {
                return POSTGRESQL;
            }
            if (url.startsWith("jdbc:h2:")) {
                return H2;
            }
            throw new IllegalArgumentException("no SQL dialect for " + url);
        }
    }

    private JdbcStateStore(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    /**
     * Opens the store, creating its schema when the database has none.
     *
     * @throws IllegalStateException when the database cannot be reached or holds a newer schema
     */
    static JdbcStateStore open(String url, Map<String, String> settings) {
        Dialect dialect = Dialect.of(url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (settings.containsKey("user")) {
            config.setUsername(settings.get("user"));
        }
        if (settings.containsKey("password")) {
            config.setPassword(settings.get("password"));
        }
        // A small pool: requests run on at most --worker-threads workers, and most statements are one round trip.
        config.setMaximumPoolSize(16);
        config.setMinimumIdle(1);
        config.setPoolName("cloudjar-state");
        config.setConnectionTimeout(10_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot reach the state store: " + rootMessage(e), e);
        }
        JdbcStateStore store = new JdbcStateStore(pool, dialect);
        try {
            store.migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return store;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private void migrate() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("CREATE TABLE IF NOT EXISTS cloudjar_schema (version INT NOT NULL)");
            int version = 0;
            try (ResultSet r = s.executeQuery("SELECT MAX(version) FROM cloudjar_schema")) {
                if (r.next()) {
                    version = r.getInt(1);
                }
            }
            if (version > SCHEMA_VERSION) {
                throw new IllegalStateException("the state store holds schema version " + version
                        + ", newer than this server's " + SCHEMA_VERSION + ": run a newer Cloudjar");
            }
            if (version < 1) {
                s.execute("CREATE TABLE IF NOT EXISTS cloudjar_entries (keyspace VARCHAR(" + KeyspaceNames.MAX_LENGTH
                        + ") NOT NULL, k " + dialect.bytes + " NOT NULL, v " + dialect.bytes + " NOT NULL,"
                        + " PRIMARY KEY (keyspace, k))");
                s.execute("INSERT INTO cloudjar_schema (version) VALUES (1)");
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the state store's schema: " + e.getMessage(), e);
        }
    }

    @Override
    public Keyspace keyspace(String name) {
        return keyspaces.computeIfAbsent(KeyspaceNames.check(name), TableKeyspace::new);
    }

    @Override
    public Set<String> keyspaces(String prefix) {
        return query("SELECT DISTINCT keyspace FROM cloudjar_entries WHERE LEFT(keyspace, ?) = ? ORDER BY keyspace",
                s -> {
                    s.setInt(1, prefix.length());
                    s.setString(2, prefix);
                }, r -> {
                    Set<String> names = new LinkedHashSet<>();
                    while (r.next()) {
                        names.add(r.getString(1));
                    }
                    return names;
                });
    }

    @Override
    public void apply(WriteBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        // The whole batch is checked before the transaction starts, as the other stores do.
        for (WriteBatch.Write w : batch.writes()) {
            KeyspaceNames.check(w.keyspace());
            Objects.requireNonNull(w.key(), "key");
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement put = c.prepareStatement(dialect.upsert);
                 PreparedStatement delete = c.prepareStatement("DELETE FROM cloudjar_entries WHERE keyspace = ? AND k = ?")) {
                // In the batch's order: a later write to the same key wins, as in the other stores.
                for (WriteBatch.Write w : batch.writes()) {
                    if (w.value() == null) {
                        delete.setString(1, w.keyspace());
                        delete.setBytes(2, w.key());
                        delete.executeUpdate();
                    } else {
                        put.setString(1, w.keyspace());
                        put.setBytes(2, w.key());
                        put.setBytes(3, w.value());
                        put.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public void drop(String prefix) {
        update("DELETE FROM cloudjar_entries WHERE LEFT(keyspace, ?) = ?", s -> {
            s.setInt(1, prefix.length());
            s.setString(2, prefix);
        });
    }

    @Override
    public void close() {
        pool.close();
    }

    private static IllegalStateException failure(SQLException e) {
        return new IllegalStateException("state store: " + e.getMessage(), e);
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface Reader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private <T> T query(String sql, Binder binder, Reader<T> reader) {
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet r = s.executeQuery()) {
                return reader.read(r);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private int update(String sql, Binder binder) {
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** A keyspace: the table's rows that carry its name. */
    private final class TableKeyspace implements Keyspace {
        private final String name;

        TableKeyspace(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Optional<byte[]> get(byte[] key) {
            Objects.requireNonNull(key, "key");
            return query("SELECT v FROM cloudjar_entries WHERE keyspace = ? AND k = ?", s -> {
                s.setString(1, name);
                s.setBytes(2, key);
            }, r -> r.next() ? Optional.of(r.getBytes(1)) : Optional.empty());
        }

        @Override
        public void put(byte[] key, byte[] value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            update(dialect.upsert, s -> {
                s.setString(1, name);
                s.setBytes(2, key);
                s.setBytes(3, value);
            });
        }

        @Override
        public boolean delete(byte[] key) {
            Objects.requireNonNull(key, "key");
            return update("DELETE FROM cloudjar_entries WHERE keyspace = ? AND k = ?", s -> {
                s.setString(1, name);
                s.setBytes(2, key);
            }) > 0;
        }

        @Override
        public List<Entry> scan(byte[] from, byte[] to, int limit, boolean descending) {
            Scans.checkLimit(limit);
            if (limit == 0 || Scans.isEmptyRange(from, to)) {
                return List.of();
            }
            StringBuilder sql = new StringBuilder("SELECT k, v FROM cloudjar_entries WHERE keyspace = ?");
            if (from != null) {
                sql.append(" AND k >= ?");
            }
            if (to != null) {
                sql.append(" AND k < ?");
            }
            sql.append(descending ? " ORDER BY k DESC" : " ORDER BY k").append(" LIMIT ?");
            return query(sql.toString(), s -> {
                int i = 1;
                s.setString(i++, name);
                if (from != null) {
                    s.setBytes(i++, from);
                }
                if (to != null) {
                    s.setBytes(i++, to);
                }
                s.setInt(i, limit);
            }, r -> {
                List<Entry> page = new ArrayList<>();
                while (r.next()) {
                    page.add(new Entry(r.getBytes(1), r.getBytes(2)));
                }
                return page;
            });
        }

        @Override
        public long size() {
            return query("SELECT COUNT(*) FROM cloudjar_entries WHERE keyspace = ?", s -> s.setString(1, name),
                    r -> r.next() ? r.getLong(1) : 0L);
        }

        @Override
        public void clear() {
            update("DELETE FROM cloudjar_entries WHERE keyspace = ?", s -> s.setString(1, name));
        }
    }
}
