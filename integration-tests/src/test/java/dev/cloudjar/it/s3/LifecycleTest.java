package dev.cloudjar.it.s3;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.Tag;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import static dev.cloudjar.it.fixtures.Clients.s3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Lifecycle expiration applied by the background sweeper. A lifecycle day lasts one second here
 * and the sweeper runs every second, so rules act within seconds rather than days.
 */
@Cloudjar(options = {"s3-lifecycle-interval-seconds=1", "s3-lifecycle-day-seconds=1"})
class LifecycleTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** Waits for the sweeper to remove a key, failing after a generous bound (not a timing assertion). */
    static void awaitGone(S3Client s3, String bucket, String key) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            try {
                s3.headObject(b -> b.bucket(bucket).key(key));
            } catch (NoSuchKeyException e) {
                return;
            }
            Thread.sleep(200);
        }
        fail(key + " was not expired within " + PATIENCE);
    }

    @Test
    void objectsSelectedByADaysRuleExpireAndOthersStay(URI endpoint) throws Exception {
        try (S3Client s3 = s3(endpoint)) {
            s3.createBucket(b -> b.bucket("expiring"));
            s3.putBucketLifecycleConfiguration(b -> b.bucket("expiring").lifecycleConfiguration(c -> c.rules(r -> r
                    .id("tmp-after-2-days").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("tmp/"))
                    .expiration(e -> e.days(2)))));
            s3.putObject(b -> b.bucket("expiring").key("keep/report"), RequestBody.fromString("kept"));
            s3.putObject(b -> b.bucket("expiring").key("tmp/scratch"), RequestBody.fromString("scratch"));

            awaitGone(s3, "expiring", "tmp/scratch");

            assertEquals("kept", s3.getObjectAsBytes(b -> b.bucket("expiring").key("keep/report")).asUtf8String());
            assertThrows(NoSuchKeyException.class, () -> s3.getObject(b -> b.bucket("expiring").key("tmp/scratch")));
        }
    }

    @Test
    void aDateRuleWithATagFilterExpiresTaggedObjectsOnly(URI endpoint) throws Exception {
        try (S3Client s3 = s3(endpoint)) {
            s3.createBucket(b -> b.bucket("dated"));
            s3.putObject(b -> b.bucket("dated").key("draft").tagging("stage=draft"), RequestBody.fromString("d"));
            s3.putObject(b -> b.bucket("dated").key("final"), RequestBody.fromString("f"));
            s3.putBucketLifecycleConfiguration(b -> b.bucket("dated").lifecycleConfiguration(c -> c.rules(r -> r
                    .id("drafts").status(ExpirationStatus.ENABLED)
                    .filter(f -> f.tag(Tag.builder().key("stage").value("draft").build()))
                    .expiration(e -> e.date(Instant.parse("2020-01-01T00:00:00Z"))))));

            awaitGone(s3, "dated", "draft");

            assertEquals(1, s3.listObjectsV2(b -> b.bucket("dated")).keyCount());
        }
    }

    @Test
    void inAVersionedBucketExpiryLeavesADeleteMarkerAndTheOldVersion(URI endpoint) throws Exception {
        try (S3Client s3 = s3(endpoint)) {
            s3.createBucket(b -> b.bucket("versioned-expiry"));
            s3.putBucketVersioning(b -> b.bucket("versioned-expiry").versioningConfiguration(v -> v.status("Enabled")));
            String versionId = s3.putObject(b -> b.bucket("versioned-expiry").key("doc"), RequestBody.fromString("v1"))
                    .versionId();
            s3.putBucketLifecycleConfiguration(b -> b.bucket("versioned-expiry").lifecycleConfiguration(c -> c.rules(r -> r
                    .id("all").status(ExpirationStatus.ENABLED).filter(f -> f.prefix("")).expiration(e -> e.days(1)))));

            awaitGone(s3, "versioned-expiry", "doc");

            var versions = s3.listObjectVersions(b -> b.bucket("versioned-expiry"));
            assertEquals(1, versions.deleteMarkers().size());
            assertEquals(versionId, versions.versions().get(0).versionId());
        }
    }
}
