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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A replay is resumable: its progress (the key of the last event sent) is stored after each page,
 * so a replayer started on the same state (a restart with --data-dir) goes on after that event,
 * and ends the replay COMPLETED. The state a stopped server left is written here directly.
 */
class ReplayerTest {
    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");
    private static final Instant TIME = Instant.parse("2026-12-01T10:00:00Z");
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

    private void ruleAndArchive(int events) throws IOException {
        store.put(SCOPE, new RuleRecord("all", RULE_ARN, "default", "{\"source\":[\"shop\"]}", null, "ENABLED", null, null,
                "000000000000", Map.of()));
        store.put(SCOPE, "default", "all", new TargetRecord("q", "arn:aws:sqs:us-east-1:000000000000:q", null, null, null,
                null, null, null, null, null, null));
        archives.put(SCOPE, new ArchiveRecord("a", "arn:aws:events:us-east-1:000000000000:archive/a",
                "arn:aws:events:us-east-1:000000000000:event-bus/default", "default", null, null, 0, 0));
        for (int i = 0; i < events; i++) {
            ObjectNode event = (ObjectNode) RecordJson.tree("{\"id\":\"e" + i + "\",\"source\":\"shop\",\"detail-type\":\"t\","
                    + "\"time\":\"" + TIME.plusSeconds(i) + "\",\"detail\":{}}");
            archives.addEvent(SCOPE, "a", TIME.plusSeconds(i).toEpochMilli(), "e" + i, event.toString());
        }
    }

    private ReplayRecord replay(String state, Long lastReplayed, String cursor) {
        return new ReplayRecord("r", "arn:aws:events:us-east-1:000000000000:replay/r", null,
                "arn:aws:events:us-east-1:000000000000:archive/a", "a", "arn:aws:events:us-east-1:000000000000:event-bus/default",
                "default", List.of(), TIME.toEpochMilli(), TIME.plusSeconds(3600).toEpochMilli(), state, null, 0, null,
                lastReplayed, cursor);
    }

    private List<String> replayedIds() throws IOException {
        List<String> ids = new ArrayList<>();
        for (Delivery d : delivered) {
            JsonNode body = RecordJson.tree(d.body());
            assertEquals("r", body.path("replay-name").asText());
            ids.add(body.path("id").asText());
        }
        return ids;
    }

    @Test
    void aReplayARestartInterruptedGoesOnAfterTheLastEventItSent() throws IOException {
        ruleAndArchive(5);
        String afterSecond = ArchiveStore.key(archives.events(SCOPE, "a", 0, Long.MAX_VALUE, null, 2).get(1));
        archives.put(SCOPE, replay("RUNNING", TIME.plusSeconds(1).toEpochMilli(), afterSecond));

        new Replayer(archives, put(), Runnable::run, Clock.systemUTC()).resume();

        assertEquals(List.of("e2", "e3", "e4"), replayedIds(), "the events after the stored cursor, once each");
        ReplayRecord replay = archives.replay(SCOPE, "r").orElseThrow();
        assertEquals("COMPLETED", replay.state());
        assertEquals(TIME.plusSeconds(4).toEpochMilli(), replay.eventLastReplayedTime());
        assertTrue(replay.replayEndTime() != null);
    }

    /** CancelReplay marks a running replay CANCELLING; the replayer stops before its next page and ends it CANCELLED. */
    @Test
    void aCancelledReplayStopsAtItsNextPage() throws IOException {
        ruleAndArchive(250);
        archives.put(SCOPE, replay("STARTING", null, null));
        Queue<Runnable> tasks = new ArrayDeque<>();
        Replayer replayer = new Replayer(archives, put(), tasks::add, Clock.systemUTC());
        replayer.start(SCOPE, "r");

        tasks.remove().run();
        assertEquals(100, delivered.size(), "one page");
        ReplayRecord running = archives.replay(SCOPE, "r").orElseThrow();
        assertEquals("RUNNING", running.state());
        archives.put(SCOPE, running.progressed("CANCELLING", running.cursor(), running.eventLastReplayedTime()));
        tasks.remove().run();

        assertEquals(100, delivered.size(), "nothing after the cancel");
        assertEquals("CANCELLED", archives.replay(SCOPE, "r").orElseThrow().state());
        assertTrue(tasks.isEmpty());
    }

    private PutEventsOperations put() {
        return new PutEventsOperations(store, deliveries, new CompiledPatterns(), Clock.systemUTC(), (scope, bus, event) -> { });
    }
}
