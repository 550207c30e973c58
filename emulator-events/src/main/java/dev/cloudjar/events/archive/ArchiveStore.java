package dev.cloudjar.events.archive;

import dev.cloudjar.core.spi.RecordTable;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.core.spi.storage.Entry;
import dev.cloudjar.core.spi.storage.Keyspace;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.spi.storage.WriteBatch;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Archives, their events and replays in the storage SPI, per scope. An archived event is the
 * event's JSON under {@code archive \0 time \0 id}, its time (the event's {@code time}, epoch
 * milliseconds) zero-padded, so a replay's window and the retention cut-off are each one key range.
 */
public final class ArchiveStore {
    private static final String SERVICE = "events";
    private static final String EVENTS = "archive-events";

    private final StateStore state;
    private final RecordTable<ArchiveRecord> archives;
    private final RecordTable<ReplayRecord> replays;
    private final StripedLocks locks = new StripedLocks(64);

    public ArchiveStore(StateStore state) {
        this.state = state;
        this.archives = new RecordTable<>(state, SERVICE, "archives", ArchiveRecord.class);
        this.replays = new RecordTable<>(state, SERVICE, "replays", ReplayRecord.class);
    }

    /** Serialises changes to one archive or one replay ({@code kind} "archives" or "replays"). */
    StripedLocks.Held lock(Scope scope, String kind, String name) {
        return locks.lock(scope.keyspace(SERVICE, kind), name.getBytes(StandardCharsets.UTF_8));
    }

    Optional<ArchiveRecord> archive(Scope scope, String name) {
        return archives.get(scope, name);
    }

    List<ArchiveRecord> archives(Scope scope) {
        return archives.list(scope, "");
    }

    List<Scope> archiveScopes() {
        return archives.scopes();
    }

    void put(Scope scope, ArchiveRecord archive) {
        archives.put(scope, archive.name(), archive);
    }

    /** Deletes the archive and every event it holds in one write. */
    void deleteArchive(Scope scope, String name) {
        WriteBatch batch = new WriteBatch();
        archives.delete(batch, scope, name);
        deleteRange(batch, scope, prefix(name), end(prefix(name)));
        state.apply(batch);
    }

    void addEvent(Scope scope, String archive, long time, String id, String json) {
        events(scope).put(eventKey(archive, time, id), json.getBytes(StandardCharsets.UTF_8));
    }

    /** Up to {@code limit} events of the archive at times in [from, to], after the key {@code cursor} when given. */
    List<Entry> events(Scope scope, String archive, long from, long to, String cursor, int limit) {
        byte[] start = cursor == null ? timeKey(archive, from) : after(cursor.getBytes(StandardCharsets.UTF_8));
        byte[] stop = to == Long.MAX_VALUE ? end(prefix(archive)) : timeKey(archive, to + 1);
        return events(scope).scan(start, stop, limit, false);
    }

    /** Removes the archive's events older than {@code before}. */
    void expire(Scope scope, String archive, long before) {
        WriteBatch batch = new WriteBatch();
        if (deleteRange(batch, scope, prefix(archive), timeKey(archive, before))) {
            state.apply(batch);
        }
    }

    Optional<ReplayRecord> replay(Scope scope, String name) {
        return replays.get(scope, name);
    }

    List<ReplayRecord> replays(Scope scope) {
        return replays.list(scope, "");
    }

    List<Scope> replayScopes() {
        return replays.scopes();
    }

    void put(Scope scope, ReplayRecord replay) {
        replays.put(scope, replay.name(), replay);
    }

    static String key(Entry entry) {
        return new String(entry.key(), StandardCharsets.UTF_8);
    }

    /** Adds deletes of the events with keys in [from, to) to the batch; false when there were none. */
    private boolean deleteRange(WriteBatch batch, Scope scope, byte[] from, byte[] to) {
        boolean any = false;
        List<Entry> page;
        do {
            page = events(scope).scan(from, to, 1000, false);
            for (Entry e : page) {
                batch.delete(scope.keyspace(SERVICE, EVENTS), e.key());
                any = true;
            }
            if (!page.isEmpty()) {
                from = after(page.get(page.size() - 1).key());
            }
        } while (page.size() == 1000);
        return any;
    }

    private Keyspace events(Scope scope) {
        return state.keyspace(scope.keyspace(SERVICE, EVENTS));
    }

    private static byte[] eventKey(String archive, long time, String id) {
        return (archive + '\0' + time(time) + '\0' + id).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] timeKey(String archive, long time) {
        return (archive + '\0' + time(time)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] prefix(String archive) {
        return (archive + '\0').getBytes(StandardCharsets.UTF_8);
    }

    /** Epoch milliseconds in a fixed width, so that keys sort by time; times before 1970 sort first. */
    private static String time(long millis) {
        return String.format("%015d", Math.max(0, millis));
    }

    private static byte[] after(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    private static byte[] end(byte[] prefix) {
        byte[] end = Arrays.copyOf(prefix, prefix.length);
        end[end.length - 1]++;
        return end;
    }
}
