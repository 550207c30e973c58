package dev.cloudjar.core.auth;

import dev.cloudjar.core.http.Headers;
import dev.cloudjar.core.http.RequestBody;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.function.Supplier;

/** A request body after verification: decoded from aws-chunked and/or checked against its declared hash. */
final class VerifiedBody implements RequestBody {
    private final InputStream stream;
    private final byte[] bytes;
    private final long contentLength;
    private final Supplier<Headers> trailers;

    private VerifiedBody(InputStream stream, byte[] bytes, long contentLength, Supplier<Headers> trailers) {
        this.stream = stream;
        this.bytes = bytes;
        this.contentLength = contentLength;
        this.trailers = trailers;
    }

    static VerifiedBody streamed(InputStream stream, long contentLength, Supplier<Headers> trailers) {
        return new VerifiedBody(stream, null, contentLength, trailers);
    }

    static VerifiedBody buffered(byte[] bytes, Headers trailers) {
        return new VerifiedBody(null, bytes, bytes.length, () -> trailers);
    }

    @Override
    public InputStream stream() {
        return bytes != null ? new ByteArrayInputStream(bytes) : stream;
    }

    @Override
    public long contentLength() {
        return contentLength;
    }

    @Override
    public boolean isBuffered() {
        return bytes != null;
    }

    @Override
    public byte[] bytes() {
        return bytes != null ? bytes : RequestBody.super.bytes();
    }

    @Override
    public Headers trailers() {
        return trailers.get();
    }
}
