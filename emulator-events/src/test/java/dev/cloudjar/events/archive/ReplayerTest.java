package dev.cloudjar.events.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.core.events.CompiledPatterns;
import dev.cloudjar.core.spi.Deliveries;
import dev.cloudjar.core.spi.Delivery;
import dev.cloudjar.core.spi.DeliveryTarget;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.state.MemoryStateStore;
import dev.cloudjar.events.put.PutEventsOperations;
import dev.cloudjar.events.store.EventsStore;
import dev.cloudjar.events.store.RuleRecord;
import dev.cloudjar.events.store.TargetRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A replay is resumable: its progress (the key of the last event sent) is stored after each page,
 * so a replayer started on the same state (a restart with --data-dir) goes on after that event,
 * and ends the replay COMPLETED. The state a stopped server left is written here directly.
 */
class ReplayerTest {
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");
    private static final String RULE_ARN = "arn:aws:events:us-east-1:000000000000:rule/all";

    private final MemoryStateStore state = new MemoryStateStore();
    private final EventsStore store = new EventsStore(state);
    private final ArchiveStore archives = new ArchiveStore(state);
    private final List<Delivery> delivered = new ArrayList<>();
    private final Deliveries deliveries = new Deliveries() {
        @Override
        public void submit(Delivery delivery) {
            delivered.add(delivery);
        }

        @Override
        public void register(String receiver, DeliveryTarget target) {
        }
    };

    @Test
    void aReplayARestartInterruptedGoesOnAfterTheLastEventItSent() throws IOException {
        store.put(SCOPE, new RuleRecord("all", RULE_ARN, "default", "{\"source\":[\"shop\"]}", null, "ENABLED", null, null,
                "000000000000", Map.of()));
        store.put(SCOPE, "default", "all", new TargetRecord("q", "arn:aws:sqs:us-east-1:000000000000:q", null, null, null,
                null, null, null, null, null, null));
        archives.put(SCOPE, new ArchiveRecord("a", "arn:aws:events:us-east-1:000000000000:archive/a",
                "arn:aws:events:us-east-1:000000000000:event-bus/default", "default", null, null, 0, 0));
        Instant time = Instant.parse("2026-12-01T10:00:00Z");
        for (int i = 0; i < 5; i++) {
            ObjectNode event = (ObjectNode) RecordJson.tree("{\"id\":\"e" + i + "\",\"source\":\"shop\",\"detail-type\":\"t\","
                    + "\"time\":\"" + time.plusSeconds(i) + "\",\"detail\":{}}");
            archives.addEvent(SCOPE, "a", time.plusSeconds(i).toEpochMilli(), "e" + i, event.toString());
        }
        String afterSecond = ArchiveStore.key(archives.events(SCOPE, "a", 0, Long.MAX_VALUE, null, 2).get(1));
        archives.put(SCOPE, new ReplayRecord("r", "arn:aws:events:us-east-1:000000000000:replay/r", null,
                "arn:aws:events:us-east-1:000000000000:archive/a", "a", "arn:aws:events:us-east-1:000000000000:event-bus/default",
                "default", List.of(), time.toEpochMilli(), time.plusSeconds(60).toEpochMilli(), "RUNNING", null, 0, null,
                time.plusSeconds(1).toEpochMilli(), afterSecond));

        PutEventsOperations put = new PutEventsOperations(store, deliveries, new CompiledPatterns(), Clock.systemUTC(),
                (scope, bus, event) -> { });
        new Replayer(archives, put, Runnable::run, Clock.systemUTC()).resume();

        List<String> ids = new ArrayList<>();
        for (Delivery d : delivered) {
            JsonNode body = RecordJson.tree(d.body());
            assertEquals("r", body.path("replay-name").asText());
            ids.add(body.path("id").asText());
        }
        assertEquals(List.of("e2", "e3", "e4"), ids, "the events after the stored cursor, once each");
        ReplayRecord replay = archives.replay(SCOPE, "r").orElseThrow();
        assertEquals("COMPLETED", replay.state());
        assertEquals(time.plusSeconds(4).toEpochMilli(), replay.eventLastReplayedTime());
    }
}
