package dev.cloudjar.core.state;

import dev.cloudjar.core.spi.storage.Keyspace;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.spi.storage.WriteBatch;
import dev.cloudjar.core.state.journal.JournalStateStore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;

/**
 * Prints put, get and scan rates of the state stores and the size of the durable store's files;
 * figures only, no assertions.
 * {@code java -cp ... dev.cloudjar.core.state.StorageBenchmark memory|journal [items] [valueBytes]}
 */
public final class StorageBenchmark {
    private static final int SECONDS = 3;

    private StorageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "memory";
        int items = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int valueBytes = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        Path dir = Files.createTempDirectory("cloudjar-bench");
        try (StateStore store = kind.equals("journal") ? JournalStateStore.open(dir) : new MemoryStateStore()) {
            Keyspace table = store.keyspace("bench/table");
            byte[] value = new byte[valueBytes];
            long start = System.nanoTime();
            for (int i = 0; i < items; i += 1000) {
                WriteBatch batch = new WriteBatch();
                for (int j = i; j < Math.min(items, i + 1000); j++) {
                    batch.put(table.name(), key(j), value);
                }
                store.apply(batch);
            }
            report(kind, "load " + items + " in batches of 1000", items, System.nanoTime() - start);
            reportFiles(kind, "after the load", dir, store, valueBytes);
            Keyspace other = store.keyspace("bench/puts");
            for (int threads : new int[] {1, 2}) {
                measure(kind, "put (new key)", threads, i -> other.put(key(i), value));
                measure(kind, "get (random)", threads,
                        i -> table.get(key(ThreadLocalRandom.current().nextInt(items))));
                measure(kind, "scan 100 ascending", threads,
                        i -> table.scan(key(ThreadLocalRandom.current().nextInt(items)), null, 100, false));
                measure(kind, "scan 100 descending", threads,
                        i -> table.scan(null, key(ThreadLocalRandom.current().nextInt(items)), 100, true));
            }
            measure(kind, "size() of " + items, 1, i -> table.size());
            reportFiles(kind, "after the puts", dir, store, valueBytes);
            for (int round = 1; round <= 3; round++) {
                measure(kind, "overwrite (random key), round " + round, 2,
                        i -> table.put(key(ThreadLocalRandom.current().nextInt(items)), value));
                reportFiles(kind, "after overwrite round " + round, dir, store, valueBytes);
            }
        }
        reportFiles(kind, "after close", dir, null, valueBytes);
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    /** The files' size, and while the store is open the bytes of its live keys and values. */
    private static void reportFiles(String kind, String when, Path dir, StateStore store, int valueBytes)
            throws IOException {
        long total = 0;
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                total += Files.size(f);
            }
        }
        System.out.printf("%s files %-37s %,15d bytes", kind, when, total);
        if (store != null) {
            long entries = store.keyspace("bench/table").size() + store.keyspace("bench/puts").size();
            long live = entries * (8 + valueBytes);
            System.out.printf(" (%,d entries, %,d live bytes, %.1fx)", entries, live, (double) total / live);
        }
        System.out.println();
    }

    private static byte[] key(int i) {
        return ByteBuffer.allocate(8).putLong(i * 2654435761L & 0xffffffffL).array();
    }

    private static void measure(String kind, String what, int threads, IntConsumer op) throws InterruptedException {
        long deadline = System.nanoTime() + SECONDS * 1_000_000_000L;
        long[] counts = new long[threads];
        List<Thread> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                int i = thread * 100_000_000;
                while (System.nanoTime() < deadline) {
                    op.accept(i++);
                    counts[thread]++;
                }
            });
            worker.start();
            running.add(worker);
        }
        for (Thread worker : running) {
            worker.join();
        }
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        report(kind, what + ", " + threads + " thread(s)", total, System.nanoTime() - start);
    }

    private static void report(String kind, String what, long ops, long nanos) {
        System.out.printf("%s %-45s %,12.0f ops/s%n", kind, what, ops * 1e9 / nanos);
    }
}
