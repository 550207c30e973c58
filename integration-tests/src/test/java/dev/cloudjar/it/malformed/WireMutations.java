package dev.cloudjar.it.malformed;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Damage that signing cannot express or must not see: wrong and absent signatures, an
 * Authorization header the parser must refuse, and HTTP framing that lies — Content-Length
 * against the body, chunked encoding, header lines that are not headers, raw bytes in the
 * request target.
 */
final class WireMutations {
    private WireMutations() {
    }

    /** Signs wrongly, or not at all, or damages the Authorization header after signing. */
    static void signing(Draft d, Random r) {
        int choice = r.nextInt(10);
        if (choice < 5) {
            Draft.Signing signing = Draft.Signing.values()[1 + r.nextInt(Draft.Signing.values().length - 1)];
            d.signing = signing;
            d.note("signing " + signing);
            return;
        }
        String replacement = Odd.pick(r, "", "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512 Credential=test/20240101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00",
                "AWS test:c2lnbmF0dXJl", "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/sts/aws4_request",
                "AWS4-HMAC-SHA256 Credential=, SignedHeaders=, Signature=", "AWS4-HMAC-SHA256 Credential=test/x/y/z, SignedHeaders=host;;, Signature=zz",
                "Bearer abc", "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=" + "0".repeat(64) + ", Signature=1",
                "AWS4-ECDSA-P256-SHA256 Credential=test/20240101/s3/aws4_request, SignedHeaders=host, Signature=00");
        boolean remove = replacement.isEmpty() && r.nextBoolean();
        d.wireEdits.add(w -> {
            if (remove) {
                w.removeHeader("Authorization");
            } else {
                w.setHeader("Authorization", replacement);
            }
        });
        d.note(remove ? "no Authorization" : "Authorization: " + JsonMutations.abbreviate(replacement));
    }

    /** Framing that does not match the body, and head lines that are not HTTP. */
    static void framing(Draft d, Random r) {
        int choice = r.nextInt(12);
        String what = switch (choice) {
            case 0 -> edit(d, w -> setLength(w, String.valueOf(Math.max(0, w.body.length - 1 - r.nextInt(8)))), true,
                    "Content-Length short of the body");
            case 1 -> edit(d, w -> setLength(w, String.valueOf(w.body.length + 1 + r.nextInt(100))), true,
                    "Content-Length past the body");
            case 2 -> edit(d, w -> w.removeHeader("Content-Length"), true, "no Content-Length");
            case 3 -> {
                String value = Odd.pick(r, "abc", "-1", "99999999999999999999", "+5", "0x10", "1 2", "");
                yield edit(d, w -> setLength(w, value), true, "Content-Length '" + value + "'");
            }
            case 4 -> edit(d, w -> w.headers.add(new Draft.Pair("Content-Length", String.valueOf(w.body.length + 3))), true,
                    "two different Content-Lengths");
            case 5 -> edit(d, WireMutations::chunk, false, "chunked body");
            case 6 -> edit(d, w -> {
                chunk(w);
                w.body = new String(w.body, StandardCharsets.ISO_8859_1).replaceFirst("^[0-9a-f]+", "zz")
                        .getBytes(StandardCharsets.ISO_8859_1);
            }, true, "chunk size not hex");
            case 7 -> edit(d, w -> w.headers.add(new Draft.Pair("Transfer-Encoding", "chunked")), true,
                    "Transfer-Encoding and Content-Length");
            case 8 -> {
                String line = Odd.pick(r, "X-Ctl: a\u0001b", "X-Nul: a\u0000b", "X-Cr: a\rb", "no colon here", " folded continuation",
                        "X-Del: \u007f", ": empty name", "X-Bytes: " + Odd.invalidUtf8Chars(r), "X Space: v");
                yield edit(d, w -> w.headers.add(1, new Draft.Pair(line, null)), true, "header line '" + Wire.escape(line) + "'");
            }
            case 9 -> {
                String version = Odd.pick(r, "HTTP/1.0", "HTTP/2.0", "HTTP/1.1x", "HTTP/0.9");
                yield edit(d, w -> w.version = version, !version.equals("HTTP/1.0"), "version " + version);
            }
            case 10 -> {
                String damage = Odd.pick(r, "%zz", "%", "%E2%82", "%00", "\u00e9", Odd.invalidUtf8Chars(r), " x", "#frag", "\t");
                yield edit(d, w -> w.target = w.target.contains("?") ? w.target + "&q=" + damage : w.target + damage,
                        damage.contains(" ") || damage.contains("\t"), "request target + '" + Wire.escape(damage) + "'");
            }
            default -> edit(d, w -> w.headers.add(new Draft.Pair("Expect", "100-continue")), false, "Expect: 100-continue");
        };
        d.note(what);
    }

    private static String edit(Draft d, java.util.function.Consumer<Wire> edit, boolean breaksFraming, String what) {
        d.wireEdits.add(w -> {
            edit.accept(w);
            w.framingBroken |= breaksFraming;
        });
        return what;
    }

    private static void setLength(Wire w, String value) {
        w.setHeader("Content-Length", value);
    }

    /** Re-frames the body as valid chunked transfer encoding. */
    private static void chunk(Wire w) {
        w.removeHeader("Content-Length");
        w.setHeader("Transfer-Encoding", "chunked");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < w.body.length) {
            int n = Math.min(7, w.body.length - at);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(w.body, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            at += n;
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        w.body = out.toByteArray();
    }
}
