package dev.cloudjar.s3.lifecycle;

import dev.cloudjar.core.spi.Deliveries;
import dev.cloudjar.core.spi.Delivery;
import dev.cloudjar.core.spi.DeliveryTarget;
import dev.cloudjar.core.spi.storage.BlobStore;
import dev.cloudjar.core.state.MemoryStateStore;
import dev.cloudjar.core.state.blob.FileBlobStore;
import dev.cloudjar.s3.bucket.Buckets;
import dev.cloudjar.s3.notification.Notifications;
import dev.cloudjar.s3.store.BucketRecord;
import dev.cloudjar.s3.store.Documents;
import dev.cloudjar.s3.store.ObjectVersion;
import dev.cloudjar.s3.store.S3Store;
import dev.cloudjar.s3.store.UploadRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweeper against a clock the test sets: objects are dated, the clock is "now". */
class LifecycleSweeperTest {
    private static final String ACCOUNT = "000000000000";
    private static final String BUCKET = "aging";
    private static final Instant NOW = Instant.parse("2024-06-10T12:00:00Z");

    private final MemoryStateStore state = new MemoryStateStore();
    private final FileBlobStore blobs = FileBlobStore.temporary(state);
    private final S3Store store = new S3Store(state, blobs);
    private long sequence;

    LifecycleSweeperTest() throws Exception {
    }

    @AfterEach
    void close() {
        blobs.close();
    }

    private void bucket(String versioning, Map<String, Object> rule) {
        store.putBucket(ACCOUNT, BucketRecord.create(BUCKET, "us-east-1", 0, null, Map.of()).withVersioning(versioning)
                .withLifecycle(Documents.storable(Map.of("Rules", List.of(rule)))));
    }

    private void put(String key, String versionId, Instant lastModified, Map<String, String> tags) {
        sequence++;
        store.putVersion(ACCOUNT, BUCKET, new ObjectVersion(key, versionId, sequence, false, lastModified.toEpochMilli(),
                null, 10, "\"e\"", Map.of(), null, Map.of(), "STANDARD", Map.of(), "FULL_OBJECT", 0, tags, null, null, null, null));
    }

    /** What the sweeps hand core's delivery queue. */
    private final List<Delivery> delivered = new ArrayList<>();
    private final Deliveries deliveries = new Deliveries() {
        @Override
        public void submit(Delivery delivery) {
            delivered.add(delivery);
        }

        @Override
        public void register(String receiver, DeliveryTarget target) {
        }
    };

    private void sweep() {
        new LifecycleSweeper(store, new Buckets(store), new Notifications(deliveries, null),
                Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(1)).sweep();
    }

    @Test
    void anExpirationIsAnEventOfS3sOwnForTheConfiguredDestinations() {
        bucket(null, Map.of("Status", "Enabled", "Filter", Map.of("Prefix", ""), "Expiration", Map.of("Days", 1)));
        store.putBucket(ACCOUNT, store.bucket(ACCOUNT, BUCKET).orElseThrow().withNotification(Documents.storable(Map.of(
                "QueueConfigurations", List.of(Map.of("QueueArn", "arn:aws:sqs:us-east-1:000000000000:expired",
                        "Events", List.of("s3:LifecycleExpiration:*")))))));
        put("old", "null", NOW.minus(Duration.ofDays(3)), Map.of());

        sweep();

        assertEquals(1, delivered.size());
        Delivery event = delivered.get(0);
        assertEquals("arn:aws:sqs:us-east-1:000000000000:expired", event.targetArn());
        assertEquals("arn:aws:s3:::" + BUCKET, event.sourceArn());
        assertTrue(event.body().contains("\"eventName\":\"LifecycleExpiration:Delete\""), event.body());
        assertTrue(event.body().contains("\"principalId\":\"s3.amazonaws.com\""), event.body());
    }

    private boolean exists(String key) {
        return store.current(ACCOUNT, BUCKET, key).isPresent();
    }

    @Test
    void objectsOlderThanTheRulesDaysExpireAndOthersStay() {
        bucket(null, Map.of("Status", "Enabled", "Filter", Map.of("Prefix", "logs/"), "Expiration", Map.of("Days", 7)));
        put("logs/old", "null", NOW.minus(Duration.ofDays(8)), Map.of());
        put("logs/recent", "null", NOW.minus(Duration.ofDays(2)), Map.of());
        put("data/old", "null", NOW.minus(Duration.ofDays(30)), Map.of());

        sweep();

        assertFalse(exists("logs/old"));
        assertTrue(store.versionsOf(ACCOUNT, BUCKET, "logs/old").isEmpty(), "deleted for good without versioning");
        assertTrue(exists("logs/recent"));
        assertTrue(exists("data/old"));
    }

    @Test
    void aDateRuleExpiresEverythingItSelectsOnceTheDateHasPassed() {
        bucket(null, Map.of("Status", "Enabled", "Filter", Map.of("Tag", Map.of("Key", "temp", "Value", "yes")),
                "Expiration", Map.of("Date", Instant.parse("2024-06-01T00:00:00Z"))));
        put("tagged", "null", NOW.minusSeconds(60), Map.of("temp", "yes"));
        put("untagged", "null", NOW.minusSeconds(60), Map.of());

        sweep();

        assertFalse(exists("tagged"));
        assertTrue(exists("untagged"));
    }

    @Test
    void inAVersionedBucketExpiryAddsADeleteMarkerAndNoncurrentVersionsExpireLater() {
        bucket("Enabled", Map.of("Status", "Enabled", "Filter", Map.of("Prefix", ""), "Expiration", Map.of("Days", 30),
                "NoncurrentVersionExpiration", Map.of("NoncurrentDays", 5)));
        put("report", "v1", NOW.minus(Duration.ofDays(60)), Map.of());
        put("report", "v2", NOW.minus(Duration.ofDays(10)), Map.of());
        put("fresh", "v3", NOW.minus(Duration.ofDays(40)), Map.of());
        put("fresh", "v4", NOW.minus(Duration.ofDays(3)), Map.of());

        sweep();

        assertEquals(List.of("v2"), store.versionsOf(ACCOUNT, BUCKET, "report").stream().map(ObjectVersion::versionId).toList(),
                "v1 has been noncurrent for 10 days");
        assertEquals(List.of("v4", "v3"), store.versionsOf(ACCOUNT, BUCKET, "fresh").stream()
                .map(ObjectVersion::versionId).toList(), "v3 has been noncurrent for 3 days only");
        put("old-current", "v5", NOW.minus(Duration.ofDays(31)), Map.of());
        sweep();
        List<ObjectVersion> versions = store.versionsOf(ACCOUNT, BUCKET, "old-current");
        assertTrue(versions.get(0).deleteMarker());
        assertEquals("v5", versions.get(1).versionId());
    }

    @Test
    void anExpiredMultipartObjectFreesEachOfItsPartBlobs() throws Exception {
        bucket(null, Map.of("Status", "Enabled", "Filter", Map.of("Prefix", ""), "Expiration", Map.of("Days", 1)));
        List<String> parts = List.of(blob(), blob(), blob());
        store.putVersion(ACCOUNT, BUCKET, new ObjectVersion("multipart", "null", ++sequence, false,
                NOW.minus(Duration.ofDays(2)).toEpochMilli(), null, 3, "\"e-3\"", Map.of(), null, Map.of(), "STANDARD",
                Map.of(), null, 3, Map.of(), List.of(1L, 1L, 1L), null, null, parts));

        sweep();

        assertFalse(exists("multipart"));
        parts.forEach(id -> assertFalse(blobs.exists(id), id));
    }

    private String blob() throws Exception {
        try (BlobStore.BlobWriter writer = blobs.create()) {
            writer.output().write(1);
            return writer.commit();
        }
    }

    @Test
    void disabledRulesDoNothing() {
        bucket(null, Map.of("Status", "Disabled", "Filter", Map.of("Prefix", ""), "Expiration", Map.of("Days", 1)));
        put("old", "null", NOW.minus(Duration.ofDays(100)), Map.of());
        sweep();
        assertTrue(exists("old"));
    }

    @Test
    void incompleteUploadsAreAbortedAfterDaysAfterInitiation() {
        bucket(null, Map.of("Status", "Enabled", "Filter", Map.of("Prefix", "up/"),
                "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 2)));
        store.putUpload(ACCOUNT, new UploadRecord(BUCKET, "up/stale", "u1", NOW.minus(Duration.ofDays(3)).toEpochMilli(),
                Map.of(), null, Map.of(), "STANDARD", Map.of(), null, null, null, null));
        store.putUpload(ACCOUNT, new UploadRecord(BUCKET, "up/new", "u2", NOW.minus(Duration.ofDays(1)).toEpochMilli(),
                Map.of(), null, Map.of(), "STANDARD", Map.of(), null, null, null, null));
        sweep();
        assertEquals(List.of("up/new"), store.uploadsIn(ACCOUNT, BUCKET).stream().map(UploadRecord::key).toList());
    }
}
