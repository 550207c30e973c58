package dev.cloudjar.core.state.h2;

import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.state.StateStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class H2StateStoreTest extends StateStoreContract {
    @TempDir
    Path directory;

    @Override
    protected StateStore createStore() {
        return H2StateStore.open(directory);
    }

    @Test
    void entriesOutliveClosingAndReopening() {
        store.keyspace("test/kept").put(bytes("k"), bytes("v"));
        store.close();

        store = H2StateStore.open(directory);

        assertEquals("v", text(store.keyspace("test/kept").get(bytes("k")).orElseThrow()));
    }
}
