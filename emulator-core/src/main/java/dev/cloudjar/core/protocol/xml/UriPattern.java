package dev.cloudjar.core.protocol.xml;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An http trait's URI pattern, e.g. {@code /{Bucket}/{Key+}?uploadId}: literal and label path
 * segments (a greedy label takes the rest of the path) and literal query parameters the request
 * must carry.
 */
final class UriPattern {
    private static final String X_ID = "x-id";

    private final List<String> segments;
    private final Map<String, String> query;
    private final boolean greedy;

    private UriPattern(List<String> segments, Map<String, String> query) {
        this.segments = segments;
        this.query = query;
        this.greedy = !segments.isEmpty() && segments.get(segments.size() - 1).endsWith("+}");
    }

    static UriPattern parse(String uri) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : uri.substring(q + 1).split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    query.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? null : pair.substring(eq + 1));
                }
            }
        }
        return new UriPattern(List.copyOf(segments), query);
    }

    /**
     * The labels of a matching request, percent-decoded once ('+' stays a plus, as S3 keys need),
     * or null when the request does not match.
     *
     * @param rawPath the path as sent, still percent-encoded
     */
    Map<String, String> match(String rawPath, Map<String, List<String>> queryParameters) {
        for (Map.Entry<String, String> constraint : query.entrySet()) {
            List<String> values = queryParameters.get(constraint.getKey());
            // S3's models name each operation in x-id, but neither S3 nor every SDK sends it.
            boolean optional = X_ID.equals(constraint.getKey());
            if (values == null ? !optional
                    : constraint.getValue() != null && !values.contains(constraint.getValue())) {
                return null;
            }
        }
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        Map<String, String> labels = new LinkedHashMap<>();
        int position = 0;
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (position > path.length()) {
                return null;
            }
            if (segment.endsWith("+}")) {
                String rest = path.substring(position);
                if (rest.isEmpty()) {
                    return null;
                }
                labels.put(segment.substring(1, segment.length() - 2), decode(rest));
                return labels;
            }
            int slash = path.indexOf('/', position);
            String actual = slash < 0 ? path.substring(position) : path.substring(position, slash);
            position = slash < 0 ? path.length() + 1 : slash + 1;
            if (segment.startsWith("{")) {
                if (actual.isEmpty()) {
                    return null;
                }
                labels.put(segment.substring(1, segment.length() - 1), decode(actual));
            } else if (!segment.equals(actual)) {
                return null;
            }
        }
        // Whatever is left must be nothing or a single trailing slash.
        return position >= path.length() ? labels : null;
    }

    /** Orders patterns most specific first: more literal segments, then more query constraints, greedy last. */
    int specificity() {
        int literals = (int) segments.stream().filter(s -> !s.startsWith("{")).count();
        long constraints = query.keySet().stream().filter(name -> !X_ID.equals(name)).count();
        return literals * 1000 + segments.size() * 100 + (int) constraints * 10 + (greedy ? 0 : 1);
    }

    /** Percent-decodes exactly once, as UTF-8; a '%' not followed by two hex digits stays as it is. */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            int c = raw.codePointAt(i);
            int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
            if (c == '%' && high >= 0 && low >= 0) {
                bytes.write(high * 16 + low);
                i += 3;
            } else {
                byte[] encoded = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
