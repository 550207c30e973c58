package dev.cloudjar.lambda.function;

import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.Response;
import dev.cloudjar.core.http.ResponseBody;
import dev.cloudjar.core.spi.RawRoute;
import dev.cloudjar.core.spi.storage.BlobStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves a function's code package at the URL GetFunction returns as Code.Location (on AWS a
 * presigned S3 URL; here an unguessable path on this server).
 */
public final class CodeDownloads {
    public static final String PREFIX = "/lambda-code/";

    private final BlobStore blobs;

    public CodeDownloads(BlobStore blobs) {
        this.blobs = blobs;
    }

    static String token(FunctionConfiguration function) {
        return function.codeBlob();
    }

    public RawRoute route() {
        return new RawRoute("Lambda code downloads", r -> "GET".equals(r.method()) && r.rawPath().startsWith(PREFIX),
                request -> {
                    String blobId = request.rawPath().substring(PREFIX.length());
                    if (blobId.isEmpty() || blobId.contains("/") || blobId.contains("..") || !blobs.exists(blobId)) {
                        return Response.of(404, "text/plain", "NoSuchKey".getBytes(StandardCharsets.UTF_8));
                    }
                    return download(blobId);
                });
    }

    private Response download(String blobId) throws IOException {
        Headers headers = Headers.of("Content-Type", "application/zip");
        long size = blobs.size(blobId);
        // A small package shares a pack file with other blobs and is read instead of sent zero-copy.
        ResponseBody body = blobs.file(blobId).<ResponseBody>map(file -> new ResponseBody.FileRegion(file, 0, size))
                .orElseGet(() -> new ResponseBody.Stream(open(blobId, size), size));
        return new Response(200, headers, body);
    }

    private InputStream open(String blobId, long size) {
        try {
            return blobs.open(blobId, 0, size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
