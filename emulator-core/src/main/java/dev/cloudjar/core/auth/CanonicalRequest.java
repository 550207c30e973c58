package dev.cloudjar.core.auth;

import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Request;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The canonical request of Signature Version 4, rebuilt from the request as it arrived:
 * method, canonical URI, canonical query, canonical headers, signed headers, payload hash.
 */
final class CanonicalRequest {
    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();
    private static final Comparator<String[]> BY_NAME_THEN_VALUE =
            Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]);

    private CanonicalRequest() {
    }

    static String of(Request request, SignedParts parts, String payloadHash, boolean rawPath) {
        StringBuilder canonical = new StringBuilder(512);
        canonical.append(request.method()).append('\n');
        canonical.append(canonicalUri(request.rawPath(), rawPath)).append('\n');
        appendCanonicalQuery(canonical, request.rawQuery(), parts.presigned());
        canonical.append('\n');
        appendCanonicalHeaders(canonical, request.headers(), parts.signedHeaders());
        canonical.append('\n');
        canonical.append(parts.signedHeadersValue()).append('\n');
        canonical.append(payloadHash);
        return canonical.toString();
    }

    /**
     * S3 signs the path exactly as sent. Every other service signs the path normalised (dot
     * segments and repeated slashes removed) and then encoded a second time, as the SDKs do.
     */
    static String canonicalUri(String path, boolean rawPath) {
        if (path.isEmpty()) {
            return "/";
        }
        if (rawPath) {
            return path;
        }
        StringBuilder encoded = new StringBuilder(path.length() + 16);
        uriEncode(encoded, normalize(path), true);
        // Normalising "/foo/bar/." leaves a trailing slash the request did not have; the SDKs drop it.
        if (encoded.length() > 1 && encoded.charAt(encoded.length() - 1) == '/' && !path.endsWith("/")) {
            encoded.setLength(encoded.length() - 1);
        }
        return encoded.toString();
    }

    private static String normalize(String path) {
        if (isNormal(path)) {
            return path;
        }
        try {
            // Parsed under a dummy authority so that a leading "//" stays part of the path.
            return new URI("http://h" + path).normalize().getRawPath();
        } catch (URISyntaxException e) {
            return path;
        }
    }

    /** Whether URI normalisation would leave the path as it is: no "." or ".." segment, no empty segment. */
    private static boolean isNormal(String path) {
        return path.startsWith("/") && !path.contains("//") && !path.contains("/.") && path.indexOf('%') < 0
                && path.indexOf('#') < 0;
    }

    /** Parameters decoded then encoded the SigV4 way, sorted by name then value; presigned URLs leave out their signature. */
    static void appendCanonicalQuery(StringBuilder out, String rawQuery, boolean presigned) {
        if (rawQuery.isEmpty()) {
            return;
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = Request.decode(eq < 0 ? pair : pair.substring(0, eq));
            if (name.isEmpty() || presigned && name.equals(AuthorizationParser.X_AMZ_SIGNATURE)) {
                continue;
            }
            String value = eq < 0 ? "" : Request.decode(pair.substring(eq + 1));
            pairs.add(new String[] {uriEncode(name), uriEncode(value)});
        }
        pairs.sort(BY_NAME_THEN_VALUE);
        for (int i = 0; i < pairs.size(); i++) {
            if (i > 0) {
                out.append('&');
            }
            out.append(pairs.get(i)[0]).append('=').append(pairs.get(i)[1]);
        }
    }

    /** Each signed header as "name:values", values trimmed, inner runs of whitespace collapsed, repeats comma-joined. */
    static void appendCanonicalHeaders(StringBuilder out, Headers headers, List<String> signedHeaders) {
        for (String name : signedHeaders) {
            out.append(name).append(':');
            List<String> values = headers.all(name);
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                appendTrimmed(out, values.get(i));
            }
            out.append('\n');
        }
    }

    private static void appendTrimmed(StringBuilder out, String value) {
        boolean pendingSpace = false;
        boolean started = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c)) {
                pendingSpace = started;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
                started = true;
            }
        }
    }

    static String uriEncode(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        uriEncode(out, value, false);
        return out.toString();
    }

    /** RFC 3986 encoding as SigV4 defines it: only A-Z a-z 0-9 - _ . ~ stay as they are. */
    private static void uriEncode(StringBuilder out, String value, boolean keepSlashes) {
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isUnreserved(c) || keepSlashes && c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX_UPPER[c >> 4]).append(HEX_UPPER[c & 0xf]);
            }
        }
    }

    private static boolean isUnreserved(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '-' || c == '_' || c == '.' || c == '~';
    }
}
