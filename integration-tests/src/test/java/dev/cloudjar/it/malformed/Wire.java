package dev.cloudjar.it.malformed;

import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A signed request as it will be written: request line, headers in order, body. Wire edits change
 * it after signing. In the head, a character from U+DC80 to U+DCFF stands for the single raw byte
 * 0x80–0xFF (as Python's surrogateescape does), so an edit can put bytes that are not UTF-8 there.
 */
final class Wire {
    String method;
    String target;
    String version = "HTTP/1.1";
    /** In order; a pair without a value is a raw line written as it is. */
    final List<Draft.Pair> headers = new ArrayList<>();
    byte[] body;
    /**
     * The request's framing is broken (its length lies, or bytes follow its end): the client sends
     * it, then tells the server nothing more is coming, and reads whatever comes back until the close.
     */
    boolean framingBroken;

    static Wire of(String method, SdkHttpRequest signed, byte[] body) {
        Wire wire = new Wire();
        wire.method = method;
        StringBuilder target = new StringBuilder(signed.encodedPath().isEmpty() ? "/" : signed.encodedPath());
        boolean first = true;
        for (Map.Entry<String, List<String>> p : signed.rawQueryParameters().entrySet()) {
            for (String v : p.getValue()) {
                target.append(first ? '?' : '&').append(SdkHttpUtils.urlEncode(p.getKey()));
                if (v != null) {
                    target.append('=').append(SdkHttpUtils.urlEncode(v));
                }
                first = false;
            }
        }
        wire.target = target.toString();
        boolean hasLength = false;
        for (Map.Entry<String, List<String>> h : signed.headers().entrySet()) {
            hasLength |= h.getKey().equalsIgnoreCase("Content-Length");
            for (String v : h.getValue()) {
                wire.headers.add(new Draft.Pair(h.getKey(), v));
            }
        }
        if (!hasLength && (body.length > 0 || !method.equals("GET") && !method.equals("HEAD"))) {
            wire.headers.add(new Draft.Pair("Content-Length", String.valueOf(body.length)));
        }
        wire.body = body;
        return wire;
    }

    void setHeader(String name, String value) {
        removeHeader(name);
        headers.add(new Draft.Pair(name, value));
    }

    void removeHeader(String name) {
        headers.removeIf(h -> h.name().equalsIgnoreCase(name));
    }

    boolean isHead() {
        return method.equals("HEAD");
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, method + " " + target + " " + version + "\r\n");
        for (Draft.Pair h : headers) {
            write(out, line(h) + "\r\n");
        }
        write(out, "\r\n");
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The head as text with unprintable characters escaped, and the body's first bytes, for a failure report. */
    String describe() {
        StringBuilder s = new StringBuilder();
        s.append(escape(method + " " + target + " " + version)).append('\n');
        for (Draft.Pair h : headers) {
            s.append(escape(line(h))).append('\n');
        }
        s.append('\n');
        int shown = Math.min(body.length, 2048);
        s.append(escape(new String(body, 0, shown, StandardCharsets.UTF_8)));
        if (shown < body.length) {
            s.append("... (").append(body.length).append(" bytes)");
        }
        return s.toString();
    }

    private static String line(Draft.Pair header) {
        return header.value() == null ? header.name() : header.name() + ": " + header.value();
    }

    static String escape(String text) {
        StringBuilder s = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c >= 0xDC80 && c <= 0xDCFF) {
                s.append(String.format("\\x%02x", c - 0xDC00));
            } else if (c < 0x20 && c != '\n' || c == 0x7f || c == 0xFFFD) {
                s.append(String.format("\\u%04x", c));
            } else {
                s.appendCodePoint(c);
            }
        });
        return s.toString();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0xDC80 && c <= 0xDCFF) {
                out.writeBytes(run.toString().getBytes(StandardCharsets.UTF_8));
                run.setLength(0);
                out.write(c - 0xDC00);
            } else {
                run.append(c);
            }
        }
        out.writeBytes(run.toString().getBytes(StandardCharsets.UTF_8));
    }
}
