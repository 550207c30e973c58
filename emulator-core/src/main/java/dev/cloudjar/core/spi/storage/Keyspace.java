package dev.cloudjar.core.spi.storage;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

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

    /**
     * Every entry with {@code from <= key < to} in key order (a null bound is open), read
     * {@code pageSize} at a time, so the whole range is never one list in memory.
     */
    default void forEach(byte[] from, byte[] to, int pageSize, Consumer<Entry> action) {
        byte[] next = from;
        while (true) {
            List<Entry> page = scan(next, to, pageSize, false);
            page.forEach(action);
            if (page.size() < pageSize) {
                return;
            }
            byte[] last = page.get(page.size() - 1).key();
            next = Arrays.copyOf(last, last.length + 1);
        }
    }

    long size();

    void clear();
}
