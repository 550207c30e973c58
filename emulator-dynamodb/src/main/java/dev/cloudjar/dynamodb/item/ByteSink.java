package dev.cloudjar.dynamodb.item;

import java.util.Arrays;

/**
 * A growing byte array for encoding keys and items. Unlike {@link java.io.ByteArrayOutputStream},
 * whose every write takes a lock, it is for one thread, which is all an encoding needs: key
 * encoding writes byte by byte on every request.
 */
public final class ByteSink {
    private byte[] bytes;
    private int size;

    public ByteSink(int capacity) {
        bytes = new byte[Math.max(capacity, 16)];
    }

    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    public void write(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    /** Four bytes, big-endian (the order {@link java.nio.ByteBuffer} reads by default). */
    public void writeInt(int v) {
        ensure(4);
        bytes[size++] = (byte) (v >>> 24);
        bytes[size++] = (byte) (v >>> 16);
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
