package dev.cloudjar.s3.store;

import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.core.spi.storage.BlobStore;
import dev.cloudjar.core.spi.storage.Entry;
import dev.cloudjar.core.spi.storage.Keyspace;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.spi.storage.WriteBatch;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * S3's records over the state store: buckets, object versions (and the current version of each
 * key, for listings), multipart uploads and their parts. Buckets live per account, not per region:
 * a bucket name is global in S3 and reachable through any regional endpoint. Every change that
 * touches several records is one atomic {@link WriteBatch}; blobs a change makes unreachable are
 * deleted after it commits, so a crash can orphan a file but never expose a partial object.
 * Never throws wire errors: callers decide what an absent record means.
 */
public final class S3Store {
    private static final int LOCK_STRIPES = 256;
    private static final int SCAN_PAGE = 1000;
    /** Bounds the decoded-record cache; it is simply emptied when full. */
    private static final int DECODED_RECORDS = 10_000;


    private final StateStore state;
    private final BlobStore blobs;
    private final StripedLocks locks = new StripedLocks(LOCK_STRIPES);
    private final AtomicLong sequence = new AtomicLong();
    private final Map<ByteBuffer, Object> decoded = new ConcurrentHashMap<>();

    public S3Store(StateStore state, BlobStore blobs) {
        this.state = state;
        this.blobs = blobs;
    }

    public BlobStore blobs() {
        return blobs;
    }

    /** Runs a read-check-write on one key (or bucket, with a null key) with no other writer of it in between. */
    public <T> T locked(String account, String bucket, String key, Supplier<T> action) {
        try (StripedLocks.Held ignored = locks.lock(account + '/' + bucket,
                String.valueOf(key).getBytes(StandardCharsets.UTF_8))) {
            return action.get();
        }
    }

    /** A new, strictly increasing sequence number; time-based so it keeps increasing across restarts. */
    public long nextSequence() {
        long now = System.currentTimeMillis() * 1000;
        return sequence.updateAndGet(prev -> Math.max(prev + 1, now));
    }

    /**
     * The time a record is stamped with, in whole seconds: S3 keeps Last-Modified to the second
     * (http-dates carry no fraction, listings show ".000Z").
     */
    public static long now() {
        return System.currentTimeMillis() / 1000 * 1000;
    }

    /** A new version id: opaque, unique, URL-safe. */
    public static String newVersionId(long sequence) {
        return Long.toString(sequence, 36) + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    }

    // ---- keyspaces

    public Keyspace buckets(String account) {
        return state.keyspace(name(account, "buckets"));
    }

    public Keyspace objects(String account) {
        return state.keyspace(name(account, "objects"));
    }

    public Keyspace versions(String account) {
        return state.keyspace(name(account, "versions"));
    }

    public Keyspace uploads(String account) {
        return state.keyspace(name(account, "uploads"));
    }

    private Keyspace parts(String account) {
        return state.keyspace(name(account, "parts"));
    }

    private static String name(String account, String resource) {
        return "s3/" + account + "/" + resource;
    }

    /** The accounts that have S3 state, from the names of their buckets keyspaces. */
    public List<String> accounts() {
        String suffix = "/buckets";
        return state.keyspaces("s3/").stream().filter(n -> n.endsWith(suffix))
                .map(n -> n.substring("s3/".length(), n.length() - suffix.length())).toList();
    }

    // ---- buckets

    public Optional<BucketRecord> bucket(String account, String name) {
        return buckets(account).get(Keys.utf8(name)).map(v -> read(v, BucketRecord.class));
    }

    public void putBucket(String account, BucketRecord bucket) {
        buckets(account).put(Keys.utf8(bucket.name()), RecordJson.write(bucket));
    }

    /** Buckets by name, from {@code after} (exclusive, or null), at most {@code limit}. */
    public List<BucketRecord> listBuckets(String account, String after, int limit) {
        byte[] from = after == null ? null : Keys.after(Keys.utf8(after));
        List<BucketRecord> out = new ArrayList<>();
        for (Entry e : buckets(account).scan(from, null, limit, false)) {
            out.add(read(e.value(), BucketRecord.class));
        }
        return out;
    }

    /** Whether any version or delete marker remains in the bucket. */
    public boolean hasVersions(String account, String bucket) {
        byte[] base = Keys.bucketBase(bucket);
        return !versions(account).scan(base, Keys.successor(base), 1, false).isEmpty();
    }

    /** Deletes an empty bucket and any uploads still in progress in it. */
    public void deleteBucket(String account, String bucket) {
        for (UploadRecord upload : uploadsIn(account, bucket)) {
            abortUpload(account, upload);
        }
        buckets(account).delete(Keys.utf8(bucket));
    }

    // ---- objects

    /** The current version of a key, if it is an object (not a delete marker and not absent). */
    public Optional<ObjectVersion> current(String account, String bucket, String key) {
        return objects(account).get(Keys.object(bucket, key)).map(v -> read(v, ObjectVersion.class));
    }

    /** Every version of a key, newest first, delete markers included. */
    public List<ObjectVersion> versionsOf(String account, String bucket, String key) {
        byte[] from = Keys.versionsOf(bucket, key);
        List<ObjectVersion> out = new ArrayList<>();
        for (Entry e : versions(account).scan(from, Keys.successor(from), Integer.MAX_VALUE, false)) {
            out.add(read(e.value(), ObjectVersion.class));
        }
        return out;
    }

    /** Every current object of a bucket in key order, read a page at a time so the action may change the bucket. */
    public void forEachCurrent(String account, String bucket, Consumer<ObjectVersion> action) {
        byte[] base = Keys.bucketBase(bucket);
        byte[] end = Keys.successor(base);
        byte[] from = base;
        List<Entry> page;
        do {
            page = objects(account).scan(from, end, SCAN_PAGE, false);
            for (Entry e : page) {
                action.accept(read(e.value(), ObjectVersion.class));
            }
            from = page.isEmpty() ? null : Keys.after(page.get(page.size() - 1).key());
        } while (page.size() == SCAN_PAGE);
    }

    /** Every key's versions (newest first, delete markers included), one key at a time, in key order. */
    public void forEachKeyVersions(String account, String bucket, Consumer<List<ObjectVersion>> action) {
        byte[] base = Keys.bucketBase(bucket);
        byte[] end = Keys.successor(base);
        byte[] from = base;
        List<ObjectVersion> group = new ArrayList<>();
        List<Entry> page;
        do {
            page = versions(account).scan(from, end, SCAN_PAGE, false);
            for (Entry e : page) {
                ObjectVersion version = read(e.value(), ObjectVersion.class);
                if (!group.isEmpty() && !group.get(0).key().equals(version.key())) {
                    action.accept(List.copyOf(group));
                    group.clear();
                }
                group.add(version);
            }
            from = page.isEmpty() ? null : Keys.after(page.get(page.size() - 1).key());
        } while (page.size() == SCAN_PAGE);
        if (!group.isEmpty()) {
            action.accept(List.copyOf(group));
        }
    }

    public Optional<ObjectVersion> version(String account, String bucket, String key, String versionId) {
        return versionsOf(account, bucket, key).stream().filter(v -> v.versionId().equals(versionId)).findFirst();
    }

    /**
     * Makes a version the key's newest. In a bucket without versioning enabled it replaces the
     * key's "null" version, whose blobs are then deleted.
     */
    public void putVersion(String account, String bucket, ObjectVersion version) {
        WriteBatch batch = new WriteBatch();
        List<String> replacedBlobs = replaceNullVersion(account, bucket, version, batch);
        byte[] record = RecordJson.write(version);
        batch.put(versions(account).name(), Keys.version(bucket, version.key(), version.sequence()), record);
        if (version.deleteMarker()) {
            batch.delete(objects(account).name(), Keys.object(bucket, version.key()));
        } else {
            batch.put(objects(account).name(), Keys.object(bucket, version.key()), record);
        }
        state.apply(batch);
        replacedBlobs.forEach(this::deleteBlob);
    }

    /** Adds the removal of the key's "null" version to the batch when the new version replaces it; returns its blobs. */
    private List<String> replaceNullVersion(String account, String bucket, ObjectVersion version, WriteBatch batch) {
        if (!ObjectVersion.NULL_VERSION.equals(version.versionId())) {
            return List.of();
        }
        // Where versioning was never enabled the null version is the current object, one read; only
        // a bucket that has had versioning may keep it behind newer versions, which takes a scan.
        ObjectVersion replaced = current(account, bucket, version.key())
                .filter(current -> ObjectVersion.NULL_VERSION.equals(current.versionId()))
                .or(() -> version(account, bucket, version.key(), ObjectVersion.NULL_VERSION)).orElse(null);
        if (replaced == null) {
            return List.of();
        }
        batch.delete(versions(account).name(), Keys.version(bucket, replaced.key(), replaced.sequence()));
        return replaced.blobIds();
    }

    /** Rewrites a version's record in place (its tags); the current-object copy follows if it is current. */
    public void updateVersion(String account, String bucket, ObjectVersion version) {
        WriteBatch batch = new WriteBatch();
        byte[] record = RecordJson.write(version);
        batch.put(versions(account).name(), Keys.version(bucket, version.key(), version.sequence()), record);
        List<ObjectVersion> all = versionsOf(account, bucket, version.key());
        if (!all.isEmpty() && all.get(0).sequence() == version.sequence() && !version.deleteMarker()) {
            batch.put(objects(account).name(), Keys.object(bucket, version.key()), record);
        }
        state.apply(batch);
    }

    /** Removes one version for good; the key's current object becomes its next newest version, if that is one. */
    public void deleteVersion(String account, String bucket, ObjectVersion version) {
        List<ObjectVersion> all = versionsOf(account, bucket, version.key());
        WriteBatch batch = new WriteBatch();
        batch.delete(versions(account).name(), Keys.version(bucket, version.key(), version.sequence()));
        if (!all.isEmpty() && all.get(0).sequence() == version.sequence()) {
            ObjectVersion next = all.size() > 1 ? all.get(1) : null;
            if (next == null || next.deleteMarker()) {
                batch.delete(objects(account).name(), Keys.object(bucket, version.key()));
            } else {
                batch.put(objects(account).name(), Keys.object(bucket, version.key()), RecordJson.write(next));
            }
        }
        state.apply(batch);
        version.blobIds().forEach(this::deleteBlob);
    }

    // ---- multipart uploads

    public void putUpload(String account, UploadRecord upload) {
        uploads(account).put(Keys.upload(upload.bucket(), upload.key(), upload.uploadId()), RecordJson.write(upload));
    }

    public Optional<UploadRecord> upload(String account, String bucket, String key, String uploadId) {
        return uploads(account).get(Keys.upload(bucket, key, uploadId)).map(v -> read(v, UploadRecord.class));
    }

    public List<UploadRecord> uploadsIn(String account, String bucket) {
        byte[] base = Keys.bucketBase(bucket);
        List<UploadRecord> out = new ArrayList<>();
        for (Entry e : uploads(account).scan(base, Keys.successor(base), Integer.MAX_VALUE, false)) {
            out.add(read(e.value(), UploadRecord.class));
        }
        return out;
    }

    /**
     * Stores a part, replacing (and deleting the blob of) a part with the same number. Under the
     * key's lock: a completion that took the replaced part's blob over must not see it deleted.
     */
    public void putPart(String account, UploadRecord upload, PartRecord part) {
        locked(account, upload.bucket(), upload.key(), () -> {
            byte[] key = Keys.part(upload.uploadId(), part.partNumber());
            Optional<PartRecord> replaced = parts(account).get(key).map(v -> read(v, PartRecord.class));
            parts(account).put(key, RecordJson.write(part));
            replaced.ifPresent(p -> deleteBlob(p.blobId()));
            return null;
        });
    }

    /** Parts with numbers above {@code after}, in order, at most {@code limit}. */
    public List<PartRecord> parts(String account, String uploadId, int after, int limit) {
        byte[] base = Keys.partsOf(uploadId);
        List<PartRecord> out = new ArrayList<>();
        for (Entry e : parts(account).scan(Keys.part(uploadId, after + 1), Keys.successor(base), limit, false)) {
            out.add(read(e.value(), PartRecord.class));
        }
        return out;
    }

    /**
     * Publishes the object and forgets the upload in one batch, so a crash leaves one or the
     * other. The object takes over the blobs of the parts it lists; the blobs of parts it leaves
     * out are deleted after the batch. The caller holds the key's lock, as every part write does.
     */
    public void completeUpload(String account, UploadRecord upload, ObjectVersion version) {
        List<PartRecord> parts = parts(account, upload.uploadId(), 0, Integer.MAX_VALUE);
        WriteBatch batch = new WriteBatch();
        List<String> replacedBlobs = replaceNullVersion(account, upload.bucket(), version, batch);
        byte[] record = RecordJson.write(version);
        batch.put(versions(account).name(), Keys.version(upload.bucket(), version.key(), version.sequence()), record);
        batch.put(objects(account).name(), Keys.object(upload.bucket(), version.key()), record);
        forgetUpload(account, upload, parts, batch);
        state.apply(batch);
        replacedBlobs.forEach(this::deleteBlob);
        Set<String> kept = Set.copyOf(version.blobIds());
        parts.stream().map(PartRecord::blobId).filter(id -> !kept.contains(id)).forEach(this::deleteBlob);
    }

    /** Forgets the upload and deletes its parts, under the key's lock so no completion is taking them over. */
    public void abortUpload(String account, UploadRecord upload) {
        locked(account, upload.bucket(), upload.key(), () -> {
            List<PartRecord> parts = parts(account, upload.uploadId(), 0, Integer.MAX_VALUE);
            WriteBatch batch = new WriteBatch();
            forgetUpload(account, upload, parts, batch);
            state.apply(batch);
            parts.forEach(p -> deleteBlob(p.blobId()));
            return null;
        });
    }

    private void forgetUpload(String account, UploadRecord upload, List<PartRecord> parts, WriteBatch batch) {
        batch.delete(uploads(account).name(), Keys.upload(upload.bucket(), upload.key(), upload.uploadId()));
        for (PartRecord p : parts) {
            batch.delete(parts(account).name(), Keys.part(upload.uploadId(), p.partNumber()));
        }
    }

    // ---- records

    /**
     * A stored record, decoded. Decoding JSON was most of a GET's cost in this module, so records
     * are remembered by their stored bytes: the state store is still read every time (nothing can
     * go stale), only the same bytes are not decoded twice. Records are values and never changed
     * after decoding, so one instance can serve every reader.
     */
    public <T> T read(byte[] value, Class<T> type) {
        ByteBuffer bytes = ByteBuffer.wrap(value);
        Object known = decoded.get(bytes);
        if (type.isInstance(known)) {
            return type.cast(known);
        }
        T record = RecordJson.read(value, type);
        if (decoded.size() >= DECODED_RECORDS) {
            decoded.clear();
        }
        decoded.put(bytes, record);
        return record;
    }


    private void deleteBlob(String blobId) {
        if (blobId != null) {
            blobs.delete(blobId);
        }
    }
}
