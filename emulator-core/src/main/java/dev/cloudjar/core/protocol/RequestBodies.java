package dev.cloudjar.core.protocol;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Request;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** Reading a buffered protocol body as the client encoded it. */
public final class RequestBodies {
    /**
     * What a compressed body may inflate to: the server's default body limit. A small gzip body
     * can stand for a thousand times its size, and is inflated before the caller is known (public
     * Cognito operations need no signature), so the limit holds whatever the encoding.
     */
    public static final int MAX_INFLATED_BYTES = 20 * 1024 * 1024;

    private RequestBodies() {
    }

    /**
     * The body's bytes, gunzipped when the client compressed it: operations with the
     * requestCompression trait (CloudWatch PutMetricData, SQS's query API, ...) are sent with
     * Content-Encoding gzip. Inflation stops at {@link #MAX_INFLATED_BYTES}: past it, the answer is
     * the gateway's own for a body over the limit (413 RequestEntityTooLarge).
     *
     * @param malformedCode the protocol's error code for a body that does not decompress
     */
    public static byte[] bytes(Request request, String malformedCode) {
        byte[] body = request.body() == null ? new byte[0] : request.body().bytes();
        String encoding = request.header("Content-Encoding");
        if (encoding == null || !encoding.toLowerCase(Locale.ROOT).contains("gzip") || body.length == 0) {
            return body;
        }
        try {
            // Measured first with one small buffer, so a bomb costs no memory at all; only a body
            // known to fit is inflated again, into an array of exactly its size.
            long size = inflatedSize(body);
            if (size > MAX_INFLATED_BYTES) {
                throw new AwsException("RequestEntityTooLarge", 413,
                        "Request size exceeded " + MAX_INFLATED_BYTES + " bytes");
            }
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                return in.readNBytes((int) size);
            }
        } catch (IOException e) {
            throw new AwsException(malformedCode, 400, "Content-Encoding gzip, but the body is not gzip");
        }
    }

    /** The inflated size, counted up to one byte past the limit. */
    private static long inflatedSize(byte[] body) throws IOException {
        byte[] scratch = new byte[16 * 1024];
        long size = 0;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            int n;
            while (size <= MAX_INFLATED_BYTES && (n = in.read(scratch)) > 0) {
                size += n;
            }
        }
        return size;
    }

    /** Whether a body is empty or whitespace; decoded only when it holds non-ASCII bytes. */
    public static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b < 0) {
                return new String(body, StandardCharsets.UTF_8).isBlank();
            }
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }
}
