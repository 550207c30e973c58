package dev.cloudjar.core.state.journal;

import dev.cloudjar.core.spi.storage.Entry;
import dev.cloudjar.core.spi.storage.Keyspace;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.spi.storage.WriteBatch;
import dev.cloudjar.core.state.StateStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalStateStoreTest extends StateStoreContract {
    private static final int KEYS = 1_000;
    private static final int VALUE_BYTES = 400;
    private static final long LIVE_BYTES = KEYS * (VALUE_BYTES + 8L);

    @TempDir
    Path directory;

    @Override
    protected StateStore createStore() {
        return JournalStateStore.open(directory);
    }

    @Test
    void entriesOutliveClosingAndReopening() {
        store.keyspace("test/kept").put(bytes("k"), bytes("v"));
        store.apply(new WriteBatch().put("test/kept", bytes("b"), bytes("1")).put("test/other", bytes("c"), bytes("2")));
        store.keyspace("test/kept").delete(bytes("b"));
        store.keyspace("test/cleared").put(bytes("k"), bytes("v"));
        store.keyspace("test/cleared").clear();
        store.close();

        store = JournalStateStore.open(directory);

        assertEquals("v", text(store.keyspace("test/kept").get(bytes("k")).orElseThrow()));
        assertEquals(Set.of("test/kept", "test/other"), store.keyspaces("test/"));
    }

    @Test
    void overwritingTheSameKeysKeepsTheFilesNearTheSizeOfTheLiveEntries() throws Exception {
        store.close();
        long minJournalBytes = 1 << 20;
        store = JournalStateStore.open(directory, minJournalBytes);
        Keyspace items = store.keyspace("test/items");
        long largest = 0;
        for (int round = 0; round < 200; round++) {
            byte[] value = new byte[VALUE_BYTES];
            value[0] = (byte) round;
            for (int i = 0; i < KEYS; i++) {
                items.put(key(i), value);
            }
            largest = Math.max(largest, directorySize());
        }

        // At worst, during a compaction: the old and the new snapshot, and two journals at twice
        // their limit. Without compaction the journal would reach 200 times the live entries.
        long bound = 3 * LIVE_BYTES + 4 * minJournalBytes;
        assertTrue(largest < bound, "the state files reached " + largest + " bytes, more than " + bound);
        store.close();
        store = JournalStateStore.open(directory);
        List<Entry> entries = store.keyspace("test/items").scan(null, null, KEYS + 1, false);
        assertEquals(KEYS, entries.size());
        assertTrue(entries.stream().allMatch(entry -> entry.value()[0] == (byte) 199), "every key has its last value");
    }

    @Test
    void compactedStateIsReadBackWhole() {
        store.close();
        store = JournalStateStore.open(directory, 1);
        Keyspace items = store.keyspace("test/items");
        for (int i = 0; i < KEYS; i++) {
            items.put(key(i), bytes("v" + i));
        }
        store.drop("test/");
        for (int i = 0; i < KEYS; i++) {
            items.put(key(i), bytes("w" + i));
        }
        store.close();

        store = JournalStateStore.open(directory);

        List<String> values = store.keyspace("test/items").scan(null, null, KEYS + 1, false).stream()
                .map(entry -> text(entry.value())).toList();
        assertEquals(KEYS, values.size());
        assertEquals("w0", values.get(0));
        assertEquals("w999", values.get(KEYS - 1));
    }

    @Test
    void aRecordCutShortByACrashIsDroppedAndWritingGoesOn() throws IOException {
        store.keyspace("test/items").put(bytes("whole"), bytes("v"));
        store.keyspace("test/items").put(bytes("cut"), bytes("v"));
        store.close();
        Path journal = onlyJournal();
        try (var channel = Files.newByteChannel(journal, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(journal) - 1);
        }

        store = JournalStateStore.open(directory);
        store.keyspace("test/items").put(bytes("after"), bytes("v"));
        store.close();
        store = JournalStateStore.open(directory);

        assertEquals(List.of("after", "whole"), store.keyspace("test/items").scan(null, null, 10, false).stream()
                .map(entry -> text(entry.key())).toList());
    }

    @Test
    void aDamagedSnapshotStopsOpeningWithTheFileNamed() throws IOException {
        store.keyspace("test/items").put(bytes("k"), bytes("v"));
        store.close();
        Path snapshot = directory.resolve("snapshot-%019d".formatted(9));
        Files.write(snapshot, ByteBuffer.allocate(12).putInt(4).putInt(0).putInt(0).array());

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JournalStateStore.open(directory));

        assertEquals("the state snapshot " + snapshot + " is damaged", e.getMessage());
        store = JournalStateStore.open(directory.resolve("elsewhere"));
    }

    @Test
    void writesAfterCloseFailWithAMessage() {
        Keyspace items = store.keyspace("test/items");
        store.close();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> items.put(bytes("k"), bytes("v")));

        assertEquals("the state store is closed", e.getMessage());
        store = JournalStateStore.open(directory);
    }

    private Path onlyJournal() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> journals = files.filter(f -> f.getFileName().toString().startsWith("journal-"))
                    .filter(f -> f.toFile().length() > 0).toList();
            assertEquals(1, journals.size(), () -> "journals: " + journals);
            return journals.get(0);
        }
    }

    private long directorySize() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static byte[] key(int i) {
        return ByteBuffer.allocate(8).putInt(i).putInt(~i).array();
    }
}
