package dev.cloudjar.s3.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bucket and its configuration. Configurations (CORS, lifecycle, notifications) are kept as the
 * documents the client sent, in {@link Documents}' storable form.
 *
 * @param versioning null until versioning is first configured, then "Enabled" or "Suspended"
 * @param settings   the other configuration documents (encryption, ownership controls, ACL, website...)
 *                   by the name of their XML element, in storable form; absent means never set or deleted
 */
public record BucketRecord(String name, String region, long created, String versioning,
                           Map<String, String> tags, String policy, Map<String, Object> cors,
                           Map<String, Object> lifecycle, Map<String, Object> notification,
                           Map<String, Map<String, Object>> settings) {

    public BucketRecord {
        // Buckets stored before settings existed have none.
        settings = settings == null ? Map.of() : settings;
    }

    public static BucketRecord create(String name, String region, long created, String versioning,
                                      Map<String, Map<String, Object>> settings) {
        Map<String, Map<String, Object>> storable = new LinkedHashMap<>();
        settings.forEach((k, v) -> storable.put(k, Documents.storable(v)));
        return new BucketRecord(name, region, created, versioning, null, null, null, null, null, storable);
    }

    /** A configuration document as the codec takes it, or null. */
    public Map<String, Object> setting(String element) {
        return Documents.restored(settings.get(element));
    }

    /** @param value the document as parsed, or null to remove it */
    public BucketRecord withSetting(String element, Map<String, Object> value) {
        Map<String, Map<String, Object>> changed = new LinkedHashMap<>(settings);
        if (value == null) {
            changed.remove(element);
        } else {
            changed.put(element, Documents.storable(value));
        }
        return new BucketRecord(name, region, created, versioning, tags, policy, cors, lifecycle, notification, changed);
    }

    public boolean versioningEnabled() {
        return "Enabled".equals(versioning);
    }

    public BucketRecord withVersioning(String status) {
        return new BucketRecord(name, region, created, status, tags, policy, cors, lifecycle, notification, settings);
    }

    public BucketRecord withTags(Map<String, String> value) {
        return new BucketRecord(name, region, created, versioning, value, policy, cors, lifecycle, notification, settings);
    }

    public BucketRecord withPolicy(String value) {
        return new BucketRecord(name, region, created, versioning, tags, value, cors, lifecycle, notification, settings);
    }

    public BucketRecord withCors(Map<String, Object> value) {
        return new BucketRecord(name, region, created, versioning, tags, policy, value, lifecycle, notification, settings);
    }

    public BucketRecord withLifecycle(Map<String, Object> value) {
        return new BucketRecord(name, region, created, versioning, tags, policy, cors, value, notification, settings);
    }

    public BucketRecord withNotification(Map<String, Object> value) {
        return new BucketRecord(name, region, created, versioning, tags, policy, cors, lifecycle, value, settings);
    }
}
