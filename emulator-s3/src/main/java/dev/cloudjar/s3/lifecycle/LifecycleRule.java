package dev.cloudjar.s3.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The expiration part of one lifecycle rule, read from the configuration PutBucketLifecycleConfiguration
 * stored (the model's member names). Transitions are accepted and stored but change nothing here:
 * Cloudjar has one storage class.
 *
 * @param tags             every tag an object must carry (Filter.Tag or Filter.And.Tags)
 * @param expirationDays   Expiration.Days, or null
 * @param expirationDate   Expiration.Date, or null
 * @param noncurrentDays   NoncurrentVersionExpiration.NoncurrentDays, or null
 * @param abortDays        AbortIncompleteMultipartUpload.DaysAfterInitiation, or null
 */
public record LifecycleRule(boolean enabled, String prefix, Map<String, String> tags, Long sizeGreaterThan,
                            Long sizeLessThan, Integer expirationDays, Instant expirationDate,
                            boolean expiredObjectDeleteMarker, Integer noncurrentDays, Integer abortDays) {

    /** The rules of a stored configuration ({@code Rules}), in order. */
    public static List<LifecycleRule> rulesOf(Map<String, Object> configuration) {
        Object rules = configuration == null ? null : configuration.get("Rules");
        return rules instanceof List<?> list ? list.stream().map(r -> of((Map<?, ?>) r)).toList() : List.of();
    }

    static LifecycleRule of(Map<?, ?> rule) {
        Map<?, ?> filter = map(rule.get("Filter"));
        Map<?, ?> and = map(filter.get("And"));
        Map<String, String> tags = new LinkedHashMap<>();
        addTag(tags, map(filter.get("Tag")));
        if (and.get("Tags") instanceof List<?> list) {
            list.forEach(t -> addTag(tags, map(t)));
        }
        String prefix = firstString(filter.get("Prefix"), and.get("Prefix"), rule.get("Prefix"));
        Map<?, ?> expiration = map(rule.get("Expiration"));
        return new LifecycleRule("Enabled".equals(rule.get("Status")), prefix == null ? "" : prefix, tags,
                number(filter.get("ObjectSizeGreaterThan"), and.get("ObjectSizeGreaterThan")),
                number(filter.get("ObjectSizeLessThan"), and.get("ObjectSizeLessThan")),
                integer(expiration.get("Days")), expiration.get("Date") instanceof Instant date ? date : null,
                Boolean.TRUE.equals(expiration.get("ExpiredObjectDeleteMarker")),
                integer(map(rule.get("NoncurrentVersionExpiration")).get("NoncurrentDays")),
                integer(map(rule.get("AbortIncompleteMultipartUpload")).get("DaysAfterInitiation")));
    }

    /** Whether the rule's filter selects an object with this key, these tags and this size. */
    public boolean selects(String key, Map<String, String> objectTags, long size) {
        return enabled && key.startsWith(prefix)
                && tags.entrySet().stream().allMatch(t -> t.getValue().equals(objectTags.get(t.getKey())))
                && (sizeGreaterThan == null || size > sizeGreaterThan)
                && (sizeLessThan == null || size < sizeLessThan);
    }

    /** When a current object last modified at {@code lastModified} expires under this rule, or null if never. */
    public Instant currentExpiry(Instant lastModified, Duration day) {
        if (expirationDate != null) {
            return expirationDate;
        }
        return expirationDays == null ? null : after(lastModified, expirationDays, day);
    }

    /** When a version that became noncurrent at {@code noncurrentSince} expires, or null if never. */
    public Instant noncurrentExpiry(Instant noncurrentSince, Duration day) {
        return noncurrentDays == null ? null : after(noncurrentSince, noncurrentDays, day);
    }

    /** When an upload initiated at {@code initiated} is aborted, or null if never. */
    public Instant abortTime(Instant initiated, Duration day) {
        return abortDays == null ? null : after(initiated, abortDays, day);
    }

    /**
     * {@code days} lifecycle days after {@code from}. With real days S3 rounds up to the next
     * midnight UTC; a shortened day (for tests) counts exactly.
     */
    static Instant after(Instant from, int days, Duration day) {
        Instant due = from.plus(day.multipliedBy(days));
        if (!day.equals(Duration.ofDays(1))) {
            return due;
        }
        Instant midnight = due.truncatedTo(ChronoUnit.DAYS);
        return midnight.equals(due) ? due : midnight.plus(1, ChronoUnit.DAYS);
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }

    private static void addTag(Map<String, String> tags, Map<?, ?> tag) {
        if (tag.get("Key") != null) {
            tags.put(tag.get("Key").toString(), String.valueOf(tag.get("Value")));
        }
    }

    private static String firstString(Object... values) {
        for (Object v : values) {
            if (v instanceof String s) {
                return s;
            }
        }
        return null;
    }

    private static Long number(Object... values) {
        for (Object v : values) {
            if (v instanceof Number n) {
                return n.longValue();
            }
        }
        return null;
    }

    private static Integer integer(Object value) {
        return value instanceof Number n ? n.intValue() : null;
    }
}
