package dev.cloudjar.it.s3;

import dev.cloudjar.junit5.Cloudjar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DeleteMarkerReplicationStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockConfiguration;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.ReplicationConfiguration;
import software.amazon.awssdk.services.s3.model.ReplicationRuleStatus;

import java.net.URI;

import static dev.cloudjar.it.fixtures.Clients.s3;
import static dev.cloudjar.it.s3.BucketAccessTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Replication and Object Lock configurations, both of which need versioning enabled. */
@Cloudjar
class ReplicationAndObjectLockTest {
    static final String ROLE = "arn:aws:iam::000000000000:role/replication";
    static final String NO_LOCK = "Object Lock configuration does not exist for this bucket";
    static S3Client s3;

    @BeforeAll
    static void client(URI endpoint) {
        s3 = s3(endpoint);
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    private static void enableVersioning(String bucket) {
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    }

    private static void replicate(String bucket) {
        s3.putBucketReplication(b -> b.bucket(bucket).replicationConfiguration(c -> c.role(ROLE).rules(r -> r
                .id("everything").priority(1).status(ReplicationRuleStatus.ENABLED).filter(f -> f.prefix("data/"))
                .deleteMarkerReplication(d -> d.status(DeleteMarkerReplicationStatus.DISABLED))
                .destination(d -> d.bucket("arn:aws:s3:::replica").storageClass("STANDARD_IA")))));
    }

    @Test
    void replicationNeedsVersioningEnabled() {
        s3.createBucket(b -> b.bucket("replicated-unversioned"));
        assertError("InvalidRequest", 400, "Versioning must be 'Enabled' on the bucket to apply a replication configuration",
                () -> replicate("replicated-unversioned"));
    }

    @Test
    void aReplicationConfigurationIsStoredAnsweredAndDeleted() {
        s3.createBucket(b -> b.bucket("replicated"));
        assertError("ReplicationConfigurationNotFoundError", 404, "The replication configuration was not found",
                () -> s3.getBucketReplication(b -> b.bucket("replicated")));
        enableVersioning("replicated");
        replicate("replicated");
        ReplicationConfiguration configuration = s3.getBucketReplication(b -> b.bucket("replicated"))
                .replicationConfiguration();
        assertEquals(ROLE, configuration.role());
        assertEquals("everything", configuration.rules().get(0).id());
        assertEquals(1, configuration.rules().get(0).priority());
        assertEquals("data/", configuration.rules().get(0).filter().prefix());
        assertEquals("arn:aws:s3:::replica", configuration.rules().get(0).destination().bucket());
        s3.deleteBucketReplication(b -> b.bucket("replicated"));
        assertError("ReplicationConfigurationNotFoundError", 404, "The replication configuration was not found",
                () -> s3.getBucketReplication(b -> b.bucket("replicated")));
    }

    @Test
    void objectLockNeedsVersioningEnabledAndThenHoldsItEnabled() {
        s3.createBucket(b -> b.bucket("locked-later"));
        assertError("ObjectLockConfigurationNotFoundError", 404, NO_LOCK,
                () -> s3.getObjectLockConfiguration(b -> b.bucket("locked-later")));
        assertError("InvalidBucketState", 409,
                "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration",
                () -> s3.putObjectLockConfiguration(b -> b.bucket("locked-later")
                        .objectLockConfiguration(c -> c.objectLockEnabled(ObjectLockEnabled.ENABLED))));
        enableVersioning("locked-later");
        s3.putObjectLockConfiguration(b -> b.bucket("locked-later").objectLockConfiguration(c -> c
                .objectLockEnabled(ObjectLockEnabled.ENABLED)
                .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.GOVERNANCE).days(30)))));
        ObjectLockConfiguration configuration = s3.getObjectLockConfiguration(b -> b.bucket("locked-later"))
                .objectLockConfiguration();
        assertEquals(ObjectLockEnabled.ENABLED, configuration.objectLockEnabled());
        assertEquals(ObjectLockRetentionMode.GOVERNANCE, configuration.rule().defaultRetention().mode());
        assertEquals(30, configuration.rule().defaultRetention().days());
        assertNull(configuration.rule().defaultRetention().years());
        assertError("InvalidBucketState", 409,
                "An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.",
                () -> s3.putBucketVersioning(b -> b.bucket("locked-later")
                        .versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED))));
    }

    @Test
    void aBucketCreatedWithObjectLockIsVersionedAndLocked() {
        s3.createBucket(b -> b.bucket("locked-at-creation").objectLockEnabledForBucket(true));
        assertEquals(BucketVersioningStatus.ENABLED, s3.getBucketVersioning(b -> b.bucket("locked-at-creation")).status());
        ObjectLockConfiguration configuration = s3.getObjectLockConfiguration(b -> b.bucket("locked-at-creation"))
                .objectLockConfiguration();
        assertEquals(ObjectLockEnabled.ENABLED, configuration.objectLockEnabled());
        assertNull(configuration.rule());
    }

    @Test
    void aDefaultRetentionNamesDaysOrYearsNotBoth() {
        s3.createBucket(b -> b.bucket("locked-badly").objectLockEnabledForBucket(true));
        assertError("MalformedXML", 400,
                "The XML you provided was not well-formed or did not validate against our published schema",
                () -> s3.putObjectLockConfiguration(b -> b.bucket("locked-badly").objectLockConfiguration(c -> c
                        .objectLockEnabled(ObjectLockEnabled.ENABLED)
                        .rule(r -> r.defaultRetention(d -> d.mode(ObjectLockRetentionMode.COMPLIANCE).days(1).years(1))))));
    }
}
