package dev.cloudjar.s3.lifecycle;

import dev.cloudjar.s3.bucket.Buckets;
import dev.cloudjar.s3.notification.Notifications;
import dev.cloudjar.s3.store.BucketRecord;
import dev.cloudjar.s3.store.Documents;
import dev.cloudjar.s3.store.ObjectVersion;
import dev.cloudjar.s3.store.S3Store;
import dev.cloudjar.s3.store.UploadRecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Applies the expiration actions of every bucket's lifecycle configuration, as S3 does in the
 * background: current objects expire (deleted, or hidden behind a delete marker where versioning
 * is on), noncurrent versions expire after NoncurrentDays, lone expired delete markers are
 * removed, and incomplete multipart uploads are aborted after DaysAfterInitiation. Each change
 * re-reads the key under its lock, so a sweep never undoes a concurrent write.
 */
public final class LifecycleSweeper {
    private static final System.Logger LOG = System.getLogger(LifecycleSweeper.class.getName());

    private final S3Store store;
    private final Buckets buckets;
    private final Notifications notifications;
    private final Clock clock;
    private final Duration day;

    /** @param day how long a lifecycle "day" lasts: one day, or seconds for tests */
    public LifecycleSweeper(S3Store store, Buckets buckets, Notifications notifications, Clock clock, Duration day) {
        this.store = store;
        this.buckets = buckets;
        this.notifications = notifications;
        this.clock = clock;
        this.day = day;
    }

    /** One pass over every bucket of every account; failures are logged so the next pass still runs. */
    public void sweep() {
        try {
            for (String account : store.accounts()) {
                for (BucketRecord bucket : store.listBuckets(account, null, Integer.MAX_VALUE)) {
                    List<LifecycleRule> rules = LifecycleRule.rulesOf(Documents.restored(bucket.lifecycle()))
                            .stream().filter(LifecycleRule::enabled).toList();
                    if (!rules.isEmpty()) {
                        sweep(account, bucket, rules);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "lifecycle sweep failed", e);
        }
    }

    private void sweep(String account, BucketRecord bucket, List<LifecycleRule> rules) {
        Instant now = clock.instant();
        store.forEachCurrent(account, bucket.name(), object -> {
            if (due(rules, object, r -> r.currentExpiry(Instant.ofEpochMilli(object.lastModified()), day), now)) {
                expireCurrent(account, bucket.name(), object);
            }
        });
        if (rules.stream().anyMatch(r -> r.noncurrentDays() != null || r.expiredObjectDeleteMarker())) {
            store.forEachKeyVersions(account, bucket.name(), versions -> expireVersions(account, bucket.name(), rules,
                    versions, now));
        }
        for (UploadRecord upload : store.uploadsIn(account, bucket.name())) {
            Instant initiated = Instant.ofEpochMilli(upload.initiated());
            if (rules.stream().anyMatch(r -> r.selects(upload.key(), Map.of(), 0)
                    && isPast(r.abortTime(initiated, day), now))) {
                store.abortUpload(account, upload);
            }
        }
    }

    private static boolean due(List<LifecycleRule> rules, ObjectVersion object,
                               Function<LifecycleRule, Instant> expiry, Instant now) {
        Map<String, String> tags = object.tags() == null ? Map.of() : object.tags();
        return rules.stream().anyMatch(r -> r.selects(object.key(), tags, object.size()) && isPast(expiry.apply(r), now));
    }

    private static boolean isPast(Instant time, Instant now) {
        return time != null && !now.isBefore(time);
    }

    /**
     * Deletes the object where versioning was never configured, else puts a delete marker in
     * front of it; then S3's LifecycleExpiration event, outside the key's lock.
     */
    private void expireCurrent(String account, String bucketName, ObjectVersion seen) {
        Expired expired = store.locked(account, bucketName, seen.key(), () -> {
            ObjectVersion current = store.current(account, bucketName, seen.key()).orElse(null);
            BucketRecord bucket = store.bucket(account, bucketName).orElse(null);
            if (current == null || bucket == null || current.sequence() != seen.sequence()) {
                return null;
            }
            if (bucket.versioning() == null) {
                store.deleteVersion(account, bucketName, current);
                return new Expired(bucket, "LifecycleExpiration:Delete", current);
            }
            long sequence = store.nextSequence();
            ObjectVersion marker = ObjectVersion.deleteMarker(seen.key(), buckets.newVersionId(bucket, sequence), sequence,
                    S3Store.now());
            store.putVersion(account, bucketName, marker);
            return new Expired(bucket, "LifecycleExpiration:DeleteMarkerCreated", marker);
        });
        if (expired != null) {
            notifications.publishAsS3(account, expired.bucket(), expired.eventName(), expired.object(), clock.instant());
        }
    }

    private record Expired(BucketRecord bucket, String eventName, ObjectVersion object) {
    }

    /** A version is noncurrent from the moment the next newer one was written. */
    private void expireVersions(String account, String bucketName, List<LifecycleRule> rules,
                                List<ObjectVersion> versions, Instant now) {
        for (int i = 1; i < versions.size(); i++) {
            ObjectVersion version = versions.get(i);
            Instant since = Instant.ofEpochMilli(versions.get(i - 1).lastModified());
            if (due(rules, version, r -> r.noncurrentExpiry(since, day), now)) {
                deleteVersion(account, bucketName, version);
            }
        }
        ObjectVersion newest = versions.get(0);
        if (versions.size() == 1 && newest.deleteMarker()
                && rules.stream().anyMatch(r -> r.expiredObjectDeleteMarker() && r.selects(newest.key(), Map.of(), 0))) {
            deleteVersion(account, bucketName, newest);
        }
    }

    private void deleteVersion(String account, String bucketName, ObjectVersion version) {
        store.locked(account, bucketName, version.key(), () -> {
            store.version(account, bucketName, version.key(), version.versionId())
                    .filter(v -> Objects.equals(v.sequence(), version.sequence()))
                    .ifPresent(v -> store.deleteVersion(account, bucketName, v));
            return null;
        });
    }
}
