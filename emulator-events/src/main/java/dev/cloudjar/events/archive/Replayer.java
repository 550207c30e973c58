package dev.cloudjar.events.archive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.core.spi.storage.Entry;
import dev.cloudjar.events.put.PutEventsOperations;
import dev.cloudjar.events.store.RuleRecord;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs replays on the worker pool, a page of archived events per task, so a long replay never
 * holds a worker for long. Each event goes to the destination bus's rules (only the FilterArns
 * rules when given) with EventBridge's {@code replay-name} member added, so patterns can tell
 * replayed events from live ones ("Replaying archived events"). After each page the replay's cursor
 * is stored: a restart resumes it after the last event it sent (at least once, like deliveries).
 */
public final class Replayer {
    private static final System.Logger LOG = System.getLogger(Replayer.class.getName());
    private static final int PAGE = 100;

    private final ArchiveStore archives;
    private final PutEventsOperations put;
    private final Executor workers;
    private final Clock clock;
    /** Replays a task is running or queued for, so one replay never runs on two workers at once. */
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    public Replayer(ArchiveStore archives, PutEventsOperations put, Executor workers, Clock clock) {
        this.archives = archives;
        this.put = put;
        this.workers = workers;
        this.clock = clock;
    }

    void start(Scope scope, String name) {
        String key = scope.keyspace("events", "replays") + '/' + name;
        if (running.add(key)) {
            submit(scope, name, key);
        }
    }

    /** Resumes every replay a previous run left starting, running or cancelling. */
    public void resume() {
        for (Scope scope : archives.replayScopes()) {
            for (ReplayRecord replay : archives.replays(scope)) {
                if (replay.active()) {
                    start(scope, replay.name());
                }
            }
        }
    }

    private void submit(Scope scope, String name, String key) {
        try {
            workers.execute(() -> step(scope, name, key));
        } catch (RejectedExecutionException stopping) {
            running.remove(key);
        }
    }

    private void step(Scope scope, String name, String key) {
        boolean more = false;
        try {
            more = page(scope, name);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "replay " + name + " failed", e);
            fail(scope, name, e);
        } finally {
            if (more) {
                submit(scope, name, key);
            } else {
                running.remove(key);
            }
        }
    }

    /** Sends the next page of the replay's events; true when there may be more. */
    private boolean page(Scope scope, String name) {
        ReplayRecord replay = archives.replay(scope, name).orElse(null);
        if (replay == null || !replay.active()) {
            return false;
        }
        if (replay.state().equals("CANCELLING")) {
            end(scope, name, "CANCELLED");
            return false;
        }
        ArchiveRecord archive = archives.archive(scope, replay.archiveName()).orElse(null);
        if (archive == null) {
            endFailed(scope, name, "Archive " + replay.archiveName() + " does not exist.");
            return false;
        }
        long from = Math.max(replay.eventStartTime(), archive.keptSince(clock.millis()));
        List<Entry> events = archives.events(scope, archive.name(), from, replay.eventEndTime(), replay.cursor(), PAGE);
        String ingestion = PutEventsOperations.TIME.format(clock.instant());
        Long last = replay.eventLastReplayedTime();
        List<RuleRecord> busRules = put.rules(scope, replay.busName());
        for (Entry entry : events) {
            ObjectNode event = (ObjectNode) RecordJson.read(entry.value(), ObjectNode.class);
            event.put("replay-name", name);
            put.deliver(scope, busRules, event, ingestion,
                    rule -> replay.filterArns().isEmpty() || replay.filterArns().contains(rule.arn()));
            last = ArchiveOperations.eventTime(event);
        }
        String cursor = events.isEmpty() ? replay.cursor() : ArchiveStore.key(events.get(events.size() - 1));
        boolean done = events.size() < PAGE;
        try (StripedLocks.Held ignored = archives.lock(scope, "replays", name)) {
            ReplayRecord current = archives.replay(scope, name).orElse(null);
            if (current == null) {
                return false;
            }
            if (current.state().equals("CANCELLING")) {
                archives.put(scope, current.progressed("CANCELLING", cursor, last).ended("CANCELLED", null, clock.millis()));
                return false;
            }
            ReplayRecord progressed = current.progressed("RUNNING", cursor, last);
            archives.put(scope, done ? progressed.ended("COMPLETED", null, clock.millis()) : progressed);
        }
        return !done;
    }

    private void end(Scope scope, String name, String state) {
        try (StripedLocks.Held ignored = archives.lock(scope, "replays", name)) {
            archives.replay(scope, name).ifPresent(r -> archives.put(scope, r.ended(state, null, clock.millis())));
        }
    }

    private void endFailed(Scope scope, String name, String reason) {
        try (StripedLocks.Held ignored = archives.lock(scope, "replays", name)) {
            archives.replay(scope, name).ifPresent(r -> archives.put(scope, r.ended("FAILED", reason, clock.millis())));
        }
    }

    private void fail(Scope scope, String name, RuntimeException e) {
        endFailed(scope, name, "Cloudjar could not replay the archive: " + e.getMessage());
    }
}
