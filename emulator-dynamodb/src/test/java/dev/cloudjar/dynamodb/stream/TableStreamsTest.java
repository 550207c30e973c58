package dev.cloudjar.dynamodb.stream;

import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.state.MemoryStateStore;
import dev.cloudjar.dynamodb.item.AttributeValue;
import dev.cloudjar.dynamodb.table.KeySchema;
import dev.cloudjar.dynamodb.table.TableCatalog;
import dev.cloudjar.dynamodb.table.TableDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableStreamsTest {
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");
    private static final Map<String, AttributeValue> ITEM = Map.of("pk", new AttributeValue.S("a"));

    private final MemoryStateStore state = new MemoryStateStore();
    private final AtomicLong now = new AtomicLong(1_000);
    private final TableStreams streams = new TableStreams(new TableCatalog(state), now::get);

    private static TableDefinition table(String viewType) {
        return new TableDefinition("t", "arn:aws:dynamodb:us-east-1:000000000000:table/t", "0123456789abcdef", 0,
                new KeySchema("pk", null), Map.of("pk", "S"), "PAY_PER_REQUEST", 0, 0, List.of(), viewType,
                "2024-01-01T00:00:00.000", null, Map.of(), false, null, "STANDARD");
    }

    @Test
    void everyRecordReadsBackInLambdasEventShape() {
        TableDefinition table = table("NEW_IMAGE");

        streams.changed(SCOPE, table, null, ITEM, false);
        streams.changed(SCOPE, table, ITEM, null, true);

        List<StreamRecord> records = streams.read(SCOPE, table, table.streamLabel(), 0, 10);
        assertEquals(2, records.size());
        Map<String, Object> removal = records.get(1).wire(SCOPE.region(), table.streamArn());
        assertEquals("REMOVE", removal.get("eventName"));
        assertEquals(table.streamArn(), removal.get("eventSourceARN"));
        assertEquals(Map.of("Type", "Service", "PrincipalId", "dynamodb.amazonaws.com"), removal.get("userIdentity"));
    }

    @Test
    void recordsAreReadBackInSequenceOrder() {
        TableDefinition table = table("KEYS_ONLY");
        streams.changed(SCOPE, table, null, ITEM, false);
        streams.changed(SCOPE, table, ITEM, ITEM, false);

        List<StreamRecord> records = streams.read(SCOPE, table, table.streamLabel(), 0, 10);

        assertEquals(List.of("INSERT", "MODIFY"), records.stream().map(StreamRecord::eventName).toList());
        assertTrue(records.get(0).sequenceNumber() < records.get(1).sequenceNumber());
        assertEquals(records.get(1).sequenceNumber(), streams.latest(SCOPE, table, table.streamLabel()));
    }

    @Test
    void aTableWithoutAStreamRecordsNothing() {
        TableDefinition table = table(null);

        streams.changed(SCOPE, table, null, ITEM, false);

        assertTrue(state.keyspaces("").isEmpty(), "nothing stored: " + state.keyspaces(""));
    }

    @Test
    void trimmingDropsRecordsOlderThanTheCutoffAndKeepsSequenceNumbers() {
        TableDefinition table = table("KEYS_ONLY");
        streams.changed(SCOPE, table, null, ITEM, false);
        now.set(5_000);
        streams.changed(SCOPE, table, ITEM, ITEM, false);

        streams.trim(SCOPE, table, 2_000);

        List<StreamRecord> left = streams.read(SCOPE, table, table.streamLabel(), 0, 10);
        assertEquals(List.of("MODIFY"), left.stream().map(StreamRecord::eventName).toList());
        assertEquals(left.get(0).sequenceNumber(), streams.oldest(SCOPE, table, table.streamLabel()));
    }
}
