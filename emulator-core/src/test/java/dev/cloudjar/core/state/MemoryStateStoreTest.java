package dev.cloudjar.core.state;

import dev.cloudjar.core.spi.storage.StateStore;

class MemoryStateStoreTest extends StateStoreContract {
    @Override
    protected StateStore createStore() {
        return new MemoryStateStore();
    }
}
