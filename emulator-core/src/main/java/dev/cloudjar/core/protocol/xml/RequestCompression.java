package dev.cloudjar.core.protocol.xml;

import dev.cloudjar.core.error.AwsException;
import dev.cloudjar.core.http.Request;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Bodies that SDKs gzip for operations with Smithy's requestCompression trait (CloudWatch, SQS
 * query): the body as the service reads it, decompressed when Content-Encoding lists gzip.
 */
final class RequestCompression {
    /** Bounds what a small compressed body may expand to. */
    private static final int MAX_DECOMPRESSED = 16 * 1024 * 1024;

    private RequestCompression() {
    }

    static byte[] body(Request request) {
        byte[] bytes = request.body() == null ? new byte[0] : request.body().bytes();
        String encoding = request.header("Content-Encoding");
        if (encoding == null || !encoding.toLowerCase(Locale.ROOT).contains("gzip") || bytes.length == 0) {
            return bytes;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            byte[] decompressed = in.readNBytes(MAX_DECOMPRESSED + 1);
            if (decompressed.length > MAX_DECOMPRESSED) {
                throw AwsException.client("RequestEntityTooLarge", "The decompressed request body is too large");
            }
            return decompressed;
        } catch (IOException e) {
            throw AwsException.client("InvalidRequest", "The request body is not valid gzip: " + e.getMessage());
        }
    }
}
