package dev.cloudjar.core.state;

import dev.cloudjar.core.spi.storage.Entry;
import dev.cloudjar.core.spi.storage.Keyspace;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.spi.storage.WriteBatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Supplier;

/**
 * State kept in memory: one {@link ConcurrentSkipListMap} per keyspace, ordered by unsigned bytes.
 *
 * <p>Reads take no lock: they read optimistically and retry under a shared lock only when a
 * batch, drop or clear ran meanwhile, so a reader never sees half a batch. Single puts and
 * deletes share the lock with each other; batches, drops and clears take it alone.
 */
public final class MemoryStateStore implements StateStore {

    /** The entries of one keyspace and their count ({@link ConcurrentSkipListMap#size()} walks them all). */
    private record Data(ConcurrentSkipListMap<byte[], byte[]> entries, AtomicLong size) {
        Data() {
            this(new ConcurrentSkipListMap<>(Arrays::compareUnsigned), new AtomicLong());
        }

        void put(byte[] key, byte[] value) {
            if (entries.put(key.clone(), value.clone()) == null) {
                size.incrementAndGet();
            }
        }

        boolean delete(byte[] key) {
            boolean present = entries.remove(key) != null;
            if (present) {
                size.decrementAndGet();
            }
            return present;
        }
    }

    private final ConcurrentHashMap<String, Data> keyspaces = new ConcurrentHashMap<>();
    private final StampedLock lock = new StampedLock();

    @Override
    public Keyspace keyspace(String name) {
        return new MemoryKeyspace(KeyspaceNames.check(name));
    }

    @Override
    public Set<String> keyspaces(String prefix) {
        return read(() -> {
            Set<String> names = new TreeSet<>();
            keyspaces.forEach((name, data) -> {
                if (name.startsWith(prefix) && data.size().get() > 0) {
                    names.add(name);
                }
            });
            return names;
        });
    }

    @Override
    public void apply(WriteBatch batch) {
        for (WriteBatch.Write write : batch.writes()) {
            KeyspaceNames.check(write.keyspace());
            Objects.requireNonNull(write.key(), "key");
        }
        long stamp = lock.writeLock();
        try {
            for (WriteBatch.Write write : batch.writes()) {
                if (write.value() == null) {
                    existing(write.keyspace()).ifPresent(data -> data.delete(write.key()));
                } else {
                    data(write.keyspace()).put(write.key(), write.value());
                }
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public void drop(String prefix) {
        long stamp = lock.writeLock();
        try {
            keyspaces.keySet().removeIf(name -> name.startsWith(prefix));
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public void close() {
        keyspaces.clear();
    }

    private Data data(String name) {
        return keyspaces.computeIfAbsent(name, n -> new Data());
    }

    private Optional<Data> existing(String name) {
        return Optional.ofNullable(keyspaces.get(name));
    }

    private <T> T read(Supplier<T> reader) {
        long stamp = lock.tryOptimisticRead();
        if (stamp != 0) {
            T result = reader.get();
            if (lock.validate(stamp)) {
                return result;
            }
        }
        stamp = lock.readLock();
        try {
            return reader.get();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    private <T> T write(Supplier<T> writer) {
        long stamp = lock.readLock();
        try {
            return writer.get();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * A keyspace by name: it looks its entries up on each call, so a handle stays valid after
     * {@link #drop} and sees the keyspace created anew.
     */
    private final class MemoryKeyspace implements Keyspace {
        private final String name;

        MemoryKeyspace(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Optional<byte[]> get(byte[] key) {
            Objects.requireNonNull(key, "key");
            return read(() -> existing(name).map(data -> data.entries().get(key)).map(byte[]::clone));
        }

        @Override
        public void put(byte[] key, byte[] value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            write(() -> {
                data(name).put(key, value);
                return null;
            });
        }

        @Override
        public boolean delete(byte[] key) {
            Objects.requireNonNull(key, "key");
            return write(() -> existing(name).map(data -> data.delete(key)).orElse(false));
        }

        @Override
        public List<Entry> scan(byte[] from, byte[] to, int limit, boolean descending) {
            Scans.checkLimit(limit);
            if (limit == 0 || Scans.isEmptyRange(from, to)) {
                return List.of();
            }
            return read(() -> existing(name).map(data -> page(data.entries(), from, to, limit, descending))
                    .orElse(List.of()));
        }

        @Override
        public long size() {
            return read(() -> existing(name).map(data -> data.size().get()).orElse(0L));
        }

        @Override
        public void clear() {
            long stamp = lock.writeLock();
            try {
                keyspaces.remove(name);
            } finally {
                lock.unlockWrite(stamp);
            }
        }

        private List<Entry> page(ConcurrentSkipListMap<byte[], byte[]> entries, byte[] from, byte[] to,
                                 int limit, boolean descending) {
            NavigableMap<byte[], byte[]> range = entries;
            if (from != null && to != null) {
                range = entries.subMap(from, true, to, false);
            } else if (from != null) {
                range = entries.tailMap(from, true);
            } else if (to != null) {
                range = entries.headMap(to, false);
            }
            if (descending) {
                range = range.descendingMap();
            }
            List<Entry> page = new ArrayList<>(Math.min(limit, 64));
            for (var e : range.entrySet()) {
                if (page.size() == limit) {
                    break;
                }
                page.add(new Entry(e.getKey().clone(), e.getValue().clone()));
            }
            return page;
        }
    }
}
