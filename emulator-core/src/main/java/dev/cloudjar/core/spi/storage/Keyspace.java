package dev.cloudjar.core.spi.storage;

import java.util.List;
import java.util.Optional;

/** One ordered map of byte keys to byte values in a {@link StateStore}. Thread-safe. */
public interface Keyspace {
    String name();

    Optional<byte[]> get(byte[] key);

    /** Stores the value; durable when this returns (with a data dir). */
    void put(byte[] key, byte[] value);

    /** Removes the key; returns whether it was present. */
    boolean delete(byte[] key);

    /**
     * Up to {@code limit} entries with {@code from <= key < to} in key order (or reverse order
     * when {@code descending}); a null bound is open. Cost is in proportion to the page returned.
     */
    List<Entry> scan(byte[] from, byte[] to, int limit, boolean descending);

    long size();

    void clear();
}
