package dev.cloudjar.events.archive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cloudjar.core.events.CompiledPatterns;
import dev.cloudjar.core.events.Dialect;
import dev.cloudjar.core.events.InvalidPatternException;
import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.Pages;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.core.spi.storage.Entry;
import dev.cloudjar.events.EventsErrors;
import dev.cloudjar.events.store.Buses;
import dev.cloudjar.events.store.EventsStore;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CreateArchive, DescribeArchive, ListArchives, UpdateArchive and DeleteArchive, and the archiving
 * itself: each event PutEvents accepts on a bus is stored in every archive of that bus whose
 * pattern (if any) matches it. A replayed event (one carrying {@code replay-name}) is not archived
 * again, as EventBridge's archive rule excludes it ("Archiving and replaying events").
 */
public final class ArchiveOperations {
    private static final int PAGE = 1000;

    private final ArchiveStore archives;
    private final EventsStore store;
    private final CompiledPatterns patterns;
    private final Clock clock;

    public ArchiveOperations(ArchiveStore archives, EventsStore store, CompiledPatterns patterns, Clock clock) {
        this.archives = archives;
        this.store = store;
        this.patterns = patterns;
        this.clock = clock;
    }

    public Output createArchive(RequestContext context, Input input) {
        Scope scope = context.scope();
        String name = input.string("ArchiveName");
        String source = input.string("EventSourceArn");
        String pattern = input.string("EventPattern");
        String busName = busOf(source);
        check(pattern);
        int retention = input.integer("RetentionDays") == null ? 0 : input.integer("RetentionDays");
        try (StripedLocks.Held ignored = archives.lock(scope, "archives", name)) {
            if (!Buses.exists(store, scope, busName)) {
                throw EventsErrors.busNotFound(busName);
            }
            if (archives.archive(scope, name).isPresent()) {
                throw ArchiveErrors.archiveExists(name);
            }
            ArchiveRecord archive = new ArchiveRecord(name, Arn.of("events", scope, "archive/" + name).toString(), source,
                    busName, input.string("Description"), pattern, retention, clock.millis());
            archives.put(scope, archive);
            return Output.of("ArchiveArn", archive.arn()).put("State", "ENABLED")
                    .put("CreationTime", Instant.ofEpochMilli(archive.creationTime()));
        }
    }

    public Output describeArchive(RequestContext context, Input input) {
        Scope scope = context.scope();
        ArchiveRecord archive = archive(scope, input.string("ArchiveName"));
        Output out = Output.of("ArchiveArn", archive.arn());
        Map<String, Object> summary = summary(scope, archive);
        out.put("ArchiveName", archive.name()).put("EventSourceArn", archive.eventSourceArn());
        if (archive.description() != null) {
            out.put("Description", archive.description());
        }
        if (archive.eventPattern() != null) {
            out.put("EventPattern", archive.eventPattern());
        }
        summary.forEach((member, value) -> {
            if (!member.equals("ArchiveName") && !member.equals("EventSourceArn")) {
                out.put(member, value);
            }
        });
        return out;
    }

    /** At most one of NamePrefix, EventSourceArn and State filters the list, as on EventBridge. */
    public Output listArchives(RequestContext context, Input input) {
        Scope scope = context.scope();
        String prefix = input.string("NamePrefix");
        String source = input.string("EventSourceArn");
        String state = input.string("State");
        if ((prefix != null ? 1 : 0) + (source != null ? 1 : 0) + (state != null ? 1 : 0) > 1) {
            throw EventsErrors.validation("At most one filter is allowed for ListArchives. "
                    + "Use either : State, EventSourceArn, or NamePrefix.");
        }
        List<ArchiveRecord> matching = archives.archives(scope).stream()
                .filter(a -> prefix == null || a.name().startsWith(prefix))
                .filter(a -> source == null || a.eventSourceArn().equals(source))
                .filter(a -> state == null || state.equals("ENABLED"))
                .toList();
        int size = input.integer("Limit") == null ? EventsErrors.PAGE_SIZE : input.integer("Limit");
        Pages<ArchiveRecord> page = Pages.of(matching, ArchiveRecord::name, input.string("NextToken"), size,
                EventsErrors::invalidNextToken);
        return Output.of("Archives", page.items().stream().map(a -> summary(scope, a)).toList())
                .put("NextToken", page.nextToken());
    }

    /** Members left out keep their values; RetentionDays 0 keeps events indefinitely. */
    public Output updateArchive(RequestContext context, Input input) {
        Scope scope = context.scope();
        String name = input.string("ArchiveName");
        String pattern = input.string("EventPattern");
        check(pattern);
        try (StripedLocks.Held ignored = archives.lock(scope, "archives", name)) {
            ArchiveRecord archive = archive(scope, name);
            ArchiveRecord updated = archive.with(
                    input.has("Description") ? input.string("Description") : archive.description(),
                    input.has("EventPattern") ? pattern : archive.eventPattern(),
                    input.has("RetentionDays") ? input.integer("RetentionDays") : archive.retentionDays());
            archives.put(scope, updated);
            return Output.of("ArchiveArn", updated.arn()).put("State", "ENABLED")
                    .put("CreationTime", Instant.ofEpochMilli(updated.creationTime()));
        }
    }

    public Output deleteArchive(RequestContext context, Input input) {
        Scope scope = context.scope();
        String name = input.string("ArchiveName");
        try (StripedLocks.Held ignored = archives.lock(scope, "archives", name)) {
            archive(scope, name);
            archives.deleteArchive(scope, name);
        }
        return Output.empty();
    }

    /** Stores an event PutEvents accepted on a bus in each of the bus's archives that takes it. */
    public void archive(Scope scope, String busName, ObjectNode event) {
        if (event.has("replay-name")) {
            return;
        }
        String json = null;
        for (ArchiveRecord archive : archives.archives(scope)) {
            if (!archive.busName().equals(busName)) {
                continue;
            }
            json = json == null ? event.toString() : json;
            if (archive.eventPattern() == null || matches(archive.eventPattern(), json)) {
                archives.addEvent(scope, archive.name(), eventTime(event), event.path("id").asText(), json);
            }
        }
    }

    /** Drops every archive's events older than its retention period (run periodically). */
    public void expire() {
        long now = clock.millis();
        for (Scope scope : archives.archiveScopes()) {
            for (ArchiveRecord archive : archives.archives(scope)) {
                if (archive.retentionDays() > 0) {
                    archives.expire(scope, archive.name(), archive.keptSince(now));
                }
            }
        }
    }

    /** The event's {@code time} in epoch milliseconds: what archives and replays order and select by. */
    static long eventTime(ObjectNode event) {
        try {
            return Instant.parse(event.path("time").asText()).toEpochMilli();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    private Map<String, Object> summary(Scope scope, ArchiveRecord archive) {
        long count = 0;
        long size = 0;
        String cursor = null;
        List<Entry> page;
        do {
            page = archives.events(scope, archive.name(), archive.keptSince(clock.millis()), Long.MAX_VALUE, cursor, PAGE);
            for (Entry e : page) {
                count++;
                size += e.value().length;
            }
            if (!page.isEmpty()) {
                cursor = new String(page.get(page.size() - 1).key(), StandardCharsets.UTF_8);
            }
        } while (page.size() == PAGE);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ArchiveName", archive.name());
        out.put("EventSourceArn", archive.eventSourceArn());
        out.put("State", "ENABLED");
        out.put("RetentionDays", archive.retentionDays());
        out.put("SizeBytes", size);
        out.put("EventCount", count);
        out.put("CreationTime", Instant.ofEpochMilli(archive.creationTime()));
        return out;
    }

    private ArchiveRecord archive(Scope scope, String name) {
        return archives.archive(scope, name).orElseThrow(() -> ArchiveErrors.archiveNotFound(name));
    }

    private boolean matches(String pattern, String json) {
        try {
            return patterns.get(pattern, Dialect.EVENTBRIDGE).matches(json);
        } catch (InvalidPatternException e) {
            return false;
        }
    }

    private void check(String pattern) {
        if (pattern == null) {
            return;
        }
        try {
            patterns.get(pattern, Dialect.EVENTBRIDGE);
        } catch (InvalidPatternException e) {
            throw EventsErrors.invalidPattern(e.getMessage());
        }
    }

    /** The bus an archive's EventSourceArn names: it must be an event bus's ARN. */
    private static String busOf(String source) {
        Arn arn;
        try {
            arn = Arn.parse(source);
        } catch (IllegalArgumentException e) {
            throw EventsErrors.validation("Parameter EventSourceArn is not valid.");
        }
        if (!arn.service().equals("events") || !arn.resource().startsWith("event-bus/")) {
            throw EventsErrors.validation("Parameter EventSourceArn is not valid.");
        }
        return arn.resource().substring("event-bus/".length());
    }
}
