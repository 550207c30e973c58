package dev.cloudjar.core.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A request body. Small protocol bodies (JSON, query, XML configuration) arrive buffered; object
 * payloads arrive as a stream that is read once, off the event loop, and is never held whole in
 * memory.
 */
public interface RequestBody {
    RequestBody EMPTY = of(new byte[0]);

    /** The body as a stream; may be called once for a streamed body. */
    InputStream stream();

    /** The declared length after any transfer decoding (aws-chunked included), or -1 if unknown. */
    long contentLength();

    /** True when the whole body is in memory and {@link #bytes()} is cheap. */
    boolean isBuffered();

    /**
     * Trailing headers sent after an aws-chunked body (x-amz-checksum-crc32, ...); complete only
     * once the stream has been read to its end. Empty for other bodies.
     */
    default Headers trailers() {
        return new Headers();
    }

    /** The whole body. For a streamed body this reads it all, so use only where it is bounded. */
    default byte[] bytes() {
        try (InputStream in = stream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RequestBody of(byte[] bytes) {
        return new RequestBody() {
            @Override
            public InputStream stream() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public long contentLength() {
                return bytes.length;
            }

            @Override
            public boolean isBuffered() {
                return true;
            }

            @Override
            public byte[] bytes() {
                return bytes;
            }
        };
    }

    static RequestBody ofStream(InputStream stream, long contentLength) {
        return new RequestBody() {
            @Override
            public InputStream stream() {
                return stream;
            }

            @Override
            public long contentLength() {
                return contentLength;
            }

            @Override
            public boolean isBuffered() {
                return false;
            }
        };
    }
}
