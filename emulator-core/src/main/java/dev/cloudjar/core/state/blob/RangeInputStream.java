package dev.cloudjar.core.state.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Reads {@code length} bytes of a file from {@code offset} with positional reads. */
final class RangeInputStream extends InputStream {
    private final FileChannel channel;
    private long position;
    private final long end;

    RangeInputStream(FileChannel channel, long offset, long length) {
        this.channel = channel;
        this.position = offset;
        this.end = offset + length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        int wanted = (int) Math.min(length, end - position);
        int read = channel.read(ByteBuffer.wrap(bytes, offset, wanted), position);
        if (read < 0) {
            throw new IOException("blob ended at " + position + ", before " + end + ": it was truncated");
        }
        position += read;
        return read;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, end - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, end - position);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
