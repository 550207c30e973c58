package dev.cloudjar.core.protocol.xml;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S3's virtual-hosted-style addressing: the bucket named in the Host header
 * ({@code bucket.localhost}, {@code bucket.s3.localhost}, {@code bucket.s3.region.localhost},
 * {@code bucket.s3[.region].amazonaws.com}) rather than in the path.
 */
public final class S3Addressing {
    /** s3, s3.us-east-1, s3-us-west-2, s3.dualstack.eu-west-1, s3-accelerate, ... */
    private static final String S3_ENDPOINT =
            "s3(?:[.-](?:dualstack|accelerate|external-1|[a-z]{2}(?:-[a-z]+)+-\\d+))*";
    private static final Pattern VIRTUAL_HOST =
            Pattern.compile("(.+?)\\.(?:" + S3_ENDPOINT + "\\.)?(?:localhost|amazonaws\\.com)");
    /** Hosts of the service itself (s3.localhost, s3.us-east-1.amazonaws.com), which name no bucket. */
    private static final Pattern SERVICE_HOST = Pattern.compile(S3_ENDPOINT);

    private S3Addressing() {
    }

    /** The bucket a Host header names, or null for path-style requests. */
    public static String bucket(String host) {
        if (host == null) {
            return null;
        }
        String name = host.toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon >= 0 && name.indexOf(']') < colon) {
            name = name.substring(0, colon);
        }
        Matcher m = VIRTUAL_HOST.matcher(name);
        if (!m.matches() || SERVICE_HOST.matcher(m.group(1)).matches()) {
            return null;
        }
        return m.group(1);
    }

    /**
     * The path the model's URI patterns are written for: a virtual-hosted request's path gets its
     * bucket in front, still percent-encoded like the rest of the raw path.
     */
    public static String pathStyle(String host, String rawPath) {
        String bucket = bucket(host);
        return bucket == null ? rawPath : "/" + bucket + (rawPath.startsWith("/") ? rawPath : "/" + rawPath);
    }
}
