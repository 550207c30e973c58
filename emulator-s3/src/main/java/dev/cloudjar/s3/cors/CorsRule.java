package dev.cloudjar.s3.cors;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One CORSRule of a bucket's configuration. Origins and headers may hold one {@code *} wildcard
 * each ({@code https://*.example.com}); origins compare case-sensitively, header names do not.
 */
public record CorsRule(List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders,
                       List<String> exposeHeaders, Integer maxAgeSeconds) {

    /** A rule as PutBucketCors stored it (the model's member names). */
    static CorsRule of(Map<?, ?> rule) {
        return new CorsRule(strings(rule.get("AllowedOrigins")), strings(rule.get("AllowedMethods")),
                strings(rule.get("AllowedHeaders")), strings(rule.get("ExposeHeaders")),
                rule.get("MaxAgeSeconds") instanceof Number n ? n.intValue() : null);
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    /** Whether the rule allows this origin to use this method with these request headers. */
    boolean allows(String origin, String method, List<String> requestHeaders) {
        return allowsOrigin(origin) && allowedMethods.contains(method)
                && requestHeaders.stream().allMatch(this::allowsHeader);
    }

    boolean allowsOrigin(String origin) {
        return allowedOrigins.stream().anyMatch(pattern -> wildcardMatch(pattern, origin));
    }

    /** A rule whose origin is the bare wildcard answers {@code *} rather than echoing the origin. */
    boolean anyOrigin() {
        return allowedOrigins.contains("*");
    }

    private boolean allowsHeader(String header) {
        String name = header.toLowerCase(Locale.ROOT);
        return allowedHeaders.stream().anyMatch(pattern -> wildcardMatch(pattern.toLowerCase(Locale.ROOT), name));
    }

    static boolean wildcardMatch(String pattern, String value) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return pattern.equals(value);
        }
        String head = pattern.substring(0, star);
        String tail = pattern.substring(star + 1);
        return value.length() >= head.length() + tail.length() && value.startsWith(head) && value.endsWith(tail);
    }
}
