package dev.cloudjar.core.spi;

import dev.cloudjar.core.spi.storage.WriteBatch;
import dev.cloudjar.core.state.MemoryStateStore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordTableTest {
    public record Thing(String name, int size) {
    }

    private final MemoryStateStore state = new MemoryStateStore();
    private final RecordTable<Thing> things = new RecordTable<>(state, "svc", "things", Thing.class);
    private final Scope here = new Scope("111111111111", "eu-west-1");
    private final Scope there = new Scope("222222222222", "us-east-1");

    @Test
    void recordsAreReadBackPerScopeAndListedByPrefixInKeyOrder() {
        things.put(here, RecordTable.key("fn", "2"), new Thing("two", 2));
        things.put(here, RecordTable.key("fn", "1"), new Thing("one", 1));
        things.put(here, RecordTable.key("fn", "\uD83D\uDE00"), new Thing("emoji", 4));
        things.put(here, RecordTable.key("fnx", "1"), new Thing("other parent", 9));
        things.put(there, "fn", new Thing("elsewhere", 0));

        assertEquals(Optional.of(new Thing("one", 1)), things.get(here, RecordTable.key("fn", "1")));
        assertEquals(List.of("one", "two", "emoji"),
                things.list(here, "fn\0").stream().map(Thing::name).toList(), "a key past U+FFFF is listed too");
        assertEquals(4, things.keys(here, "").size());
        assertEquals(List.of("elsewhere"), things.list(there, "").stream().map(Thing::name).toList());
        assertEquals(2, things.scopes().size());
        assertTrue(things.scopes().contains(here));
        assertEquals("svc/111111111111/eu-west-1/things", things.keyspace(here));
    }

    @Test
    void aBatchDeletesEveryRecordUnderAParentAtOnce() {
        things.put(here, RecordTable.key("fn", "1"), new Thing("one", 1));
        things.put(here, RecordTable.key("fn", "2"), new Thing("two", 2));
        things.put(here, "other", new Thing("kept", 3));
        WriteBatch batch = new WriteBatch();
        things.deleteAll(batch, here, "fn\0");
        state.apply(batch);

        assertEquals(List.of("kept"), things.list(here, "").stream().map(Thing::name).toList());
    }
}
