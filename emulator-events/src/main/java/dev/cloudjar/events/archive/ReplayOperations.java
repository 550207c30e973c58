package dev.cloudjar.events.archive;

import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.Pages;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.events.EventsErrors;
import dev.cloudjar.events.store.Buses;
import dev.cloudjar.events.store.EventsStore;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * StartReplay, DescribeReplay, ListReplays and CancelReplay. StartReplay stores the replay in
 * STARTING and hands it to the {@link Replayer}, which sends its events on worker threads; the
 * answer does not wait for it.
 */
public final class ReplayOperations {
    private final ArchiveStore archives;
    private final EventsStore store;
    private final Replayer replayer;
    private final Clock clock;

    public ReplayOperations(ArchiveStore archives, EventsStore store, Replayer replayer, Clock clock) {
        this.archives = archives;
        this.store = store;
        this.replayer = replayer;
        this.clock = clock;
    }

    /**
     * Checks the whole request first, in the order EventBridge reports its faults: the destination
     * is a bus that exists, the source an archive of that same bus, the window in order.
     */
    public Output startReplay(RequestContext context, Input input) {
        Scope scope = context.scope();
        String name = input.string("ReplayName");
        Input destination = input.structure("Destination");
        String destinationArn = destination.string("Arn");
        String busName = busOf(destinationArn);
        if (!Buses.exists(store, scope, busName)) {
            throw EventsErrors.busNotFound(busName);
        }
        String source = input.string("EventSourceArn");
        String archiveName = source.substring(source.lastIndexOf('/') + 1);
        ArchiveRecord archive = archives.archive(scope, archiveName).orElseThrow(() ->
                ArchiveErrors.invalid("EventSourceArn", "Archive " + archiveName + " does not exist."));
        if (!archive.busName().equals(busName)) {
            throw ArchiveErrors.invalid("Destination.Arn", "Cross event bus replay is not permitted.");
        }
        Instant start = input.timestamp("EventStartTime");
        Instant end = input.timestamp("EventEndTime");
        if (start.isAfter(end)) {
            throw ArchiveErrors.invalid("EventEndTime", "EventStartTime must be before EventEndTime.");
        }
        List<String> filters = destination.list("FilterArns") == null ? List.of()
                : destination.list("FilterArns").stream().map(String.class::cast).toList();
        ReplayRecord replay;
        try (StripedLocks.Held ignored = archives.lock(scope, "replays", name)) {
            if (archives.replay(scope, name).isPresent()) {
                throw ArchiveErrors.replayExists(name);
            }
            replay = new ReplayRecord(name, Arn.of("events", scope, "replay/" + name).toString(),
                    input.string("Description"), source, archiveName, destinationArn, busName, filters,
                    start.toEpochMilli(), end.toEpochMilli(), "STARTING", null, clock.millis(), null, null, null);
            archives.put(scope, replay);
        }
        replayer.start(scope, name);
        return Output.of("ReplayArn", replay.arn()).put("State", replay.state())
                .put("ReplayStartTime", Instant.ofEpochMilli(replay.replayStartTime()));
    }

    public Output describeReplay(RequestContext context, Input input) {
        ReplayRecord replay = replay(context.scope(), input.string("ReplayName"));
        Map<String, Object> destination = new LinkedHashMap<>();
        destination.put("Arn", replay.destinationArn());
        if (!replay.filterArns().isEmpty()) {
            destination.put("FilterArns", replay.filterArns());
        }
        Output out = Output.of("ReplayName", replay.name()).put("ReplayArn", replay.arn())
                .put("Description", replay.description()).put("Destination", destination);
        summary(replay).forEach(out::put);
        return out;
    }

    /** At most one of NamePrefix, EventSourceArn and State filters the list, as on EventBridge. */
    public Output listReplays(RequestContext context, Input input) {
        String prefix = input.string("NamePrefix");
        String source = input.string("EventSourceArn");
        String state = input.string("State");
        if ((prefix != null ? 1 : 0) + (source != null ? 1 : 0) + (state != null ? 1 : 0) > 1) {
            throw EventsErrors.validation("At most one filter is allowed for ListReplays. "
                    + "Use either : State, EventSourceArn, or NamePrefix.");
        }
        List<ReplayRecord> matching = archives.replays(context.scope()).stream()
                .filter(r -> prefix == null || r.name().startsWith(prefix))
                .filter(r -> source == null || r.eventSourceArn().equals(source))
                .filter(r -> state == null || r.state().equals(state))
                .toList();
        int size = input.integer("Limit") == null ? EventsErrors.PAGE_SIZE : input.integer("Limit");
        Pages<ReplayRecord> page = Pages.of(matching, ReplayRecord::name, input.string("NextToken"), size,
                EventsErrors::invalidNextToken);
        return Output.of("Replays", page.items().stream().map(r -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("ReplayName", r.name());
            item.putAll(summary(r));
            return item;
        }).toList()).put("NextToken", page.nextToken());
    }

    /**
     * A replay that is starting or running is marked CANCELLING; the replayer stops at its next
     * page and marks it CANCELLED. One that has ended cannot be cancelled.
     */
    public Output cancelReplay(RequestContext context, Input input) {
        Scope scope = context.scope();
        String name = input.string("ReplayName");
        try (StripedLocks.Held ignored = archives.lock(scope, "replays", name)) {
            ReplayRecord replay = replay(scope, name);
            if (!replay.state().equals("STARTING") && !replay.state().equals("RUNNING")) {
                throw ArchiveErrors.notCancellable(name);
            }
            archives.put(scope, replay.progressed("CANCELLING", replay.cursor(), replay.eventLastReplayedTime()));
            return Output.of("ReplayArn", replay.arn()).put("State", "CANCELLING");
        }
    }

    private ReplayRecord replay(Scope scope, String name) {
        return archives.replay(scope, name).orElseThrow(() -> ArchiveErrors.replayNotFound(name));
    }

    private static Map<String, Object> summary(ReplayRecord replay) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("EventSourceArn", replay.eventSourceArn());
        out.put("State", replay.state());
        if (replay.stateReason() != null) {
            out.put("StateReason", replay.stateReason());
        }
        out.put("EventStartTime", Instant.ofEpochMilli(replay.eventStartTime()));
        out.put("EventEndTime", Instant.ofEpochMilli(replay.eventEndTime()));
        if (replay.eventLastReplayedTime() != null) {
            out.put("EventLastReplayedTime", Instant.ofEpochMilli(replay.eventLastReplayedTime()));
        }
        out.put("ReplayStartTime", Instant.ofEpochMilli(replay.replayStartTime()));
        if (replay.replayEndTime() != null) {
            out.put("ReplayEndTime", Instant.ofEpochMilli(replay.replayEndTime()));
        }
        return out;
    }

    private static String busOf(String destinationArn) {
        Arn arn;
        try {
            arn = Arn.parse(destinationArn);
        } catch (IllegalArgumentException e) {
            throw ArchiveErrors.invalid("Destination.Arn", "Must contain an event bus ARN.");
        }
        if (!arn.service().equals("events") || !arn.resource().startsWith("event-bus/")) {
            throw ArchiveErrors.invalid("Destination.Arn", "Must contain an event bus ARN.");
        }
        return arn.resource().substring("event-bus/".length());
    }
}
