package dev.cloudjar.core.spi.storage;

import java.util.Set;

/**
 * Keyed state for all services: named keyspaces of byte keys, ordered by unsigned lexicographic
 * byte order (services encode their own order into keys). In memory by default; durable with
 * {@code --data-dir}, where every write that returned survives a restart and a {@code kill -9}.
 */
public interface StateStore extends AutoCloseable {

    /** The keyspace of that name, created empty on first use. */
    Keyspace keyspace(String name);

    /** Names of keyspaces that hold at least one entry and start with the prefix. */
    Set<String> keyspaces(String prefix);

    /** Applies all puts and deletes of the batch atomically: after a crash, all or none. */
    void apply(WriteBatch batch);

    /** Removes every keyspace whose name starts with the prefix ("" removes everything). */
    void drop(String prefix);

    @Override
    void close();
}
