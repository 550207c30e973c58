package dev.cloudjar.core.spi.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Puts and deletes across keyspaces, applied atomically by {@link StateStore#apply}. */
public final class WriteBatch {
    /** One write; a null value is a delete. */
    public record Write(String keyspace, byte[] key, byte[] value) {
    }

    private final List<Write> writes = new ArrayList<>();

    public WriteBatch put(String keyspace, byte[] key, byte[] value) {
        writes.add(new Write(keyspace, key, value));
        return this;
    }

    public WriteBatch delete(String keyspace, byte[] key) {
        writes.add(new Write(keyspace, key, null));
        return this;
    }

    public List<Write> writes() {
        return Collections.unmodifiableList(writes);
    }

    public boolean isEmpty() {
        return writes.isEmpty();
    }
}
