package dev.cloudjar.core.spi;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Locks that serialise read-check-write on one record (DynamoDB's conditional writes and
 * UpdateItem, S3's conditional and versioned writes) without a lock per record: a key maps to one
 * of a fixed number of stripes. Several keys (transactions) are locked in stripe order, so two
 * transactions cannot deadlock.
 */
public final class StripedLocks {
    private final ReentrantLock[] stripes;

    public StripedLocks(int count) {
        stripes = new ReentrantLock[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    public int stripe(String keyspace, byte[] key) {
        return Math.floorMod(31 * keyspace.hashCode() + Arrays.hashCode(key), stripes.length);
    }

    /** Locks the stripes (each once, in ascending order) and returns a handle that unlocks them. */
    public Held lock(List<Integer> stripeIndexes) {
        TreeSet<Integer> ordered = new TreeSet<>(stripeIndexes);
        for (int i : ordered) {
            stripes[i].lock();
        }
        return () -> ordered.descendingSet().forEach(i -> stripes[i].unlock());
    }

    public Held lock(String keyspace, byte[] key) {
        ReentrantLock lock = stripes[stripe(keyspace, key)];
        lock.lock();
        return lock::unlock;
    }

    /** Locks held until closed. */
    @FunctionalInterface
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
