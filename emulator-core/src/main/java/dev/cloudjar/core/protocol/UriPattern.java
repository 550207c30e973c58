package dev.cloudjar.core.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An http trait URI pattern such as {@code /{Bucket}/{Key+}?x-id=GetObject}: literal segments,
 * label segments, at most one greedy label, and literal query constraints that a request must
 * carry (a name, or a name with its value; a name alone maps to null).
 */
public final class UriPattern {
    private record Segment(String text, boolean label, boolean greedy) {
    }

    private final String pattern;
    private final List<Segment> segments;
    private final Map<String, String> requiredQuery;
    private final boolean hasGreedy;

    private UriPattern(String pattern, List<Segment> segments, Map<String, String> requiredQuery) {
        this.pattern = pattern;
        this.segments = segments;
        this.requiredQuery = requiredQuery;
        this.hasGreedy = segments.stream().anyMatch(Segment::greedy);
    }

    public static UriPattern parse(String pattern) {
        int q = pattern.indexOf('?');
        String path = q < 0 ? pattern : pattern.substring(0, q);
        List<Segment> segments = new ArrayList<>();
        for (String part : pathSegments(path)) {
            if (part.startsWith("{") && part.endsWith("}")) {
                String name = part.substring(1, part.length() - 1);
                boolean greedy = name.endsWith("+");
                segments.add(new Segment(greedy ? name.substring(0, name.length() - 1) : name, true, greedy));
            } else {
                segments.add(new Segment(part, false, false));
            }
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : pattern.substring(q + 1).split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    query.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? null : pair.substring(eq + 1));
                }
            }
        }
        return new UriPattern(pattern, List.copyOf(segments), Collections.unmodifiableMap(query));
    }

    /** Query parameter names the pattern fixes; they are not bound to any member. */
    public Set<String> literalQueryNames() {
        return requiredQuery.keySet();
    }

    /**
     * The labels of a matching request, percent-decoded (a greedy label keeps its slashes), or
     * null when the request does not match.
     */
    public Map<String, String> match(String rawPath, Map<String, List<String>> query) {
        return match(pathSegments(rawPath), query);
    }

    /**
     * As {@link #match(String, Map)}, for a path already split by {@link #pathSegments(String)}:
     * a router trying many patterns splits the path once.
     */
    public Map<String, String> match(List<String> parts, Map<String, List<String>> query) {
        if (hasGreedy ? parts.size() < segments.size() : parts.size() != segments.size()) {
            return null;
        }
        for (Map.Entry<String, String> required : requiredQuery.entrySet()) {
            List<String> values = query.get(required.getKey());
            if (values == null || required.getValue() != null && !values.contains(required.getValue())) {
                return null;
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        return matchFrom(0, 0, parts, labels) ? labels : null;
    }

    private boolean matchFrom(int si, int pi, List<String> parts, Map<String, String> labels) {
        if (si == segments.size()) {
            return pi == parts.size();
        }
        Segment segment = segments.get(si);
        if (segment.greedy()) {
            int remainingSegments = segments.size() - si - 1;
            int end = parts.size() - remainingSegments;
            if (end <= pi) {
                return false;
            }
            String value = String.join("/", parts.subList(pi, end));
            if (value.isEmpty()) {
                return false;
            }
            labels.put(segment.text(), decode(value));
            return matchFrom(si + 1, end, parts, labels);
        }
        if (pi >= parts.size()) {
            return false;
        }
        String part = parts.get(pi);
        if (segment.label()) {
            if (part.isEmpty()) {
                return false;
            }
            labels.put(segment.text(), decode(part));
        } else if (!segment.text().equals(decode(part))) {
            return false;
        }
        return matchFrom(si + 1, pi + 1, parts, labels);
    }

    /**
     * Orders patterns from most to least specific: more literal segments first, then more literal
     * query constraints, then patterns without a greedy label, so that {@code /{Bucket}?uploads}
     * wins over {@code /{Bucket}} and {@code /a/b} over {@code /a/{Label}}.
     */
    public int compareSpecificity(UriPattern other) {
        int byLiterals = Long.compare(other.literalSegments(), literalSegments());
        if (byLiterals != 0) {
            return byLiterals;
        }
        int byQuery = Integer.compare(other.requiredQuery.size(), requiredQuery.size());
        if (byQuery != 0) {
            return byQuery;
        }
        return Boolean.compare(hasGreedy(), other.hasGreedy());
    }

    private long literalSegments() {
        return segments.stream().filter(s -> !s.label()).count();
    }

    private boolean hasGreedy() {
        return hasGreedy;
    }

    /** The path's segments between slashes; "/" has none, and one trailing slash is insignificant. */
    public static List<String> pathSegments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
    }

    /** Percent-decodes a path; unlike form decoding, '+' stays '+'. */
    public static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            int c = raw.codePointAt(i);
            if (c == '%' && isHex(raw, i + 1) && isHex(raw, i + 2)) {
                out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                out.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(String s, int i) {
        return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
