package dev.cloudjar.core.state;

import dev.cloudjar.core.spi.storage.Entry;
import dev.cloudjar.core.spi.storage.Keyspace;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.spi.storage.WriteBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link StateStore} promises, run against each implementation by a small subclass
 * that says how to create one.
 */
public abstract class StateStoreContract {
    protected StateStore store;
    private Keyspace items;

    /** A new, empty store; the contract closes it. */
    protected abstract StateStore createStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = createStore();
        items = store.keyspace("test/items");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void getReturnsTheValuePut() {
        items.put(bytes("k"), bytes("v"));

        assertEquals("v", text(items.get(bytes("k")).orElseThrow()));
    }

    @Test
    void getOfAMissingKeyIsEmpty() {
        assertTrue(items.get(bytes("missing")).isEmpty());
    }

    @Test
    void putReplacesTheValue() {
        items.put(bytes("k"), bytes("first"));
        items.put(bytes("k"), bytes("second"));

        assertEquals("second", text(items.get(bytes("k")).orElseThrow()));
        assertEquals(1, items.size());
    }

    @Test
    void emptyKeysAndValuesAreStored() {
        items.put(new byte[0], new byte[0]);

        assertArrayEquals(new byte[0], items.get(new byte[0]).orElseThrow());
    }

    @Test
    void valuesOfDynamoDbItemSizeAreStored() {
        byte[] value = new byte[400 * 1024];
        Arrays.fill(value, (byte) 7);
        items.put(bytes("big"), value);

        assertArrayEquals(value, items.get(bytes("big")).orElseThrow());
    }

    @Test
    void changingAnArrayAfterPutDoesNotChangeTheStoredEntry() {
        byte[] key = bytes("k");
        byte[] value = bytes("v");
        items.put(key, value);
        value[0] = 'x';
        items.get(key).orElseThrow()[0] = 'y';
        key[0] = 'z';

        assertEquals("v", text(items.get(bytes("k")).orElseThrow()));
    }

    @Test
    void deleteRemovesTheKeyAndSaysWhetherItWasPresent() {
        items.put(bytes("k"), bytes("v"));

        assertTrue(items.delete(bytes("k")));
        assertFalse(items.delete(bytes("k")));
        assertTrue(items.get(bytes("k")).isEmpty());
        assertEquals(0, items.size());
    }

    @Test
    void keysAreOrderedAsUnsignedBytes() {
        for (int b : new int[] {0xFF, 0x80, 0x00, 0x7F, 0x01}) {
            items.put(new byte[] {(byte) b}, bytes("v"));
        }

        assertEquals(List.of("00", "01", "7f", "80", "ff"), hexKeys(items.scan(null, null, 10, false)));
    }

    @Test
    void aKeyComesBeforeEveryLongerKeyItStarts() {
        items.put(bytes("b"), bytes("v"));
        items.put(bytes("a\0"), bytes("v"));
        items.put(bytes("a"), bytes("v"));
        items.put(bytes("a\u007f"), bytes("v"));

        assertEquals(List.of("61", "6100", "617f", "62"), hexKeys(items.scan(null, null, 10, false)));
    }

    @Test
    void scanIncludesFromAndExcludesTo() {
        putKeys("a", "b", "c", "d");

        assertEquals(List.of("b", "c"), keys(items.scan(bytes("b"), bytes("d"), 10, false)));
    }

    @Test
    void scanBoundsNeedNotBeKeys() {
        putKeys("a", "b", "c", "d");

        assertEquals(List.of("b", "c"), keys(items.scan(bytes("a\0"), bytes("c\0"), 10, false)));
    }

    @Test
    void nullBoundsAreOpen() {
        putKeys("a", "b", "c");

        assertEquals(List.of("b", "c"), keys(items.scan(bytes("b"), null, 10, false)));
        assertEquals(List.of("a", "b"), keys(items.scan(null, bytes("c"), 10, false)));
    }

    @Test
    void scanReturnsAtMostLimitEntriesFromTheStart() {
        putKeys("a", "b", "c", "d");

        assertEquals(List.of("a", "b"), keys(items.scan(null, null, 2, false)));
        assertEquals(List.of(), keys(items.scan(null, null, 0, false)));
    }

    @Test
    void descendingScanReturnsTheHighestKeysOfTheRangeFirst() {
        putKeys("a", "b", "c", "d", "e");

        assertEquals(List.of("d", "c"), keys(items.scan(bytes("b"), bytes("e"), 2, true)));
        assertEquals(List.of("e", "d", "c", "b", "a"), keys(items.scan(null, null, 10, true)));
    }

    @Test
    void scanOfAnEmptyOrInvertedRangeIsEmpty() {
        putKeys("a", "b", "c");

        assertEquals(List.of(), keys(items.scan(bytes("b"), bytes("b"), 10, false)));
        assertEquals(List.of(), keys(items.scan(bytes("c"), bytes("a"), 10, true)));
    }

    @Test
    void scanReturnsValuesWithKeys() {
        items.put(bytes("k"), bytes("v"));

        Entry entry = items.scan(null, null, 1, false).get(0);
        assertEquals("k", text(entry.key()));
        assertEquals("v", text(entry.value()));
    }

    @Test
    void negativeScanLimitIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> items.scan(null, null, -1, false));
    }

    @Test
    void keyspacesDoNotShareKeys() {
        Keyspace other = store.keyspace("test/other");
        items.put(bytes("k"), bytes("items"));
        other.put(bytes("k"), bytes("other"));

        assertEquals("items", text(items.get(bytes("k")).orElseThrow()));
        assertEquals(1, other.scan(null, null, 10, false).size());
    }

    @Test
    void sizeCountsEntries() {
        putKeys("a", "b", "c");
        items.delete(bytes("b"));

        assertEquals(2, items.size());
        assertEquals(0, store.keyspace("test/empty").size());
    }

    @Test
    void clearEmptiesOnlyItsKeyspace() {
        Keyspace other = store.keyspace("test/other");
        putKeys("a", "b");
        other.put(bytes("a"), bytes("v"));

        items.clear();

        assertEquals(0, items.size());
        assertEquals(1, other.size());
    }

    @Test
    void invalidKeyspaceNamesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> store.keyspace(""));
        assertThrows(IllegalArgumentException.class, () -> store.keyspace("line\nbreak"));
        assertThrows(IllegalArgumentException.class, () -> store.keyspace("x".repeat(KeyspaceNames.MAX_LENGTH + 1)));
    }

    @Test
    void applyWritesPutsAndDeletesAcrossKeyspaces() {
        items.put(bytes("gone"), bytes("v"));

        store.apply(new WriteBatch()
                .put("test/items", bytes("a"), bytes("1"))
                .delete("test/items", bytes("gone"))
                .put("test/index", bytes("1"), bytes("a")));

        assertEquals(List.of("a"), keys(items.scan(null, null, 10, false)));
        assertEquals("a", text(store.keyspace("test/index").get(bytes("1")).orElseThrow()));
    }

    @Test
    void laterWritesOfABatchWinOverEarlierOnes() {
        store.apply(new WriteBatch()
                .put("test/items", bytes("k"), bytes("1"))
                .put("test/items", bytes("k"), bytes("2"))
                .put("test/items", bytes("d"), bytes("1"))
                .delete("test/items", bytes("d")));

        assertEquals(List.of("k"), keys(items.scan(null, null, 10, false)));
        assertEquals("2", text(items.get(bytes("k")).orElseThrow()));
    }

    @Test
    void batchWithAnInvalidKeyspaceNameWritesNothing() {
        items.put(bytes("kept"), bytes("before"));
        WriteBatch batch = new WriteBatch()
                .put("test/items", bytes("kept"), bytes("after"))
                .delete("test/items", bytes("kept"))
                .put("test/index", bytes("new"), bytes("v"))
                .put("", bytes("k"), bytes("v"));

        assertThrows(IllegalArgumentException.class, () -> store.apply(batch));

        assertEquals("before", text(items.get(bytes("kept")).orElseThrow()));
        assertEquals(Set.of("test/items"), store.keyspaces(""));
    }

    @Test
    void batchThatFailsMidwayWritesNothing() {
        WriteBatch batch = new WriteBatch()
                .put("test/items", bytes("a"), bytes("v"))
                .put("test/index", bytes("b"), bytes("v"))
                .put("test/items", null, bytes("v"));

        assertThrows(NullPointerException.class, () -> store.apply(batch));

        assertEquals(Set.of(), store.keyspaces(""));
    }

    @Test
    void dropRemovesEveryKeyspaceStartingWithThePrefix() {
        store.keyspace("s3/000000000000/bucket-a").put(bytes("k"), bytes("v"));
        store.keyspace("s3/000000000000/bucket-b").put(bytes("k"), bytes("v"));
        store.keyspace("s3/111111111111/bucket-a").put(bytes("k"), bytes("v"));

        store.drop("s3/000000000000/");

        assertEquals(Set.of("s3/111111111111/bucket-a"), store.keyspaces("s3/"));
        assertTrue(store.keyspace("s3/000000000000/bucket-a").get(bytes("k")).isEmpty());
    }

    @Test
    void dropOfTheEmptyPrefixRemovesEverything() {
        putKeys("a");
        store.keyspace("other").put(bytes("k"), bytes("v"));

        store.drop("");

        assertEquals(Set.of(), store.keyspaces(""));
    }

    @Test
    void aKeyspaceCanBeUsedAgainAfterItWasDropped() {
        putKeys("a");
        store.drop("test/");

        items.put(bytes("b"), bytes("v"));

        assertEquals(List.of("b"), keys(items.scan(null, null, 10, false)));
    }

    @Test
    void keyspacesListsTheNonEmptyOnesWithThePrefixInOrder() {
        store.keyspace("dynamodb/b").put(bytes("k"), bytes("v"));
        store.keyspace("dynamodb/a").put(bytes("k"), bytes("v"));
        store.keyspace("dynamodb/a").put(bytes("l"), bytes("v"));
        store.keyspace("dynamodb/emptied").put(bytes("k"), bytes("v"));
        store.keyspace("dynamodb/emptied").delete(bytes("k"));
        store.keyspace("dynamodb/never-written");
        store.keyspace("s3/x").put(bytes("k"), bytes("v"));

        assertEquals(List.of("dynamodb/a", "dynamodb/b"), new ArrayList<>(store.keyspaces("dynamodb/")));
        assertEquals(Set.of("dynamodb/a", "dynamodb/b", "s3/x"), store.keyspaces(""));
    }

    @Test
    void concurrentWritersOfDistinctKeysAllLand() throws Exception {
        int threads = 8;
        int perThread = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> IntStream.range(0, perThread)
                        .forEach(i -> items.put(bytes(thread + "/" + i), bytes("v" + i)))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        assertEquals(threads * perThread, items.size());
        assertEquals(threads * perThread, items.scan(null, null, Integer.MAX_VALUE, false).size());
        assertEquals("v249", text(items.get(bytes("7/249")).orElseThrow()));
    }

    @Test
    void aScanNeverSeesHalfABatch() throws Exception {
        store.apply(new WriteBatch().put("test/items", bytes("a"), bytes("0")).put("test/items", bytes("b"), bytes("0")));
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> writes = writer.submit(() -> {
                for (int i = 1; i <= 300; i++) {
                    store.apply(new WriteBatch()
                            .put("test/items", bytes("a"), bytes(String.valueOf(i)))
                            .put("test/items", bytes("b"), bytes(String.valueOf(i))));
                }
            });
            while (!writes.isDone()) {
                List<Entry> both = items.scan(null, null, 2, false);
                assertEquals(text(both.get(0).value()), text(both.get(1).value()));
            }
            writes.get();
        } finally {
            writer.shutdown();
        }
    }

    private void putKeys(String... keys) {
        for (String key : keys) {
            items.put(bytes(key), bytes("v"));
        }
    }

    protected static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    protected static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static List<String> keys(List<Entry> entries) {
        return entries.stream().map(e -> text(e.key())).toList();
    }

    private static List<String> hexKeys(List<Entry> entries) {
        return entries.stream().map(e -> HexFormat.of().formatHex(e.key())).toList();
    }
}
