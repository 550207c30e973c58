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
    private RequestBodies() {
    }

    /**
     * The body's bytes, gunzipped when the client compressed it: operations with the
     * requestCompression trait (CloudWatch PutMetricData, ...) are sent with Content-Encoding gzip.
     *
     * @param malformedCode the protocol's error code for a body that does not decompress
     */
    public static byte[] bytes(Request request, String malformedCode) {
        byte[] body = request.body().bytes();
        String encoding = request.header("Content-Encoding");
        if (encoding == null || !encoding.toLowerCase(Locale.ROOT).contains("gzip")) {
            return body;
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AwsException(malformedCode, 400, "Content-Encoding gzip, but the body is not gzip");
        }
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
