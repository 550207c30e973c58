package dev.cloudjar.core.delivery;

import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.core.spi.TimerHandler;
import dev.cloudjar.core.spi.Timers;
import dev.cloudjar.core.spi.storage.Entry;
import dev.cloudjar.core.spi.storage.Keyspace;
import dev.cloudjar.core.spi.storage.StateStore;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link Timers} on the storage SPI. Each owner's timers are records in its keyspace
 * {@code <owner>/timers}, keyed by id, so a reset of the owning service drops them with the rest
 * of its state. In memory there is only a trigger per timer on the scheduler thread, which hands
 * the work to the worker pool; the attempt reads the record and acts only on what it finds, so a
 * replaced or cancelled timer whose trigger still runs does nothing.
 *
 * <p>The clock is the server's plus an offset that {@code --clock} and {@link #moveTo} set: a test
 * moves schedule time forward without moving the time signatures are checked against.
 */
public final class TimerQueue implements Timers {
    private static final System.Logger LOG = System.getLogger(TimerQueue.class.getName());
    private static final int PAGE = 500;
    /** A handler that fails is run again this much later (its own retries are its target's). */
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    /** The stored timer. */
    record Stored(String id, long dueMillis, String payload) {
    }

    /**
     * One armed trigger. Only the timer's current trigger runs it: one replaced by a later
     * {@link #set} (or armed twice, by a restart's resume and a set) does nothing when it fires.
     */
    private static final class Trigger {
        volatile ScheduledFuture<?> future;

        void cancel() {
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
        }
    }

    private final StateStore state;
    private final Executor workers;
    private final ScheduledExecutorService scheduler;
    private final Clock base;
    private final AtomicLong offsetMillis = new AtomicLong();
    private final Map<String, TimerHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, Trigger> triggers = new ConcurrentHashMap<>();
    private final StripedLocks locks = new StripedLocks(64);
    private volatile boolean running;

    public TimerQueue(StateStore state, Executor workers, ScheduledExecutorService scheduler, Clock base,
                      Optional<Instant> startAt) {
        this.state = state;
        this.workers = workers;
        this.scheduler = scheduler;
        this.base = base;
        startAt.ifPresent(at -> offsetMillis.set(at.toEpochMilli() - base.millis()));
    }

    @Override
    public void register(String owner, TimerHandler handler) {
        if (owner.isEmpty() || owner.contains("/") || handlers.putIfAbsent(owner, handler) != null) {
            throw new IllegalStateException("a timer owner '" + owner + "' is already registered, or the name is not one");
        }
    }

    @Override
    public Instant now() {
        return Instant.ofEpochMilli(nowMillis());
    }

    private long nowMillis() {
        return base.millis() + offsetMillis.get();
    }

    @Override
    public void set(String owner, String id, Instant due, String payload) {
        checkOwner(owner);
        Stored stored = new Stored(id, due.toEpochMilli(), payload);
        try (StripedLocks.Held held = locks.lock(keyspaceName(owner), key(id))) {
            keyspace(owner).put(key(id), RecordJson.write(stored));
        }
        arm(owner, stored);
    }

    @Override
    public void cancel(String owner, String id) {
        checkOwner(owner);
        try (StripedLocks.Held held = locks.lock(keyspaceName(owner), key(id))) {
            keyspace(owner).delete(key(id));
        }
        Trigger trigger = triggers.remove(triggerKey(owner, id));
        if (trigger != null) {
            trigger.cancel();
        }
    }

    /** Arms every stored timer: those a previous run left (with a data dir). Call once the services are up. */
    public void resume() {
        running = true;
        rearm();
    }

    /** Moves the schedules' clock to {@code instant} (forward or back) and re-arms every timer against it. */
    public Instant moveTo(Instant instant) {
        offsetMillis.set(instant.toEpochMilli() - base.millis());
        rearm();
        return now();
    }

    /**
     * Runs timer {@code id} now, whichever owner has it, as if it had come due, and leaves it set
     * unless its handler changes it: the admin "fire now". Empty when no owner has a timer of that id.
     */
    public Optional<String> fireNow(String id) throws Exception {
        for (Map.Entry<String, TimerHandler> owner : handlers.entrySet()) {
            Optional<byte[]> raw = keyspace(owner.getKey()).get(key(id));
            if (raw.isPresent()) {
                Stored stored = RecordJson.read(raw.get(), Stored.class);
                owner.getValue().fire(stored.id(), stored.payload(), now());
                return Optional.of(owner.getKey());
            }
        }
        return Optional.empty();
    }

    /** Timers set and not yet fired, of every owner. */
    public long pending() {
        return handlers.keySet().stream().mapToLong(owner -> keyspace(owner).size()).sum();
    }

    private void rearm() {
        if (!running) {
            return;
        }
        for (String owner : handlers.keySet()) {
            keyspace(owner).forEach(null, null, PAGE, entry -> arm(owner, RecordJson.read(entry.value(), Stored.class)));
        }
    }

    /**
     * Replaces the timer's trigger in one step of the map: a trigger that fires at once (due now)
     * and whose handler sets the timer again is registered after, never before, the one it replaces.
     */
    private void arm(String owner, Stored stored) {
        if (!running) {
            return;
        }
        long delay = Math.max(0, stored.dueMillis() - nowMillis());
        triggers.compute(triggerKey(owner, stored.id()), (key, previous) -> {
            if (previous != null) {
                previous.cancel();
            }
            Trigger trigger = new Trigger();
            try {
                trigger.future = scheduler.schedule(() -> run(owner, stored.id(), trigger), delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // Stored: the next start arms it.
            }
            return trigger;
        });
    }

    private void run(String owner, String id, Trigger trigger) {
        try {
            workers.execute(() -> attempt(owner, id, trigger));
        } catch (RejectedExecutionException stopping) {
            // Stored: the next start runs it.
        }
    }

    void attempt(String owner, String id, Trigger trigger) {
        // computeIfPresent waits for an arm() of this timer still in progress, so a trigger that
        // fired before its arm() returned sees itself as current.
        if (triggers.computeIfPresent(triggerKey(owner, id), (key, current) -> current) != trigger) {
            return;
        }
        Stored stored = keyspace(owner).get(key(id)).map(raw -> RecordJson.read(raw, Stored.class)).orElse(null);
        if (stored == null) {
            return;
        }
        if (stored.dueMillis() > nowMillis()) {
            // The clock was moved back, or this trigger is older than the timer's latest setting.
            arm(owner, stored);
            return;
        }
        TimerHandler handler = handlers.get(owner);
        try {
            handler.fire(stored.id(), stored.payload(), Instant.ofEpochMilli(stored.dueMillis()));
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "timer " + id + " of " + owner + " failed; it runs again in "
                    + RETRY_AFTER.toSeconds() + " s", e);
            try {
                scheduler.schedule(() -> run(owner, id, trigger), RETRY_AFTER.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // Stored: the next start runs it.
            }
            return;
        }
        // Removed only if the handler did not set it again (a recurring schedule's next time).
        try (StripedLocks.Held held = locks.lock(keyspaceName(owner), key(id))) {
            Optional<byte[]> now = keyspace(owner).get(key(id));
            if (now.isPresent() && RecordJson.read(now.get(), Stored.class).equals(stored)) {
                keyspace(owner).delete(key(id));
                triggers.remove(triggerKey(owner, id), trigger);
            }
        }
    }

    /** The ids of {@code owner}'s timers with their due times, in id order (for tests and the console). */
    public List<Map.Entry<String, Instant>> list(String owner) {
        List<Map.Entry<String, Instant>> out = new ArrayList<>();
        keyspace(owner).forEach(null, null, PAGE, entry -> {
            Stored stored = RecordJson.read(entry.value(), Stored.class);
            out.add(Map.entry(stored.id(), Instant.ofEpochMilli(stored.dueMillis())));
        });
        return out;
    }

    private void checkOwner(String owner) {
        if (!handlers.containsKey(owner)) {
            throw new IllegalStateException("no timer handler registered for '" + owner + "'");
        }
    }

    private Keyspace keyspace(String owner) {
        return state.keyspace(keyspaceName(owner));
    }

    private static String keyspaceName(String owner) {
        return owner + "/timers";
    }

    private static String triggerKey(String owner, String id) {
        return owner + '\0' + id;
    }

    private static byte[] key(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }
}
