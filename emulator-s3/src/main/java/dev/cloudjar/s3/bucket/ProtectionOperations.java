package dev.cloudjar.s3.bucket;

import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.s3.S3Errors;
import dev.cloudjar.s3.store.BucketRecord;
import dev.cloudjar.s3.store.Encryption;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a bucket protects its data: default encryption, replication and Object Lock. Replication
 * and Object Lock are stored and answered, not applied.
 */
public final class ProtectionOperations {
    public static final String ENCRYPTION = "ServerSideEncryptionConfiguration";
    public static final String OBJECT_LOCK = "ObjectLockConfiguration";
    private static final String REPLICATION = "ReplicationConfiguration";
    public static final Set<String> SSE_ALGORITHMS = Set.of("AES256", "aws:kms", "aws:kms:dsse");

    private final Buckets buckets;

    public ProtectionOperations(Buckets buckets) {
        this.buckets = buckets;
    }

    public Output putBucketEncryption(RequestContext context, Input input) {
        Map<String, Object> configuration = input.map(ENCRYPTION);
        List<?> rules = configuration == null ? null : (List<?>) configuration.get("Rules");
        if (rules == null || rules.size() != 1) {
            throw S3Errors.malformedXml();
        }
        Map<?, ?> byDefault = (Map<?, ?>) ((Map<?, ?>) rules.get(0)).get("ApplyServerSideEncryptionByDefault");
        Object algorithm = byDefault == null ? null : byDefault.get("SSEAlgorithm");
        if (!SSE_ALGORITHMS.contains(String.valueOf(algorithm))) {
            throw S3Errors.malformedXml();
        }
        if (byDefault.get("KMSMasterKeyID") != null && algorithm.equals("AES256")) {
            throw S3Errors.invalidArgument("a KMSMasterKeyID is not applicable if the default sse algorithm is not"
                    + " aws:kms or aws:kms:dsse", "ApplyServerSideEncryptionByDefault");
        }
        buckets.putSetting(context, input.string("Bucket"), ENCRYPTION, configuration);
        return Output.empty();
    }

    /** Every bucket has had default encryption since January 2023; deleting it restores SSE-S3. */
    public Output getBucketEncryption(RequestContext context, Input input) {
        BucketRecord bucket = buckets.require(context, input.string("Bucket"));
        Map<String, Object> configuration = bucket.setting(ENCRYPTION);
        if (configuration == null) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("ApplyServerSideEncryptionByDefault", Map.of("SSEAlgorithm", Encryption.SSE_S3.algorithm()));
            rule.put("BucketKeyEnabled", false);
            configuration = Map.of("Rules", List.of(rule));
        }
        return Output.of(ENCRYPTION, configuration);
    }

    public Output deleteBucketEncryption(RequestContext context, Input input) {
        buckets.putSetting(context, input.string("Bucket"), ENCRYPTION, null);
        return Output.empty();
    }

    /** The encryption the bucket applies to objects written without their own. */
    public static Encryption defaultEncryption(BucketRecord bucket) {
        Map<String, Object> configuration = bucket.setting(ENCRYPTION);
        if (configuration == null) {
            return Encryption.SSE_S3;
        }
        Map<?, ?> rule = (Map<?, ?>) ((List<?>) configuration.get("Rules")).get(0);
        Map<?, ?> byDefault = (Map<?, ?>) rule.get("ApplyServerSideEncryptionByDefault");
        Object keyId = byDefault.get("KMSMasterKeyID");
        return new Encryption(String.valueOf(byDefault.get("SSEAlgorithm")), keyId == null ? null : keyId.toString(),
                Boolean.TRUE.equals(rule.get("BucketKeyEnabled")));
    }

    public Output putBucketReplication(RequestContext context, Input input) {
        Map<String, Object> configuration = input.map(REPLICATION);
        List<?> rules = configuration == null ? null : (List<?>) configuration.get("Rules");
        if (rules == null || rules.isEmpty()) {
            throw S3Errors.malformedXml();
        }
        buckets.update(context, input.string("Bucket"), b -> {
            if (!b.versioningEnabled()) {
                throw S3Errors.invalidRequest("Versioning must be 'Enabled' on the bucket to apply a replication"
                        + " configuration");
            }
            return b.withSetting(REPLICATION, configuration);
        });
        return Output.empty();
    }

    public Output getBucketReplication(RequestContext context, Input input) {
        Map<String, Object> document = buckets.requireSetting(context, input.string("Bucket"), REPLICATION,
                "ReplicationConfigurationNotFoundError", "The replication configuration was not found");
        return Output.of(REPLICATION, document);
    }

    public Output deleteBucketReplication(RequestContext context, Input input) {
        buckets.putSetting(context, input.string("Bucket"), REPLICATION, null);
        return Output.empty();
    }

    /** Object Lock can be turned on for an existing bucket once its versioning is enabled, never off. */
    public Output putObjectLockConfiguration(RequestContext context, Input input) {
        Map<String, Object> configuration = input.map(OBJECT_LOCK);
        if (configuration == null || !"Enabled".equals(configuration.get("ObjectLockEnabled"))) {
            throw S3Errors.malformedXml();
        }
        checkRetention(configuration.get("Rule"));
        buckets.update(context, input.string("Bucket"), b -> {
            if (!b.versioningEnabled()) {
                throw S3Errors.invalidBucketState("Versioning must be 'Enabled' on the bucket to apply a Object Lock"
                        + " configuration");
            }
            return b.withSetting(OBJECT_LOCK, configuration);
        });
        return Output.empty();
    }

    /** A default retention names a mode and exactly one of Days and Years, a positive number. */
    private static void checkRetention(Object rule) {
        if (rule == null) {
            return;
        }
        Map<?, ?> retention = (Map<?, ?>) ((Map<?, ?>) rule).get("DefaultRetention");
        if (retention == null || !Set.of("GOVERNANCE", "COMPLIANCE").contains(String.valueOf(retention.get("Mode")))) {
            throw S3Errors.malformedXml();
        }
        Object days = retention.get("Days");
        Object years = retention.get("Years");
        if ((days == null) == (years == null)) {
            throw S3Errors.malformedXml();
        }
        if (((Number) (days != null ? days : years)).intValue() <= 0) {
            throw S3Errors.invalidArgument("Default retention period must be a positive integer value",
                    days != null ? "Days" : "Years", String.valueOf(days != null ? days : years));
        }
    }

    public Output getObjectLockConfiguration(RequestContext context, Input input) {
        Map<String, Object> document = buckets.requireSetting(context, input.string("Bucket"), OBJECT_LOCK,
                "ObjectLockConfigurationNotFoundError", "Object Lock configuration does not exist for this bucket");
        return Output.of(OBJECT_LOCK, document);
    }
}
