package dev.cloudjar.core.state.journal;

import dev.cloudjar.core.spi.storage.Entry;
import dev.cloudjar.core.spi.storage.Keyspace;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.spi.storage.WriteBatch;
import dev.cloudjar.core.state.KeyspaceNames;
import dev.cloudjar.core.state.MemoryStateStore;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Durable state: every entry in memory (a {@link MemoryStateStore} serves all reads), every
 * change appended to a journal file before it is applied and acknowledged, and the journal
 * compacted into a snapshot in the background once it outgrows the snapshot.
 *
 * <p>Why not a database file: H2 with {@code WRITE_DELAY=0} kept each commit's replaced pages
 * for its 45 s retention time and grew to gigabytes for megabytes of entries; a shorter retention
 * lost acknowledged writes on {@code kill -9}. Here the files hold the snapshot of the live
 * entries and a journal that is compacted once it is larger than the snapshot (and than
 * {@code minJournalBytes}). Writers that outrun a compaction wait for it when the new journal has
 * grown to twice that limit, so the files stay a small multiple of the live entries whatever the
 * write rate.
 *
 * <p>Order: one lock covers appending and applying, so the journal holds writes in the order
 * readers saw them, and a value is visible only once it is in the journal. A batch is one record,
 * recovered whole or not at all.
 *
 * <p>Compaction starts a new journal under that lock and then writes a snapshot of the live
 * entries while writes go on. The snapshot may already hold some writes of the new journal;
 * replaying them again is harmless, since every record sets or removes whole entries.
 */
public final class JournalStateStore implements StateStore {
    /** The journal is compacted once it holds more than this and more than the snapshot's bytes. */
    public static final long DEFAULT_MIN_JOURNAL_BYTES = 8L << 20;
    private static final int SNAPSHOT_PAGE = 64;
    private static final System.Logger LOG = System.getLogger(JournalStateStore.class.getName());

    private final MemoryStateStore memory;
    private final JournalDirectory files;
    private final long minJournalBytes;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Condition compacted = writeLock.newCondition();
    /** Guarded by writeLock. */
    private boolean compactionPending;
    private final ExecutorService compactor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "cloudjar-state-compaction");
        thread.setDaemon(true);
        return thread;
    });
    /** The journal being appended to; null once closed. Guarded by writeLock, as are the two below. */
    private JournalFile journal;
    private long generation;
    /** Journal bytes written since the newest snapshot was started. */
    private long journalBytes;
    private volatile long snapshotBytes;

    private JournalStateStore(MemoryStateStore memory, JournalDirectory files, long minJournalBytes,
                              Recovery recovery) {
        this.memory = memory;
        this.files = files;
        this.minJournalBytes = minJournalBytes;
        this.journal = recovery.journal();
        this.generation = recovery.generation();
        this.journalBytes = recovery.journalBytes();
        this.snapshotBytes = recovery.snapshotBytes();
    }

    /** What {@link #open} found on disk, and the new journal it started. */
    private record Recovery(JournalFile journal, long generation, long journalBytes, long snapshotBytes) {
    }

    public static JournalStateStore open(Path directory) {
        return open(directory, DEFAULT_MIN_JOURNAL_BYTES);
    }

    /**
     * Reads the state in the directory (created if missing) and continues it in a new journal.
     * Only one process may open it; the caller locks the directory first.
     *
     * @param minJournalBytes journal size below which it is never compacted (tests use a small one)
     */
    public static JournalStateStore open(Path directory, long minJournalBytes) {
        try {
            JournalDirectory files = new JournalDirectory(directory);
            MemoryStateStore memory = new MemoryStateStore();
            JournalStateStore store = new JournalStateStore(memory, files, minJournalBytes, recover(files, memory));
            store.compactIfDue(store.journalBytes > 0);
            return store;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the state in " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads the newest snapshot and replays the journals after it into memory. Each journal is
     * read up to a record cut short, which only a crash mid-append leaves; appends go on in a new
     * journal, so nothing is ever written after such a record.
     */
    private static Recovery recover(JournalDirectory files, MemoryStateStore memory) throws IOException {
        long snapshot = files.newestSnapshot().orElse(0L);
        long snapshotBytes = 0;
        if (snapshot > 0) {
            Path file = files.snapshot(snapshot);
            if (!JournalReader.read(file, record -> record.applyTo(memory))) {
                throw new IllegalStateException("the state snapshot " + file + " is damaged");
            }
            snapshotBytes = Files.size(file);
        }
        long journalBytes = 0;
        for (long journal : files.journalsFrom(snapshot)) {
            Path file = files.journal(journal);
            JournalReader.read(file, record -> record.applyTo(memory));
            long bytes = Files.size(file);
            if (bytes == 0) {
                // Left by a run that wrote nothing; deleted so that restarts do not pile them up.
                Files.delete(file);
            }
            journalBytes += bytes;
        }
        long generation = files.newestGeneration() + 1;
        files.deleteBefore(snapshot);
        return new Recovery(JournalFile.create(files.journal(generation)), generation, journalBytes, snapshotBytes);
    }

    @Override
    public Keyspace keyspace(String name) {
        return new JournalKeyspace(memory.keyspace(name));
    }

    @Override
    public Set<String> keyspaces(String prefix) {
        return memory.keyspaces(Objects.requireNonNull(prefix, "prefix"));
    }

    @Override
    public void apply(WriteBatch batch) {
        for (WriteBatch.Write write : batch.writes()) {
            KeyspaceNames.check(write.keyspace());
            Objects.requireNonNull(write.key(), "key");
        }
        if (!batch.isEmpty()) {
            write(new JournalRecord.Writes(batch), () -> false);
        }
    }

    @Override
    public void drop(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        write(new JournalRecord.Drop(prefix), () -> memory.keyspaces(prefix).isEmpty());
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (journal == null) {
                return;
            }
            journal.close();
        } catch (IOException e) {
            throw new IllegalStateException("cannot close the state journal: " + e.getMessage(), e);
        } finally {
            journal = null;
            writeLock.unlock();
        }
        compactor.shutdown();
        try {
            compactor.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        memory.close();
    }

    /**
     * Appends the record and applies it to memory, unless {@code unchanged} says it would change
     * nothing. Returns whether it was written.
     */
    private boolean write(JournalRecord record, BooleanSupplier unchanged) {
        ByteBuffer framed = record.encode();
        writeLock.lock();
        try {
            while (compactionPending && journalBytes > 2 * journalLimit()) {
                compacted.awaitUninterruptibly();
            }
            if (journal == null) {
                throw new IllegalStateException("the state store is closed");
            }
            if (unchanged.getAsBoolean()) {
                return false;
            }
            try {
                journal.append(framed);
            } catch (IOException e) {
                throw new IllegalStateException("cannot append to the state journal " + journal.path()
                        + ": " + e.getMessage(), e);
            }
            journalBytes += framed.capacity();
            record.applyTo(memory);
            compactIfDue(false);
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    /** Starts a compaction when the journal has outgrown its limit or when forced; called under writeLock or at open. */
    private void compactIfDue(boolean force) {
        if ((force || journalBytes > journalLimit()) && !compactionPending) {
            compactionPending = true;
            compactor.execute(this::compact);
        }
    }

    private long journalLimit() {
        return Math.max(minJournalBytes, snapshotBytes);
    }

    private void compact() {
        try {
            Optional<Long> started = startNextJournal();
            if (started.isPresent()) {
                long next = started.get();
                snapshotBytes = writeSnapshot(files.partialSnapshot(next));
                files.publish(next);
                files.deleteBefore(next);
            }
        } catch (IOException | RuntimeException e) {
            // The journals it would have replaced are kept; the next compaction tries again.
            LOG.log(System.Logger.Level.WARNING, "compacting the state journal in " + files.path() + " failed", e);
        } finally {
            writeLock.lock();
            try {
                compactionPending = false;
                compacted.signalAll();
            } finally {
                writeLock.unlock();
            }
        }
    }

    /** Switches appends to a new journal; returns its generation, or empty once closed. */
    private Optional<Long> startNextJournal() throws IOException {
        writeLock.lock();
        try {
            if (journal == null) {
                return Optional.empty();
            }
            JournalFile next = JournalFile.create(files.journal(generation + 1));
            journal.close();
            journal = next;
            generation++;
            journalBytes = 0;
            return Optional.of(generation);
        } finally {
            writeLock.unlock();
        }
    }

    /** Writes every live entry, a page of a keyspace per record, and forces it to disk; returns its size. */
    private long writeSnapshot(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            for (String name : memory.keyspaces("")) {
                writeKeyspace(memory.keyspace(name), out);
            }
            out.flush();
            channel.force(true);
            return channel.size();
        }
    }

    private static void writeKeyspace(Keyspace keyspace, OutputStream out) throws IOException {
        byte[] from = null;
        while (true) {
            List<Entry> page = keyspace.scan(from, null, SNAPSHOT_PAGE, false);
            if (page.isEmpty()) {
                return;
            }
            WriteBatch batch = new WriteBatch();
            page.forEach(entry -> batch.put(keyspace.name(), entry.key(), entry.value()));
            ByteBuffer record = new JournalRecord.Writes(batch).encode();
            out.write(record.array(), 0, record.limit());
            byte[] last = page.get(page.size() - 1).key();
            // The smallest key after the last one: the same bytes and a zero byte.
            from = Arrays.copyOf(last, last.length + 1);
        }
    }

    /** Reads go straight to memory; changes go through {@link #write}. */
    private final class JournalKeyspace implements Keyspace {
        private final Keyspace entries;

        JournalKeyspace(Keyspace entries) {
            this.entries = entries;
        }

        @Override
        public String name() {
            return entries.name();
        }

        @Override
        public Optional<byte[]> get(byte[] key) {
            return entries.get(key);
        }

        @Override
        public void put(byte[] key, byte[] value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            write(new JournalRecord.Writes(new WriteBatch().put(name(), key, value)), () -> false);
        }

        @Override
        public boolean delete(byte[] key) {
            Objects.requireNonNull(key, "key");
            return write(new JournalRecord.Writes(new WriteBatch().delete(name(), key)),
                    () -> entries.get(key).isEmpty());
        }

        @Override
        public List<Entry> scan(byte[] from, byte[] to, int limit, boolean descending) {
            return entries.scan(from, to, limit, descending);
        }

        @Override
        public long size() {
            return entries.size();
        }

        @Override
        public void clear() {
            write(new JournalRecord.Clear(name()), () -> entries.size() == 0);
        }
    }
}
