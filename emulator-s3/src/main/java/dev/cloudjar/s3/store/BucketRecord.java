package dev.cloudjar.s3.store;

import java.util.Map;

/**
 * A bucket and its configuration. Configurations (CORS, lifecycle, notifications) are kept as the
 * documents the client sent, in {@link Documents}' storable form.
 *
 * @param versioning null until versioning is first configured, then "Enabled" or "Suspended"
 */
public record BucketRecord(String name, String region, long created, String versioning,
                           Map<String, String> tags, String policy, Map<String, Object> cors,
                           Map<String, Object> lifecycle, Map<String, Object> notification) {

    public static BucketRecord create(String name, String region, long created) {
        return new BucketRecord(name, region, created, null, null, null, null, null, null);
    }

    public boolean versioningEnabled() {
        return "Enabled".equals(versioning);
    }

    public BucketRecord withVersioning(String status) {
        return new BucketRecord(name, region, created, status, tags, policy, cors, lifecycle, notification);
    }

    public BucketRecord withTags(Map<String, String> value) {
        return new BucketRecord(name, region, created, versioning, value, policy, cors, lifecycle, notification);
    }

    public BucketRecord withPolicy(String value) {
        return new BucketRecord(name, region, created, versioning, tags, value, cors, lifecycle, notification);
    }

    public BucketRecord withCors(Map<String, Object> value) {
        return new BucketRecord(name, region, created, versioning, tags, policy, value, lifecycle, notification);
    }

    public BucketRecord withLifecycle(Map<String, Object> value) {
        return new BucketRecord(name, region, created, versioning, tags, policy, cors, value, notification);
    }

    public BucketRecord withNotification(Map<String, Object> value) {
        return new BucketRecord(name, region, created, versioning, tags, policy, cors, lifecycle, value);
    }
}
