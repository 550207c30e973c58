package dev.cloudjar.core.server;

import dev.cloudjar.core.http.RequestBody;

import java.io.IOException;
import java.io.InputStream;

/**
 * An upload's body while it is still arriving: the gateway's head steps wrap its stream (a
 * signature check, aws-chunked decoding) before the bytes are here, and the handler reads it
 * only once the whole body is in the {@link BodySpool}. The stream opens the spool on first read.
 */
final class SpooledBody implements RequestBody {
    private final BodySpool spool;
    private final long contentLength;
    private final InputStream stream = new LazyStream();

    SpooledBody(BodySpool spool, long contentLength) {
        this.spool = spool;
        this.contentLength = contentLength;
    }

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

    private final class LazyStream extends InputStream {
        private InputStream open;
        private boolean closed;

        private InputStream open() throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            if (open == null) {
                open = spool.stream();
            }
            return open;
        }

        @Override
        public int read() throws IOException {
            return open().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return open().read(b, off, len);
        }

        @Override
        public long skip(long n) throws IOException {
            return open().skip(n);
        }

        @Override
        public int available() throws IOException {
            return closed || open == null ? 0 : open.available();
        }

        @Override
        public void close() throws IOException {
            closed = true;
            if (open != null) {
                open.close();
            }
        }
    }
}
