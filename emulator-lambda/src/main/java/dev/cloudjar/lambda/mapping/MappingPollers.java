package dev.cloudjar.lambda.mapping;

import dev.cloudjar.core.spi.Capabilities;
import dev.cloudjar.core.spi.QueueSource;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StreamSource;
import dev.cloudjar.lambda.LambdaStore;
import dev.cloudjar.lambda.invoke.Destinations;
import dev.cloudjar.lambda.invoke.Invoker;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One poller per active event source mapping. A poller's cycles run on the server's workers,
 * one at a time, each scheduled on the scheduler when the last ends: at once after a batch,
 * after a short pause when the source had nothing, later after a failed stream batch. Each cycle reads the mapping afresh, so an
 * update applies to the next batch, and a poller whose mapping was deleted or disabled ends.
 */
public final class MappingPollers {
    private static final System.Logger LOG = System.getLogger(MappingPollers.class.getName());
    /** Milliseconds to the next poll after a batch: none. */
    static final long AT_ONCE = 0;
    /** Milliseconds to the next poll when the source had nothing (or the server is not ready). */
    static final long IDLE_MILLIS = 100;

    /** Reads one batch from the source and hands it to the function. */
    interface BatchPoller {
        /** Polls once; answers the milliseconds to wait before the next poll. */
        long poll(EventSourceMapping mapping);
    }

    private final LambdaStore store;
    private final Capabilities capabilities;
    private final BatchInvoker invoker;
    private final Destinations destinations;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final BooleanSupplier listening;
    private final Map<String, Poller> running = new ConcurrentHashMap<>();

    public MappingPollers(LambdaStore store, Capabilities capabilities, Invoker invoker,
                          Destinations destinations, ExecutorService workers, ScheduledExecutorService scheduler,
                          BooleanSupplier listening) {
        this.store = store;
        this.capabilities = capabilities;
        this.invoker = new BatchInvoker(store, invoker);
        this.destinations = destinations;
        this.workers = workers;
        this.scheduler = scheduler;
        this.listening = listening;
    }

    /** Starts the pollers of every active mapping in the store (after a restart with --data-dir). */
    public void startStored() {
        for (Scope scope : store.eventSourceMappings.scopes()) {
            for (EventSourceMapping mapping : store.eventSourceMappings.list(scope, "")) {
                if (mapping.active()) {
                    start(scope, mapping.uuid());
                }
            }
        }
    }

    /** Starts the mapping's poller unless it runs. */
    public synchronized void start(Scope scope, String uuid) {
        running.computeIfAbsent(uuid, u -> {
            Poller poller = new Poller(scope, uuid);
            poller.schedule(0);
            return poller;
        });
    }

    /** Stops every poller; a batch being processed completes. */
    public synchronized void stopAll() {
        running.values().forEach(Poller::stop);
        running.clear();
    }

    /** Ends a poller whose mapping is gone or inactive, unless it became active again meanwhile. */
    private synchronized boolean end(Poller poller) {
        Optional<EventSourceMapping> mapping = store.eventSourceMappings.get(poller.scope, poller.uuid);
        if (mapping.isPresent() && mapping.get().active()) {
            return false;
        }
        running.remove(poller.uuid, poller);
        return true;
    }

    private final class Poller {
        private final Scope scope;
        private final String uuid;
        private BatchPoller batches;
        private volatile boolean stopped;
        private volatile Future<?> next;

        Poller(Scope scope, String uuid) {
            this.scope = scope;
            this.uuid = uuid;
        }

        void schedule(long delayMillis) {
            if (stopped) {
                return;
            }
            try {
                next = scheduler.schedule(() -> {
                    try {
                        workers.execute(this::cycle);
                    } catch (RejectedExecutionException e) {
                        LOG.log(System.Logger.Level.DEBUG, "server stopping; event source mapping " + uuid + " stops");
                    }
                }, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.log(System.Logger.Level.DEBUG, "server stopping; event source mapping " + uuid + " stops");
            }
        }

        void stop() {
            stopped = true;
            Future<?> pending = next;
            if (pending != null) {
                pending.cancel(false);
            }
        }

        private void cycle() {
            if (stopped) {
                return;
            }
            EventSourceMapping mapping = store.eventSourceMappings.get(scope, uuid).orElse(null);
            if ((mapping == null || !mapping.active()) && end(this)) {
                return;
            }
            long delay = IDLE_MILLIS;
            try {
                // Functions reach their Runtime API on the server's port: after a restart the
                // stored mappings' pollers start before it listens.
                if (mapping != null && mapping.active() && listening.getAsBoolean()) {
                    if (!mapping.state().equals("Enabled")) {
                        store.updateMapping(scope, uuid, m -> m.active() ? m.withState("Enabled", m.stateTransitionReason()) : m);
                    }
                    delay = batches(mapping).poll(mapping);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "event source mapping " + uuid + " failed a poll", e);
            }
            schedule(delay);
        }

        private BatchPoller batches(EventSourceMapping mapping) {
            if (batches == null) {
                batches = mapping.readsQueue()
                        ? new QueuePoller(scope, () -> capabilities.find(QueueSource.class), invoker)
                        : new StreamPoller(scope, () -> capabilities.find(StreamSource.class), invoker, store, destinations);
            }
            return batches;
        }
    }
}
