package dev.cloudjar.core.delivery;

import dev.cloudjar.core.state.MemoryStateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimerQueueTest {
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    private final MemoryStateStore state = new MemoryStateStore();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final BlockingQueue<String> fired = new LinkedBlockingQueue<>();

    private TimerQueue queue(Optional<Instant> start) {
        return new TimerQueue(state, Runnable::run, scheduler, Clock.systemUTC(), start);
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void aTimerFiresOnceWhenDueAndIsThenRemoved() throws Exception {
        TimerQueue timers = queue(Optional.empty());
        timers.register("events", (id, payload, due) -> fired.add(id + " " + payload));
        timers.resume();
        timers.set("events", "rule-a", timers.now().plusMillis(50), "p1");
        assertEquals(1, timers.pending());
        assertEquals("rule-a p1", fired.poll(5, TimeUnit.SECONDS));
        assertNull(fired.poll(200, TimeUnit.MILLISECONDS));
        assertEquals(0, timers.pending());
    }

    @Test
    void settingAgainReplacesAndCancelRemoves() throws Exception {
        TimerQueue timers = queue(Optional.empty());
        timers.register("events", (id, payload, due) -> fired.add(id + " " + payload));
        timers.resume();
        timers.set("events", "a", timers.now().plusMillis(100), "old");
        timers.set("events", "a", timers.now().plusMillis(150), "new");
        timers.set("events", "b", timers.now().plusMillis(100), "gone");
        timers.cancel("events", "b");
        timers.cancel("events", "never-set");
        assertEquals("a new", fired.poll(5, TimeUnit.SECONDS));
        assertNull(fired.poll(300, TimeUnit.MILLISECONDS));
    }

    @Test
    void aHandlerThatSetsTheNextTimeRecurs() throws Exception {
        TimerQueue timers = queue(Optional.empty());
        AtomicInteger runs = new AtomicInteger();
        timers.register("events", (id, payload, due) -> {
            fired.add(id);
            if (runs.incrementAndGet() < 3) {
                timers.set("events", id, due.plusMillis(20), payload);
            }
        });
        timers.resume();
        timers.set("events", "every-20ms", timers.now(), "");
        for (int i = 0; i < 3; i++) {
            assertEquals("every-20ms", fired.poll(5, TimeUnit.SECONDS));
        }
        assertNull(fired.poll(200, TimeUnit.MILLISECONDS));
        assertEquals(0, timers.pending());
    }

    @Test
    void movingTheClockFiresWhatBecameDueAndTheClockOptionSetsItsStart() throws Exception {
        TimerQueue timers = queue(Optional.of(START));
        assertTrue(Duration.between(START, timers.now()).abs().toSeconds() < 5);
        BlockingQueue<Instant> dues = new LinkedBlockingQueue<>();
        timers.register("scheduler", (id, payload, due) -> dues.add(due));
        timers.resume();
        Instant inAnHour = START.plus(Duration.ofHours(1));
        timers.set("scheduler", "hourly", inAnHour, "");
        assertNull(dues.poll(200, TimeUnit.MILLISECONDS));
        timers.moveTo(START.plus(Duration.ofMinutes(61)));
        assertEquals(inAnHour, dues.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void aStoredTimerIsArmedOnlyOnceResumedAsAfterARestart() throws Exception {
        TimerQueue before = queue(Optional.empty());
        before.register("events", (id, payload, due) -> fired.add("before " + id));
        before.set("events", "due-while-down", before.now().minusSeconds(5), "");
        assertNull(fired.poll(100, TimeUnit.MILLISECONDS), "not armed before resume()");

        TimerQueue after = queue(Optional.empty());
        after.register("events", (id, payload, due) -> fired.add("after " + id));
        after.resume();
        assertEquals("after due-while-down", fired.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void aFailingHandlerKeepsTheTimerForAnotherRun() throws Exception {
        TimerQueue timers = queue(Optional.empty());
        timers.register("events", (id, payload, due) -> {
            fired.add(id);
            throw new IllegalStateException("target down");
        });
        timers.resume();
        timers.set("events", "failing", timers.now(), "");
        assertEquals("failing", fired.poll(5, TimeUnit.SECONDS));
        Thread.sleep(50);
        assertEquals(1, timers.pending(), "kept for the retry in " + TimerQueue.RETRY_AFTER);
    }

    @Test
    void fireNowRunsTheTimerOfWhicheverOwnerHasItAndLeavesItSet() throws Exception {
        TimerQueue timers = queue(Optional.empty());
        timers.register("events", (id, payload, due) -> fired.add("events " + id + " " + payload));
        timers.register("scheduler", (id, payload, due) -> fired.add("scheduler " + id + " " + payload));
        timers.resume();
        timers.set("scheduler", "arn:s", timers.now().plus(Duration.ofDays(1)), "p");
        assertEquals(Optional.of("scheduler"), timers.fireNow("arn:s"));
        assertEquals("scheduler arn:s p", fired.poll(1, TimeUnit.SECONDS));
        assertEquals(List.of("arn:s"), timers.list("scheduler").stream().map(Map.Entry::getKey).toList());
        assertEquals(Optional.empty(), timers.fireNow("arn:unknown"));
    }

    @Test
    void onlyRegisteredOwnersSetTimers() {
        TimerQueue timers = queue(Optional.empty());
        assertThrows(IllegalStateException.class, () -> timers.set("nobody", "x", Instant.now(), ""));
        timers.register("events", (id, payload, due) -> { });
        assertThrows(IllegalStateException.class, () -> timers.register("events", (id, payload, due) -> { }));
    }
}
