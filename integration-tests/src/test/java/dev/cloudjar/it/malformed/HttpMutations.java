package dev.cloudjar.it.malformed;

import dev.cloudjar.core.model.Protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Damages what surrounds the body, before signing: the path's labels, query parameters, headers
 * and their values, the method, Content-Type, X-Amz-Target, Content-Encoding; and the body's bytes
 * below its format (truncated, not UTF-8, replaced).
 */
final class HttpMutations {
    /** Query parameters S3 and Lambda read, to add with odd values. */
    private static final List<String> S3_QUERY = List.of("versionId", "partNumber", "uploadId", "max-keys", "list-type",
            "continuation-token", "encoding-type", "response-content-type", "response-content-disposition",
            "response-expires", "response-cache-control", "delimiter", "prefix", "fetch-owner", "start-after",
            "max-uploads", "max-parts", "part-number-marker", "key-marker", "version-id-marker", "upload-id-marker",
            "tagging", "acl", "uploads", "delete", "versions", "location", "attributes", "x-id", "max-buckets",
            "bucket-region", "marker");
    private static final List<String> LAMBDA_QUERY = List.of("Qualifier", "MaxItems", "Marker", "FunctionVersion",
            "MasterRegion", "RevisionId", "EventSourceArn", "FunctionName", "CompatibleRuntime");
    private static final List<String> S3_HEADERS = List.of("Range", "If-Match", "If-None-Match", "If-Modified-Since",
            "If-Unmodified-Since", "x-amz-copy-source", "x-amz-copy-source-range", "x-amz-metadata-directive",
            "x-amz-tagging", "x-amz-tagging-directive", "x-amz-acl", "x-amz-grant-read", "x-amz-server-side-encryption",
            "x-amz-server-side-encryption-customer-algorithm", "x-amz-server-side-encryption-customer-key",
            "x-amz-storage-class", "x-amz-website-redirect-location", "x-amz-meta-x", "x-amz-object-lock-mode",
            "x-amz-object-lock-retain-until-date", "x-amz-object-lock-legal-hold", "x-amz-checksum-crc32",
            "x-amz-checksum-sha256", "x-amz-sdk-checksum-algorithm", "x-amz-expected-bucket-owner",
            "x-amz-request-payer", "x-amz-bucket-object-lock-enabled", "x-amz-mfa", "x-amz-bypass-governance-retention",
            "x-amz-copy-source-if-match", "x-amz-copy-source-if-modified-since", "Content-MD5", "Cache-Control",
            "Expires", "Content-Disposition", "Content-Language", "x-amz-object-attributes", "x-amz-max-parts",
            "x-amz-part-number-marker", "x-amz-write-offset-bytes", "x-amz-if-match-size", "x-amz-trailer",
            "x-amz-decoded-content-length", "x-amz-content-sha256");
    private static final List<String> LAMBDA_HEADERS = List.of("X-Amz-Invocation-Type", "X-Amz-Log-Type",
            "X-Amz-Client-Context", "X-Amz-Tenant-Id");
    private static final List<String> HEADER_VALUES = List.of("bytes=abc", "bytes=5-1", "bytes=-", "bytes=0-0,5-9",
            "bytes=99999999999999999999-", "/", "bucket", "/gen", "/gen/%FF", "/gen/k1?versionId=x", "gen/k1",
            "/gen/%", "GOVERNANCE", "COPY", "REPLACE", "private", "AES256", "aws:kms", "GLACIER", "Event", "DryRun",
            "Tail", "e30=", "not base64!", "a=%zz", "a=b&a=c", "%00");
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/json", "application/x-amz-json-1.0",
            "application/x-amz-json-1.1", "application/xml", "application/cbor", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/x-amz-json-1.0; charset=utf-16", "", "\u0001", "*/*",
            "application/x-www-form-urlencoded; charset=ISO-8859-1");
    private static final List<String> PATH_SEGMENTS = List.of("", "..", "%2E%2E", "%00", "%0A", "a".repeat(1100),
            "%F0%9F%98%80", "%FF", "UPPER", "sp%20ace", "a%2Fb", "%25", "x:y:z", "_bad_", "192.168.1.1", "-", "1",
            "arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Agen-fn%3A%24LATEST",
            "arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3A", "gen-fn%3Alive", "%24LATEST", "%3A%3A%3A");

    private HttpMutations() {
    }

    /** One mutation of the request around its body. */
    static void mutate(Draft d, Random r) {
        Protocol protocol = d.protocol();
        boolean rest = protocol == Protocol.REST_XML || protocol == Protocol.REST_JSON_1 || protocol == Protocol.RPC_V2_CBOR;
        switch (r.nextInt(rest ? 8 : 6)) {
            case 0 -> contentType(d, r);
            case 1 -> headerValue(d, r);
            case 2 -> method(d, r);
            case 3 -> contentEncoding(d, r);
            case 4 -> addHeader(d, r);
            case 5 -> {
                if (protocol == Protocol.AWS_JSON_1_0 || protocol == Protocol.AWS_JSON_1_1) {
                    target(d, r);
                } else {
                    query(d, r);
                }
            }
            case 6 -> path(d, r);
            default -> query(d, r);
        }
    }

    private static void contentType(Draft d, Random r) {
        if (r.nextInt(4) == 0) {
            d.removeHeader("Content-Type");
            d.note("no Content-Type");
        } else {
            String type = Odd.pick(r, CONTENT_TYPES);
            d.setHeader("Content-Type", type);
            d.note("Content-Type " + Wire.escape(type));
        }
    }

    private static void headerValue(Draft d, Random r) {
        if (d.headers.isEmpty()) {
            addHeader(d, r);
            return;
        }
        int i = r.nextInt(d.headers.size());
        Draft.Pair h = d.headers.get(i);
        switch (r.nextInt(3)) {
            case 0 -> {
                d.headers.remove(i);
                d.note("removed header " + h.name());
            }
            case 1 -> {
                d.headers.add(new Draft.Pair(h.name(), Odd.text(r)));
                d.note("repeated header " + h.name());
            }
            default -> {
                String value = Odd.pick(r, Odd.text(r), Odd.pick(r, HEADER_VALUES), Odd.edit(h.value(), r));
                d.headers.set(i, new Draft.Pair(h.name(), value));
                d.note("header " + h.name() + ": " + JsonMutations.abbreviate(value));
            }
        }
    }

    private static void addHeader(Draft d, Random r) {
        List<String> names = d.seed.signingName().equals("s3") ? S3_HEADERS
                : d.seed.signingName().equals("lambda") ? LAMBDA_HEADERS
                : List.of("X-Amz-Target", "X-Amzn-Trace-Id", "X-Amz-Security-Token", "Expect", "x-amzn-query-mode",
                "x-amz-expected-bucket-owner", "smithy-protocol", "X-Amz-User-Agent");
        String name = Odd.pick(r, names);
        String value = r.nextBoolean() ? Odd.text(r) : Odd.pick(r, HEADER_VALUES);
        d.setHeader(name, value);
        d.note("header " + name + ": " + JsonMutations.abbreviate(value));
    }

    /**
     * Another method. On a REST protocol, PUT and DELETE would overwrite or delete what other
     * cases read at that moment, which tests concurrency rather than validation; they are left out there.
     */
    private static void method(Draft d, Random r) {
        boolean rest = d.protocol() == Protocol.REST_XML || d.protocol() == Protocol.REST_JSON_1;
        String method = rest ? Odd.pick(r, "GET", "POST", "HEAD", "PATCH", "OPTIONS", "FOO", "get", "CONNECT")
                : Odd.pick(r, "GET", "PUT", "POST", "DELETE", "HEAD", "PATCH", "OPTIONS", "FOO", "get", "CONNECT");
        d.method = method;
        d.note("method " + method);
    }

    private static void contentEncoding(Draft d, Random r) {
        switch (r.nextInt(4)) {
            case 0 -> {
                d.body = gzip(d.body);
                d.setHeader("Content-Encoding", "gzip");
                d.note("gzip body");
            }
            case 1 -> {
                d.setHeader("Content-Encoding", "gzip");
                d.note("Content-Encoding gzip on a plain body");
            }
            case 2 -> {
                byte[] gz = gzip(d.body);
                d.body = Arrays.copyOf(gz, Math.max(1, gz.length / 2));
                d.setHeader("Content-Encoding", "gzip");
                d.note("truncated gzip body");
            }
            default -> {
                String encoding = Odd.pick(r, "deflate", "br", "compress", "gzip, gzip", "identity", "aws-chunked", "x");
                d.setHeader("Content-Encoding", encoding);
                d.note("Content-Encoding " + encoding);
            }
        }
    }

    private static void target(Draft d, Random r) {
        String target = d.header("X-Amz-Target");
        String prefix = target == null || target.indexOf('.') < 0 ? "X" : target.substring(0, target.indexOf('.'));
        String op = target == null ? "" : target.substring(target.indexOf('.') + 1);
        String value = Odd.pick(r, prefix + ".NoSuchOperation", prefix + "." + op.toLowerCase(), prefix + op,
                prefix + ".", "." + op, "", "DynamoDB_20120810." + op, "AWSCognitoIdentityProviderService." + op,
                "AmazonSQS." + op, prefix + "." + op + " ", prefix + "." + op + ".Extra", "\u0001", prefix + ".Echo");
        if (r.nextInt(5) == 0) {
            d.removeHeader("X-Amz-Target");
            d.note("no X-Amz-Target");
        } else {
            d.setHeader("X-Amz-Target", value);
            d.note("X-Amz-Target " + Wire.escape(value));
        }
    }

    private static void query(Draft d, Random r) {
        if (!d.query.isEmpty() && r.nextBoolean()) {
            int i = r.nextInt(d.query.size());
            Draft.Pair p = d.query.get(i);
            switch (r.nextInt(3)) {
                case 0 -> {
                    d.query.remove(i);
                    d.note("removed query " + p.name());
                }
                case 1 -> {
                    d.query.add(new Draft.Pair(p.name(), Odd.text(r)));
                    d.note("repeated query " + p.name());
                }
                default -> {
                    String value = r.nextBoolean() ? Odd.text(r) : Odd.edit(p.value(), r);
                    d.query.set(i, new Draft.Pair(p.name(), value));
                    d.note("query " + p.name() + "=" + JsonMutations.abbreviate(value));
                }
            }
            return;
        }
        List<String> names = d.seed.signingName().equals("s3") ? S3_QUERY
                : d.seed.signingName().equals("lambda") ? LAMBDA_QUERY : List.of("Action", "Version", "x");
        String name = Odd.pick(r, names);
        String value = Odd.text(r);
        d.query.add(new Draft.Pair(name, value));
        d.note("query +" + name + "=" + JsonMutations.abbreviate(value));
    }

    private static void path(Draft d, Random r) {
        String[] segments = d.encodedPath.split("/", -1);
        int choice = r.nextInt(5);
        if (choice == 0) {
            d.encodedPath = d.encodedPath + Odd.pick(r, "/", "//", "/extra", "/%2F", "/..");
        } else if (choice == 1 && segments.length > 2) {
            d.encodedPath = d.encodedPath.substring(0, d.encodedPath.lastIndexOf('/'));
        } else {
            int i = 1 + r.nextInt(Math.max(1, segments.length - 1));
            if (i < segments.length) {
                segments[i] = Odd.pick(r, PATH_SEGMENTS);
            }
            d.encodedPath = String.join("/", segments);
        }
        if (!d.encodedPath.startsWith("/")) {
            d.encodedPath = "/" + d.encodedPath;
        }
        d.note("path " + JsonMutations.abbreviate(d.encodedPath));
    }

    /** Damages the body's bytes below its format; the signature is computed over the damage. */
    static void bytes(Draft d, Random r) {
        byte[] body = d.body;
        switch (r.nextInt(5)) {
            case 0 -> {
                int at = body.length == 0 ? 0 : r.nextInt(body.length);
                d.body = Arrays.copyOf(body, at);
                d.note("body truncated to " + at + " of " + body.length + " bytes");
            }
            case 1 -> {
                byte[] bad = Odd.invalidUtf8(r);
                int at = insertionPoint(body, r);
                byte[] out = new byte[body.length + bad.length];
                System.arraycopy(body, 0, out, 0, at);
                System.arraycopy(bad, 0, out, at, bad.length);
                System.arraycopy(body, at, out, at + bad.length, body.length - at);
                d.body = out;
                d.note("invalid UTF-8 at byte " + at);
            }
            case 2 -> {
                byte[] out = Arrays.copyOf(body, Math.max(1, body.length));
                int at = r.nextInt(out.length);
                out[at] = (byte) r.nextInt(256);
                d.body = out;
                d.note("byte " + at + " replaced");
            }
            case 3 -> {
                String replacement = Odd.pick(r, "", "null", "[]", "1", "\"s\"", "{", "}", "{}{}", "   ", "<", "\u0000",
                        "\uFEFF{}", "true");
                d.body = replacement.getBytes(StandardCharsets.UTF_8);
                d.note("body replaced by '" + Wire.escape(replacement) + "'");
            }
            default -> {
                if (r.nextBoolean()) {
                    byte[] random = new byte[1 + r.nextInt(512)];
                    r.nextBytes(random);
                    d.body = random;
                    d.note("body replaced by " + random.length + " random bytes");
                } else {
                    d.body = new String(body, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16);
                    d.note("body in UTF-16");
                }
            }
        }
    }

    /** Just after a quote when there is one, so the bytes land inside a string. */
    private static int insertionPoint(byte[] body, Random r) {
        if (body.length == 0) {
            return 0;
        }
        int start = r.nextInt(body.length);
        for (int i = start; i < body.length; i++) {
            if (body[i] == '"' || body[i] == '>' || body[i] == '=') {
                return i + 1;
            }
        }
        return start;
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
