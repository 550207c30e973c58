package dev.cloudjar.core.state.h2;

import dev.cloudjar.core.spi.storage.Entry;
import dev.cloudjar.core.spi.storage.Keyspace;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.spi.storage.WriteBatch;
import dev.cloudjar.core.state.KeyspaceNames;
import dev.cloudjar.core.state.Scans;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * State in an embedded H2 file database: one table of (keyspace, key, value) rows whose primary
 * key orders each keyspace by its keys. H2 compares VARBINARY as unsigned bytes, the order the
 * SPI promises, and walks the index forwards or backwards, so a scan reads only its page.
 *
 * <p>Durability: {@code WRITE_DELAY=0} makes H2 write its store to the file at every commit, on
 * the committing thread, before the commit returns. With the default delay (500 ms) a background
 * thread writes later, and a {@code kill -9} loses the last half second of acknowledged writes;
 * a {@code CHECKPOINT} after each commit is not enough either, as it returns at once when that
 * thread has just started a write it has not finished. The write reaches the operating system,
 * which outlives the process; H2 does not fsync each commit, so a power loss may lose the last
 * writes. {@code RETENTION_TIME} keeps its default (45 s, how long replaced data stays before
 * its space is reused): with 0, a {@code kill -9} lost the last acknowledged commit, as
 * {@code StorageTest} shows. The price is a file that grows by each commit's pages for those
 * 45 s under sustained writes; H2 compacts it on close.
 *
 * <p>{@code DB_CLOSE_ON_EXIT=FALSE}: the server closes storage after its last request; H2's own
 * shutdown hook would close the database under requests still running. {@code LOCK_TIMEOUT}: a
 * batch holds its rows until it commits, and a writer of the same row waits for it rather than
 * failing after H2's default second.
 */
public final class H2StateStore implements StateStore {
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS entries (
                keyspace_name VARCHAR(%d) NOT NULL,
                entry_key VARBINARY NOT NULL,
                entry_value VARBINARY NOT NULL,
                PRIMARY KEY (keyspace_name, entry_key))""".formatted(KeyspaceNames.MAX_LENGTH);
    private static final String GET =
            "SELECT entry_value FROM entries WHERE keyspace_name = ? AND entry_key = ?";
    private static final String PUT = "MERGE INTO entries (keyspace_name, entry_key, entry_value)"
            + " KEY (keyspace_name, entry_key) VALUES (?, ?, ?)";
    private static final String DELETE = "DELETE FROM entries WHERE keyspace_name = ? AND entry_key = ?";
    private static final String COUNT = "SELECT COUNT(*) FROM entries WHERE keyspace_name = ?";
    private static final String CLEAR = "DELETE FROM entries WHERE keyspace_name = ?";
    /** Seeks the next keyspace name through the index, skipping the keyspace's entries. */
    private static final String NEXT_KEYSPACE =
            "SELECT keyspace_name FROM entries WHERE keyspace_name > ? ORDER BY keyspace_name LIMIT 1";
    private static final String FIRST_KEYSPACE =
            "SELECT keyspace_name FROM entries WHERE keyspace_name >= ? ORDER BY keyspace_name LIMIT 1";

    private final H2Sessions sessions;

    private H2StateStore(H2Sessions sessions) {
        this.sessions = sessions;
    }

    /**
     * Opens (or creates) the database {@code directory/state.mv.db}. Only one process may open it;
     * the caller locks the directory with a clear message first.
     */
    public static H2StateStore open(Path directory) {
        String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("state")
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
        try {
            H2Sessions sessions = new H2Sessions(url, Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
            H2StateStore store = new H2StateStore(sessions);
            sessions.with(session -> session.connection().createStatement().execute(SCHEMA));
            return store;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the H2 database in " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Keyspace keyspace(String name) {
        return new H2Keyspace(KeyspaceNames.check(name));
    }

    @Override
    public Set<String> keyspaces(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return sessions.with(session -> keyspaces(session, prefix));
    }

    @Override
    public void apply(WriteBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        sessions.inTransaction(session -> {
            for (WriteBatch.Write write : batch.writes()) {
                String keyspace = KeyspaceNames.check(write.keyspace());
                if (write.value() == null) {
                    delete(session, keyspace, write.key());
                } else {
                    put(session, keyspace, write.key(), write.value());
                }
            }
            return null;
        });
    }

    @Override
    public void drop(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        sessions.inTransaction(session -> {
            for (String keyspace : keyspaces(session, prefix)) {
                update(session, CLEAR, keyspace);
            }
            return null;
        });
    }

    @Override
    public void close() {
        sessions.close();
    }

    private static Set<String> keyspaces(H2Session session, String prefix) throws SQLException {
        Set<String> names = new TreeSet<>();
        String next = nextKeyspace(session, FIRST_KEYSPACE, prefix);
        while (next != null && next.startsWith(prefix)) {
            names.add(next);
            next = nextKeyspace(session, NEXT_KEYSPACE, next);
        }
        return names;
    }

    private static String nextKeyspace(H2Session session, String sql, String after) throws SQLException {
        PreparedStatement statement = session.statement(sql);
        statement.setString(1, after);
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static void put(H2Session session, String keyspace, byte[] key, byte[] value) throws SQLException {
        PreparedStatement statement = session.statement(PUT);
        statement.setString(1, keyspace);
        statement.setBytes(2, Objects.requireNonNull(key, "key"));
        statement.setBytes(3, Objects.requireNonNull(value, "value"));
        statement.executeUpdate();
    }

    private static boolean delete(H2Session session, String keyspace, byte[] key) throws SQLException {
        PreparedStatement statement = session.statement(DELETE);
        statement.setString(1, keyspace);
        statement.setBytes(2, Objects.requireNonNull(key, "key"));
        return statement.executeUpdate() > 0;
    }

    private static int update(H2Session session, String sql, String keyspace) throws SQLException {
        PreparedStatement statement = session.statement(sql);
        statement.setString(1, keyspace);
        return statement.executeUpdate();
    }

    /** The SELECT for a scan with these bounds and direction (eight texts in all, each prepared once). */
    private static String scanSql(boolean hasFrom, boolean hasTo, boolean descending) {
        return "SELECT entry_key, entry_value FROM entries WHERE keyspace_name = ?"
                + (hasFrom ? " AND entry_key >= ?" : "")
                + (hasTo ? " AND entry_key < ?" : "")
                + (descending ? " ORDER BY keyspace_name DESC, entry_key DESC" : " ORDER BY keyspace_name, entry_key")
                + " LIMIT ?";
    }

    private final class H2Keyspace implements Keyspace {
        private final String name;

        H2Keyspace(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Optional<byte[]> get(byte[] key) {
            Objects.requireNonNull(key, "key");
            return sessions.with(session -> {
                PreparedStatement statement = session.statement(GET);
                statement.setString(1, name);
                statement.setBytes(2, key);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty();
                }
            });
        }

        @Override
        public void put(byte[] key, byte[] value) {
            sessions.with(session -> {
                H2StateStore.put(session, name, key, value);
                return null;
            });
        }

        @Override
        public boolean delete(byte[] key) {
            return sessions.with(session -> H2StateStore.delete(session, name, key));
        }

        @Override
        public List<Entry> scan(byte[] from, byte[] to, int limit, boolean descending) {
            Scans.checkLimit(limit);
            if (limit == 0 || Scans.isEmptyRange(from, to)) {
                return List.of();
            }
            return sessions.with(session -> {
                PreparedStatement statement = session.statement(scanSql(from != null, to != null, descending));
                int parameter = 1;
                statement.setString(parameter++, name);
                if (from != null) {
                    statement.setBytes(parameter++, from);
                }
                if (to != null) {
                    statement.setBytes(parameter++, to);
                }
                statement.setInt(parameter, limit);
                List<Entry> page = new ArrayList<>(Math.min(limit, 64));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        page.add(new Entry(rows.getBytes(1), rows.getBytes(2)));
                    }
                }
                return page;
            });
        }

        @Override
        public long size() {
            return sessions.with(session -> {
                PreparedStatement statement = session.statement(COUNT);
                statement.setString(1, name);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            });
        }

        @Override
        public void clear() {
            sessions.with(session -> update(session, CLEAR, name));
        }
    }
}
