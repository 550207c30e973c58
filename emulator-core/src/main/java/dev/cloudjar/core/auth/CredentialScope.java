package dev.cloudjar.core.auth;

/**
 * The credential scope a request names: access key, date (yyyyMMdd), region and signing service.
 * {@code region} is null for a SigV4a request whose region set is a wildcard or names several
 * regions; the gateway then uses its default region.
 */
public record CredentialScope(String accessKeyId, String date, String region, String service) {
}
