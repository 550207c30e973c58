package dev.cloudjar.core.state;

import java.util.Arrays;

/** Argument rules of {@link dev.cloudjar.core.spi.storage.Keyspace#scan}, shared by every store. */
public final class Scans {
    private Scans() {
    }

    public static void checkLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("a scan limit is at least 0, not " + limit);
        }
    }

    /** Whether {@code from <= key < to} holds for no key. */
    public static boolean isEmptyRange(byte[] from, byte[] to) {
        return from != null && to != null && Arrays.compareUnsigned(from, to) >= 0;
    }
}
