package dev.cloudjar.core.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as the gateway and the codecs see it, free of Netty types. The raw path and
 * raw query are kept as sent because SigV4 canonicalisation and S3 keys depend on the exact
 * encoding.
 */
public final class Request {
    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final Headers headers;
    private final Map<String, List<String>> queryParameters;
    private RequestBody body;

    public Request(String method, String uri, Headers headers, RequestBody body) {
        this.method = method;
        int q = uri.indexOf('?');
        this.rawPath = q < 0 ? uri : uri.substring(0, q);
        this.rawQuery = q < 0 ? "" : uri.substring(q + 1);
        this.headers = headers;
        this.queryParameters = Collections.unmodifiableMap(parseQuery(rawQuery));
        this.body = body;
    }

    /** Decodes a query or form string; a name without '=' maps to an empty value. */
    public static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
        return params;
    }

    /** Percent-decodes; '+' means space, as in form encoding (SigV4 clients never send a bare '+'). */
    public static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    public String method() {
        return method;
    }

    /** The path exactly as sent, still percent-encoded. */
    public String rawPath() {
        return rawPath;
    }

    /** The query string exactly as sent, without '?'; empty if none. */
    public String rawQuery() {
        return rawQuery;
    }

    public Headers headers() {
        return headers;
    }

    public String header(String name) {
        return headers.first(name);
    }

    /** The Host header's name, without port or IPv6 brackets, lower case; "" without one. */
    public String hostName() {
        return hostName(header("Host"));
    }

    /** The host of a Host header or URI host, without port or IPv6 brackets, lower case. */
    public static String hostName(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        return colon < 0 || h.indexOf(':', colon + 1) >= 0 ? h : h.substring(0, colon);
    }

    public Map<String, List<String>> queryParameters() {
        return queryParameters;
    }

    /** The first value of a query parameter, or null. */
    public String queryParameter(String name) {
        List<String> values = queryParameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public RequestBody body() {
        return body;
    }

    /** Replaces the body, e.g. with a decoding or verifying stream over it. */
    public void body(RequestBody body) {
        this.body = body;
    }

    @Override
    public String toString() {
        return method + " " + rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery);
    }
}
