package dev.cloudjar.dynamodb.item;

import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.dynamodb.table.TableDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class EventualReadsTest {
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");
    private static final TableDefinition TABLE = new TableDefinition("t", "arn", "table-id", 0, null, Map.of(),
            "PAY_PER_REQUEST", 0, 0, List.of(), null, null, null, Map.of(), false, null, "STANDARD");
    private static final Map<String, AttributeValue> OLD = Map.of("v", new AttributeValue.S("old"));
    private static final Map<String, AttributeValue> NEW = Map.of("v", new AttributeValue.S("new"));

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final EventualReads reads = new EventualReads(100, now::get);

    @Test
    void aReadWithinTheLagSeesTheReplacedImage() {
        reads.remember(SCOPE, TABLE, new byte[]{1}, OLD);
        now.addAndGet(99);
        assertEquals(OLD, reads.asSeen(SCOPE, TABLE, new byte[]{1}, NEW));
    }

    @Test
    void aReadWithinTheLagOfAnInsertSeesNoItem() {
        reads.remember(SCOPE, TABLE, new byte[]{1}, null);
        assertNull(reads.asSeen(SCOPE, TABLE, new byte[]{1}, NEW));
    }

    @Test
    void aReadAfterTheLagSeesTheCurrentImage() {
        reads.remember(SCOPE, TABLE, new byte[]{1}, OLD);
        now.addAndGet(101);
        assertEquals(NEW, reads.asSeen(SCOPE, TABLE, new byte[]{1}, NEW));
    }

    @Test
    void imagesOfItemsNeverWrittenAgainAreForgottenOnceTheLagHasPassed() {
        for (int i = 0; i < 1000; i++) {
            reads.remember(SCOPE, TABLE, new byte[]{(byte) i, (byte) (i >> 8)}, OLD);
        }
        now.addAndGet(101);
        reads.remember(SCOPE, TABLE, new byte[]{9, 9, 9}, OLD);
        assertEquals(1, reads.remembered());
    }
}
